import Testing
@testable import TidingsCLI
