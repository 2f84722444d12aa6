import Testing
@testable import TidingsUI
