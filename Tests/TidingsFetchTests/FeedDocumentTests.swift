import Testing
@testable import TidingsFetch

/// Cutting fetched feeds into items, their keys and links, and full text put into an item.
struct FeedDocumentTests {
    @Test func rssItemsKeysAndInsertionPoint() throws {
        let text = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <!-- <item><guid>commented</guid></item> -->
            <item><title>One</title><guid isPermaLink="false">g-1</guid><link>http://a/1</link></item>
            <item><title><![CDATA[Two </item> inside]]></title><link>http://a/2?x=1&amp;y=2</link></item>
            <item><title>Three &amp; more</title></item>
            </channel></rss>
            """
        let bytes = Array(text.utf8)
        let document = try #require(FeedDocument(bytes))
        #expect(document.kind == .rss)
        #expect(document.items.count == 3)
        #expect(document.items.map { document.key(of: $0) } == ["g-1", "http://a/2?x=1&y=2", "title:Three & more"])
        #expect(document.link(of: document.items[1]) == "http://a/2?x=1&y=2")
        let insertion = try #require(document.insertionPoint)
        #expect(String(decoding: bytes[insertion...], as: UTF8.self).hasPrefix("</channel>"))
    }

    @Test func atomAndRSS1() throws {
        let atom = Array("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><id>tag:x,2025:1</id><link rel="replies" href="http://a/c"/><link href="http://a/1"/></entry>
            <entry><link rel="alternate" href="http://a/2"/></entry></feed>
            """.utf8)
        let document = try #require(FeedDocument(atom))
        #expect(document.kind == .atom)
        #expect(document.items.map { document.key(of: $0) } == ["tag:x,2025:1", "http://a/2"])
        #expect(document.link(of: document.items[0]) == "http://a/1")
        let rdf = Array("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="x"><title>R</title></channel>
            <item rdf:about="http://a/1"><title>One</title><link>http://a/1</link></item>
            </rdf:RDF>
            """.utf8)
        let one = try #require(FeedDocument(rdf))
        #expect(one.items.count == 1)
        let insertion = try #require(one.insertionPoint)
        #expect(String(decoding: rdf[insertion...], as: UTF8.self).hasPrefix("</rdf:RDF>"))
        #expect(FeedDocument(Array("<html><body>no</body></html>".utf8)) == nil)
    }

    @Test func fullTextGoesFirstInTheItem() {
        let item = Array("<item><title>T</title><description>short</description></item>".utf8)
        let rss = String(decoding: FullText.inject("<p>Long ]]> text</p>", into: item[...], kind: .rss), as: UTF8.self)
        #expect(rss.hasPrefix("<item><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>Long ]]]]><![CDATA[> text</p>]]></content:encoded><title>"))
        let entry = Array("<entry><title>T</title></entry>".utf8)
        let atom = String(decoding: FullText.inject("<p>a & b</p>", into: entry[...], kind: .atom), as: UTF8.self)
        #expect(atom == "<entry><content type=\"html\">&lt;p&gt;a &amp; b&lt;/p&gt;</content><title>T</title></entry>")
    }

    @Test func storedFileNames() {
        let named = Fetcher.fileName(Subscription(url: "https://user:pw@Example.com/Feed.xml"))
        #expect(named.hasPrefix("example-com-feed-xml-"))
        #expect(!named.contains("pw"))
        #expect(Fetcher.fileName(Subscription(url: "https://x.org/", title: "Ünïcode / Slashes")).hasPrefix("n-code-slashes-"))
    }
}
