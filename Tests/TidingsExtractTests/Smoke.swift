import Testing
@testable import TidingsExtract
