import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

/// Opening one article of a feed parses only its item, cut from the file (`FeedItemSlice`): it
/// must give the page the whole parse gives, and never another article's.
@Suite struct FeedItemSliceTests {
    /// Every page of the whole parse, found from its place among the file's distinct ids.
    private func expectEveryItemCut(_ bytes: [UInt8], path: String) throws {
        let pages = try FeedParser().parse(bytes, path: path).pages
        var seen: [ArticleID] = []
        for page in pages {
            let id = ArticleID(headline: page.headline)
            guard !seen.contains(id) else { continue }  // the index keeps an id's first page
            let cut = FeedParser().page(bytes, path: path, near: seen.count, matching: id)
            #expect(cut == page, "\(page.headline)")
            seen.append(id)
        }
        #expect(!seen.isEmpty)
    }

    @Test(arguments: ["rss2.xml", "atom.xml", "rss1.rdf.xml"])
    func eachItemOfAFixtureIsCutOutWhole(name: String) throws {
        try expectEveryItemCut(try Fixture.bytes(name), path: name)
    }

    /// 300 items, some repeating an earlier title (not counted by the index), one whose CDATA
    /// holds `<item>` text the byte scan takes for a start tag, relative links resolved against
    /// the channel's link, a namespaced content element.
    @Test func aBigFeedWithRepeatsAndADecoyIsCutRight() throws {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Harbour &amp; Bay</title><link>https://bay.example.com/news/</link>

            """
        for i in 0..<300 {
            let title = i % 50 == 7 ? "Story \(i - 1)" : "Story \(i)"
            let extra = i == 120 ? "<description><![CDATA[Not a tag: <item><title>Decoy</title></item>]]></description>" : ""
            xml += """
                <item><title>\(title)</title><link>story/\(i)</link>\(extra)
                <content:encoded><![CDATA[<p>Body of \(i) with <a href="more/\(i)">more</a>.</p>]]></content:encoded></item>

                """
        }
        xml += "</channel></rss>\n"
        try expectEveryItemCut(Array(xml.utf8), path: "bay.xml")
    }

    @Test func anIdThatIsNotThereIsNotFound() throws {
        let bytes = try Fixture.bytes("rss2.xml")
        #expect(FeedParser().page(bytes, path: "rss2.xml", near: 0, matching: ArticleID(headline: "No such story")) == nil)
        #expect(FeedParser().page(bytes, path: "rss2.xml", near: 40, matching: ArticleID(headline: "Tide gauge & new buoys installed")) == nil)
    }
}
