import Foundation
import Testing
import TidingsModel

/// HTML pages and feeds sit in the store beside text pages and reach the same commands.
@Suite struct StoreKindsTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.write("""
            <!doctype html><html><head><title>Harbour ferry returns after repairs | Coast Times</title>
            <meta property="og:title" content="Harbour ferry returns after repairs">
            <meta property="article:published_time" content="2025-10-02T08:00:00Z">
            <meta property="article:section" content="Transport">
            <link rel="canonical" href="https://coast.example/ferry-returns"></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Harbour ferry returns after repairs</h1>
            <p>The harbour ferry carried its first passengers in three months on Thursday, after a new engine was fitted at the yard.</p>
            <p>The operator said the <a href="https://coast.example/timetable">winter timetable</a> starts next week, with an extra crossing in the evening.</p>
            </article></body></html>
            """, to: "Web/ferry.html")
        try sandbox.write("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>
            <item><title>Orchard harvest beats last year's record</title>
            <link>https://valley.example/harvest</link><pubDate>Mon, 06 Oct 2025 09:00:00 GMT</pubDate>
            <category>Farming</category>
            <description>&lt;p&gt;Growers picked more apples than in any year since records began.&lt;/p&gt;</description></item>
            </channel></rss>
            """, to: "valley.xml")
    }

    @Test func htmlPageShowsItsURLAndNumberedLinks() throws {
        let listed = try sandbox.run(["list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try listed.json([[String: AnyDecodable]].self)
        let headlines = rows.compactMap { $0["headline"]?.string }
        #expect(headlines.contains("Harbour ferry returns after repairs"))
        #expect(headlines.contains("Orchard harvest beats last year's record"))

        let shown = try sandbox.run(["show", "Harbour ferry returns after repairs".articleIDPrefix, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let article = try shown.json(ShownArticle.self)
        #expect(article.date == "2025-10-02")
        #expect(article.category == "Transport")
        #expect(article.url == "https://coast.example/ferry-returns")
        #expect(article.links == [ShownLink(text: "winter timetable", url: "https://coast.example/timetable")])
        #expect(article.body.first?.hasPrefix("The harbour ferry carried") == true)

        let text = try sandbox.run(["show", "Harbour ferry returns after repairs".articleIDPrefix])
        #expect(text.stdout.contains("[1] winter timetable: https://coast.example/timetable"))
        #expect(text.stdout.contains("Source: https://coast.example/ferry-returns"))
    }

    @Test func feedItemIsAnArticleWithItsPublishedDateAndCategory() throws {
        let shown = try sandbox.run(["show", "Orchard harvest beats last year's record".articleIDPrefix, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let article = try shown.json(ShownArticle.self)
        #expect(article.date == "2025-10-06")
        #expect(article.category == "Farming")
        #expect(article.url == "https://valley.example/harvest")
        #expect(article.kind == "article")
    }
}

/// Just enough of a JSON value to read strings out of heterogeneous objects.
struct AnyDecodable: Decodable {
    var string: String?
    init(from decoder: Decoder) throws {
        string = try? decoder.singleValueContainer().decode(String.self)
    }
}

extension String {
    /// The id prefix `list` would print for this headline.
    var articleIDPrefix: String { ArticleID(headline: self).short }
}
