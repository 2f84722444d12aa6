import Foundation
import Testing
import TestSupport

/// OPML import and export, and full-text fetching, through the real binary.
@Suite(.serialized) struct SubscriptionCommandTests {
    struct Feed: Decodable, Equatable {
        var url: String
        var title: String?
        var category: String?
        var full_text: Bool
        var full_text_problem: String?
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/OPML")

    func feeds(_ sandbox: Sandbox) throws -> [Feed] {
        try sandbox.run(["feeds", "--format", "json"]).json([Feed].self)
    }

    @Test(arguments: ["newsboat", "newsraft", "freshrss"])
    func opmlImportsAndRoundTrips(_ name: String) throws {
        let sandbox = try Sandbox()
        let imported = try sandbox.run(["feeds", "import", Self.fixtures.appendingPathComponent("\(name).opml").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let first = try feeds(sandbox)
        switch name {
        case "newsboat":
            #expect(first.map(\.url) == ["https://lwn.net/headlines/rss", "https://www.theguardian.com/world/rss",
                                         "https://example.org/feed?format=rss&lang=en"])
            #expect(first.map(\.title) == ["LWN.net", "World news | The Guardian", "Example & Friends"])
            #expect(first.allSatisfy { $0.category == nil })
        case "newsraft":
            #expect(first.map(\.url) == ["https://lwn.net/headlines/rss", "https://www.phoronix.com/rss.php",
                                         "https://feeds.bbci.co.uk/news/world/rss.xml", "https://news.ycombinator.com/rss"])
            #expect(first.map(\.category) == ["Linux", "Linux", "World", nil])
        default:
            #expect(first.map(\.title) == ["Ars Technica", "Nature", "Quanta <Magazine>"])
            #expect(first.map(\.category) == ["Uncategorized", "Science & Nature", "Science & Nature"])
            #expect(imported.stderr.contains("gopher"))
        }
        // Importing again adds nothing.
        let again = try sandbox.run(["feeds", "import", Self.fixtures.appendingPathComponent("\(name).opml").path])
        #expect(again.stdout.contains("Imported 0 feeds"))
        #expect(try feeds(sandbox).count == first.count)

        // Export, import into an empty configuration: the same subscriptions.
        let exported = try sandbox.run(["feeds", "export"])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("<opml version=\"2.0\">"))
        let other = try Sandbox()
        try other.write(exported.stdout, to: "export.opml", in: other.root)
        #expect(try other.run(["feeds", "import", other.root.appendingPathComponent("export.opml").path]).status == 0)
        let second = try feeds(other)
        #expect(Set(second.map(\.url)) == Set(first.map(\.url)))
        for feed in first {
            let twin = second.first { $0.url == feed.url }
            #expect(twin?.category == feed.category)
            #expect(twin?.title == feed.title)
        }
    }

    @Test func notOPMLIsRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.write("<html><body>hi</body></html>", to: "page.opml", in: sandbox.root)
        let result = try sandbox.run(["feeds", "import", sandbox.root.appendingPathComponent("page.opml").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not an OPML file"))
    }

    static let article: String = {
        let paragraphs = (1...6).map {
            "<p>Paragraph \($0) of the full story: the harbour authority confirmed on Monday that the new breakwater will be finished ahead of the storm season, with crews working through the night to pour the last sections of concrete.</p>"
        }.joined(separator: "\n")
        return """
            <!doctype html><html><head><title>Breakwater finished early</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Breakwater finished early</h1>\(paragraphs)</article>
            <footer>Copyright</footer></body></html>
            """
    }()

    @Test func fullTextShowsTheExtractedArticleAndNamesFailures() throws {
        let sandbox = try Sandbox()
        let server = try LoopbackServer()
        try server.write("story.html", Self.article)
        try server.write("news.xml", FeedText.rss(items: [
            ("a", "Breakwater finished early", server.url("/f/story.html")),
            ("b", "A story whose page is missing", server.url("/status/404")),
        ]))
        let feedsFile = sandbox.home.appendingPathComponent(".config/tidings/feeds.toml")
        try sandbox.write("[[feed]]\nurl = \"\(server.url("/f/news.xml"))\"\nfull_text = true\n", to: "feeds.toml",
                          in: feedsFile.deletingLastPathComponent())
        let result = try sandbox.run(["fetch"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("full text: 1 item(s) without full text"))
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        let full = try #require(listed.first { $0.headline == "Breakwater finished early" })
        let shown = try sandbox.run(["show", full.id, "--format", "json"]).json(ShownArticle.self)
        #expect(shown.body.contains { $0.contains("Paragraph 4 of the full story") })
        let missing = try #require(listed.first { $0.headline == "A story whose page is missing" })
        let fallback = try sandbox.run(["show", missing.id, "--format", "json"]).json(ShownArticle.self)
        // The feed's own text, since its page could not be had.
        #expect(fallback.summary == "Summary of A story whose page is missing.")
        #expect(!fallback.body.contains { $0.contains("full story") })
        let health = try feeds(sandbox)
        #expect(health.first?.full_text_problem?.contains("HTTP 404") == true)

        // The feed changes: the stored full text stays, and the page is not fetched again.
        try server.write("news.xml", FeedText.rss(items: [
            ("a", "Breakwater finished early", server.url("/f/story.html")),
            ("c", "A third story", "http://127.0.0.1:1/closed"),
        ]))
        #expect(try sandbox.run(["fetch"]).status == 0)
        let again = try sandbox.run(["show", full.id, "--format", "json"]).json(ShownArticle.self)
        #expect(again.body.contains { $0.contains("Paragraph 4 of the full story") })
        #expect(server.requests(to: "/f/story.html").count == 1)
    }
}
