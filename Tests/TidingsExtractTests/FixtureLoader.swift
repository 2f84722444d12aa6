import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return [UInt8](try Data(contentsOf: url))
    }

    static func html(_ name: String) throws -> ParsedPage {
        let file = try HTMLPageParser().parse(try bytes(name), path: name)
        #expect(file.kind == .html)
        return try #require(file.pages.first)
    }

    static func feed(_ name: String) throws -> [ParsedPage] {
        let file = try FeedParser().parse(try bytes(name), path: name)
        #expect(file.kind == .feed)
        return file.pages
    }
}

extension ParsedPage {
    var bodyText: String { body.blocks.map(\.text).joined(separator: "\n") }
}
