import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

/// Feeds that are not quite XML keep their text: HTML entities decoded as HTML, a raw `&` or
/// `<` kept as written, and a billion-laughs entity does not cost the items after it.
@Suite struct FeedRepairTests {
    static func feed(_ items: [String], doctype: String = "") -> [UInt8] {
        Array(("<?xml version=\"1.0\"?>\(doctype)<rss version=\"2.0\"><channel><title>F</title>"
            + items.joined() + "</channel></rss>").utf8)
    }

    @Test func htmlEntitiesAndStrayAmpersandsAndBracketsKeepTheirText() throws {
        let bytes = Self.feed([
            "<item><title>Caf&eacute; prices rise&nbsp;again &mdash; report</title><link>http://e.com/a?x=1&y=2</link></item>",
            "<item><title>AT&T buys T&Mobile</title><description>x < y &amp; 3 &#233; &#xE9; &unknown; &</description></item>",
            "<item><title>Third item</title></item>",
        ])
        let pages = try FeedParser().parse(bytes, path: "f.xml").pages
        #expect(pages.map(\.headline) == ["Caf\u{E9} prices rise\u{A0}again \u{2014} report", "AT&T buys T&Mobile", "Third item"]
            || pages.map(\.headline) == ["Caf\u{E9} prices rise again \u{2014} report", "AT&T buys T&Mobile", "Third item"])
        #expect(pages[0].url == "http://e.com/a?x=1&y=2")
        #expect(pages[1].summary == "x < y & 3 \u{E9} \u{E9} &unknown; &")
        // The headline makes the id: the same story spelt with entities or without is one article.
        #expect(ArticleID(headline: pages[1].headline) == ArticleID(headline: "AT&T buys T&Mobile"))
    }

    @Test func aBillionLaughsFeedKeepsEveryItemAndExpandsNothing() throws {
        var doctype = "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            doctype += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = name
        }
        doctype += "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>"
        let bytes = Self.feed([
            "<item><title>First &i;</title><description>one &ext;</description></item>",
            "<item><title>Second</title></item>", "<item><title>Third</title></item>",
        ], doctype: doctype)
        let pages = try FeedParser().parse(bytes, path: "f.xml").pages
        #expect(pages.map(\.headline) == ["First", "Second", "Third"])
        #expect(pages[0].summary == "one")
    }

    @Test func wellFormedFeedsAreNotCopied() {
        #expect(FeedRepair.repair(Self.feed(["<item><title>A &amp; B &lt;C&gt; &#233;</title><![CDATA[x & y < z]]><!-- a & b < --></item>"])) == nil)
    }
}
