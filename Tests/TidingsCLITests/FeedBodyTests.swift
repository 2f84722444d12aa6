import Foundation
import Testing
import TestSupport
import TidingsExtract
import TidingsModel
@testable import TidingsStore
@testable import TidingsCLI

/// Opening a feed article cuts its item out where the index says it stands (`body(of:)`): the
/// place the index keeps must be the one the cut needs, after a first build and after a later
/// batch-by-batch refresh, with titles that repeat (an id is kept once).
@Suite struct FeedBodyTests {
    static func feed(_ name: String, items: Int) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>\(name)</title><link>https://\(name).example.com/</link>\n"
        for i in 0..<items {
            let title = i % 9 == 4 ? "\(name) story \(i - 1)" : "\(name) story \(i)"
            xml += "<item><title>\(title)</title><link>s/\(i)</link><description>Body \(i) of \(name).</description></item>\n"
        }
        return xml + "</channel></rss>\n"
    }

    private func expectEveryBodyCutFromItsPlace(_ index: ArticleIndex, _ store: TemporaryStore, _ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: store.url.appendingPathComponent(file)))
        let pages = try FeedParser().parse(bytes, path: file).pages
        var ids: [ArticleID] = []
        for page in pages {
            let id = ArticleID(headline: page.headline)
            guard !ids.contains(id) else { continue }
            ids.append(id)
            let ordinal = try #require(try index.ordinal(of: id, inFile: file))
            // The index's place finds the item at once (not a whole-file parse as a fallback).
            #expect(FeedParser().page(bytes, path: file, near: ordinal, matching: id) == page, "\(page.headline)")
            let article = try index.resolve(idPrefix: id.rawValue).article
            #expect(try index.body(of: article) == page.body)
        }
        #expect(ids.count == 44)  // 50 items, 6 repeating the one before
    }

    @Test func aFeedBodyIsCutFromThePlaceTheIndexKeeps() throws {
        let store = try TemporaryStore()
        let folder = try makeTemporaryDirectory()
        try store.write("first.xml", Self.feed("first", items: 50))
        let index = try ArticleIndex(path: folder.appendingPathComponent("index.sqlite"), store: store.url,
                                     parsers: pageParsers, marks: .snapshot([]))
        _ = try index.refresh()  // a first build
        try expectEveryBodyCutFromItsPlace(index, store, "first.xml")
        try store.write("second.xml", Self.feed("second", items: 50))
        _ = try index.refresh()  // batch by batch
        try expectEveryBodyCutFromItsPlace(index, store, "second.xml")
    }
}
