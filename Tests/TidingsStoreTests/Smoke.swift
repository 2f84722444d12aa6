import Testing
@testable import TidingsStore
