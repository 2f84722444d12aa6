import Foundation
import Testing
import TestSupport
import TidingsCLI

/// RSS 2.0 text for the loopback server.
enum FeedText {
    static func rss(title: String = "Loopback News", items: [(guid: String, title: String, link: String)]) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>\(title)</title><link>http://example.invalid/</link>\n"
        for item in items {
            text += "<item><title>\(item.title)</title><link>\(item.link)</link><guid>\(item.guid)</guid>"
                + "<pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate><description>Summary of \(item.title).</description></item>\n"
        }
        return text + "</channel></rss>\n"
    }

    static func items(_ range: ClosedRange<Int>) -> [(guid: String, title: String, link: String)] {
        range.map { ("item-\($0)", "Loopback headline number \($0) about harbour works", "http://example.invalid/\($0)") }
    }
}

/// `tidings feeds` and `tidings fetch` against a real HTTP server on 127.0.0.1.
@Suite(.serialized) struct FetchCommandTests {
    let sandbox: Sandbox
    let server: LoopbackServer
    var feedsFile: URL { sandbox.home.appendingPathComponent(".config/tidings/feeds.toml") }

    init() throws {
        sandbox = try Sandbox()
        server = try LoopbackServer()
    }

    func subscribe(_ entries: [(url: String, extra: String)]) throws {
        var text = "# subscriptions for the test\n"
        for entry in entries { text += "\n[[feed]]\nurl = \"\(entry.url)\"\n\(entry.extra)\n" }
        try sandbox.write(text, to: "feeds.toml", in: feedsFile.deletingLastPathComponent())
    }

    func fetch(_ extra: [String] = []) throws -> RunResult {
        try sandbox.run(["fetch"] + extra)
    }

    func listed() throws -> [ListedArticle] {
        try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
    }

    struct FeedHealth: Decodable {
        var url: String
        var title: String?
        var result: String?
        var ok: Bool?
        var items_kept: Int
        var next_fetch: String?
        var disabled: String?
        var full_text_problem: String?
        var file: String?
    }

    func health() throws -> [FeedHealth] {
        try sandbox.run(["feeds", "--format", "json"]).json([FeedHealth].self)
    }

    @Test func fetchesIntoTheStoreThenAsksConditionally() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...3)))
        try subscribe([(server.url("/f/news.xml"), "title = \"Loopback\"\ncategory = \"Harbour\"")])
        let first = try fetch()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Loopback: 3 new items"))
        let articles = try listed()
        #expect(articles.count == 3)
        #expect(Set(articles.map(\.headline)) == Set(FeedText.items(1...3).map(\.title)))
        let stored = try FileManager.default.contentsOfDirectory(atPath: sandbox.store.appendingPathComponent("Harbour").path)
        #expect(stored.filter { !$0.hasPrefix(".") }.count == 1)

        let second = try fetch()
        #expect(second.status == 0)
        #expect(second.stdout.contains("Loopback: unchanged"))
        let requests = server.requests(to: "/f/news.xml")
        #expect(requests.count == 2)
        #expect(requests[0]["if_none_match"] is NSNull)
        #expect((requests[1]["if_none_match"] as? String)?.hasPrefix("\"") == true)
        #expect(requests[1]["user_agent"] as? String == "Tidings/\(TidingsVersion.string)")
        let feed = try #require(try health().first)
        #expect(feed.result == "unchanged")
        #expect(feed.items_kept == 3)
        #expect(feed.ok == true)

        // A stored file that is no longer as written (cut by a power failure) is fetched whole.
        let file = sandbox.store.appendingPathComponent(try #require(feed.file))
        try Data().write(to: file)
        let third = try fetch()
        #expect(third.stdout.contains("Loopback: 0 new items"), "\(third.stdout)")
        #expect(server.requests(to: "/f/news.xml").last?["if_none_match"] is NSNull)
        #expect(try listed().count == 3)
    }

    @Test func itemsDroppedByTheFeedStayWithTheirReadMarks() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...5)))
        try subscribe([(server.url("/f/news.xml"), "")])
        #expect(try fetch().status == 0)
        let oldest = try #require(try listed().first { $0.headline.hasSuffix("number 1 about harbour works") })
        #expect(try sandbox.run(["mark", oldest.id]).status == 0)
        // The feed now keeps only its last three items, plus a new one.
        try server.write("news.xml", FeedText.rss(items: FeedText.items(3...6)))
        let second = try fetch()
        #expect(second.stdout.contains("1 new item"), "\(second.stdout)")
        let articles = try listed()
        #expect(articles.count == 6)
        let kept = try #require(articles.first { $0.id == oldest.id })
        #expect(kept.read)
        #expect(try health().first?.items_kept == 6)
        // Unchanged again: nothing is added twice.
        #expect(try fetch().status == 0)
        #expect(try listed().count == 6)
    }

    @Test func retentionDropsOldItemsOnceTheFeedHasDroppedThem() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...3)))
        try subscribe([(server.url("/f/news.xml"), "retention = 1")])
        #expect(try fetch().status == 0)
        try server.write("news.xml", FeedText.rss(items: FeedText.items(3...3)))
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try fetch().status == 0)
        #expect(try listed().map(\.headline) == [FeedText.items(3...3)[0].title])
    }

    @Test func permanentRedirectUpdatesTheSubscription() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        try subscribe([(server.url("/moved/news.xml"), "title = \"Moved\"")])
        let result = try fetch()
        #expect(result.status == 0)
        #expect(result.stdout.contains("moved permanently"))
        #expect(result.stdout.contains("feeds.toml updated"))
        let text = try String(contentsOf: feedsFile, encoding: .utf8)
        #expect(text.contains("url = \"\(server.url("/f/news.xml"))\""))
        #expect(!text.contains("/moved/"))
        #expect(text.contains("# subscriptions for the test"))
        #expect(try health().first?.items_kept == 2)
    }

    @Test func goneDisablesTheFeedAndOthersStillFetch() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        try subscribe([(server.url("/status/410"), "title = \"Gone\""), (server.url("/f/news.xml"), "title = \"Fine\"")])
        let first = try fetch()
        #expect(first.status == 1)
        #expect(first.stdout.contains("Gone: failed: 410 Gone"))
        #expect(first.stdout.contains("no longer fetched"))
        #expect(first.stdout.contains("Fine: 2 new items"))
        let second = try fetch()
        #expect(second.stdout.contains("Gone: skipped: 410 Gone"))
        #expect(server.requests(to: "/status/410").count == 1)
        #expect(try health().first { $0.title == "Gone" }?.disabled == "410 Gone")
    }

    @Test func retryAfterAndBackOffDelayTheNextFetch() throws {
        try subscribe([(server.url("/status/429"), "title = \"Limited\""), (server.url("/status/500"), "title = \"Broken\"")])
        let first = try fetch()
        #expect(first.status == 1)
        #expect(first.stdout.contains("Limited: failed: HTTP 429, retry after 2 min"))
        #expect(first.stdout.contains("Broken: failed: HTTP 500"))
        let second = try fetch()
        #expect(second.stdout.contains("Limited: skipped: waiting"))
        #expect(second.stdout.contains("Broken: skipped: waiting"))
        #expect(server.requests(to: "/status/429").count == 1)
        #expect(server.requests(to: "/status/500").count == 1)
        let health = try health()
        #expect(health.allSatisfy { $0.ok == false && $0.next_fetch != "now" })
        let forced = try fetch(["--force"])
        #expect(forced.stdout.contains("Broken: failed: HTTP 500"))
        #expect(server.requests(to: "/status/500").count == 2)
    }

    @Test func networkFaultsLeaveTheStoreAsItWas() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        try server.write("page.html", "<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>")
        try subscribe([(server.url("/f/news.xml"), "title = \"Good\"")])
        #expect(try fetch().status == 0)
        let file = try #require(try health().first?.file)
        let before = try Data(contentsOf: sandbox.store.appendingPathComponent(file))
        let faults: [(path: String, message: String)] = [
            ("/cut/news.xml", "response cut off"),
            ("/slow/10/news.xml", "timed out"),
            ("/bomb", "cut off"),
            ("/tofile", "refused to fetch a file: URL"),
            ("/loop/a", "redirect loop"),
            ("/redirect/6/news.xml", "more than 5 redirects"),
            ("/type/application/rss+xml/page.html", "HTML page, not a feed"),
        ]
        for fault in faults {
            // The same subscription (same stored file), now answering with a fault.
            let state = sandbox.state.deletingLastPathComponent().appendingPathComponent("state.fetch.json")
            var json = try String(contentsOf: state, encoding: .utf8)
            let current = try #require(try health().first?.url)
            json = json.replacingOccurrences(of: current.replacingOccurrences(of: "/", with: "\\/"), with: server.url(fault.path).replacingOccurrences(of: "/", with: "\\/"))
            json = json.replacingOccurrences(of: current, with: server.url(fault.path))
            try Data(json.utf8).write(to: state)
            try subscribe([(server.url(fault.path), "title = \"Good\"")])
            let result = try fetch(["--timeout", "2", "--force"])
            #expect(result.status == 1, "\(fault.path)")
            #expect(result.stdout.contains(fault.message), "\(fault.path): \(result.stdout)")
            #expect(try Data(contentsOf: sandbox.store.appendingPathComponent(file)) == before, "\(fault.path)")
        }
        #expect(try listed().count == 2)
    }

    @Test func contentTypesDoNotDecideWhatAFeedIs() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        try subscribe([(server.url("/type/text/html/news.xml"), "title = \"As HTML\""),
                       (server.url("/notype/news.xml"), "title = \"No type\"")])
        let result = try fetch()
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("As HTML: 2 new items"))
        #expect(result.stdout.contains("No type: 2 new items"))
    }

    @Test func addFindsFeedsOnAPage() throws {
        try server.write("news.xml", FeedText.rss(title: "Harbour Daily", items: FeedText.items(1...2)))
        try server.write("one.html", """
            <html><head><link rel="alternate" type="application/rss+xml" title="Main" href="/f/news.xml"></head><body>x</body></html>
            """)
        try server.write("two.html", """
            <html><head><link rel="alternate" type="application/rss+xml" title="All stories" href="news.xml">
            <link rel="alternate" type="application/atom+xml" title="Comments" href="https://example.invalid/comments.atom">
            </head><body>x</body></html>
            """)
        let two = try sandbox.run(["feeds", "add", server.url("/f/two.html")])
        #expect(two.status == 2)
        #expect(two.stdout.contains(server.url("/f/news.xml")))
        #expect(two.stdout.contains("https://example.invalid/comments.atom"))
        #expect(two.stdout.contains("All stories"))
        #expect(!FileManager.default.fileExists(atPath: feedsFile.path))

        let one = try sandbox.run(["feeds", "add", server.url("/f/one.html"), "--category", "Harbour", "--full-text"])
        #expect(one.status == 0, "\(one.stderr)")
        let direct = try sandbox.run(["feeds", "add", server.url("/f/news.xml")])
        #expect(direct.status == 1)
        #expect(direct.stderr.contains("already in"))
        let text = try String(contentsOf: feedsFile, encoding: .utf8)
        #expect(text.contains("url = \"\(server.url("/f/news.xml"))\""))
        #expect(text.contains("title = \"Main\""))
        #expect(text.contains("category = \"Harbour\""))
        #expect(text.contains("full_text = true"))
        let notFeed = try sandbox.run(["feeds", "add", "file:///etc/passwd"])
        #expect(notFeed.status == 1)
        #expect(notFeed.stderr.contains("only http and https"))
    }

    @Test func brokenEntriesAreNamedAndTheOthersWork() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        let text = """
            [[feed]]
            url = "\(server.url("/f/news.xml"))"

            [[feed]]
            url = "ftp://example.invalid/feed"

            [[feed]]
            url = "\(server.url("/f/other.xml"))"
            refresh = "often"
            """
        try sandbox.write(text, to: "feeds.toml", in: feedsFile.deletingLastPathComponent())
        let result = try fetch()
        #expect(result.status == 0)
        #expect(result.stderr.contains("feeds.toml:4: only http and https"))
        #expect(result.stderr.contains("feeds.toml:7: refresh must be a duration"))
        #expect(result.stdout.contains("2 new items"))
        #expect(try health().count == 1)
    }

    @Test func passwordsInURLsAreNeverPrinted() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...1)))
        let url = "http://reader:hunter2secret@127.0.0.1:\(server.port)/status/500"
        try subscribe([(url, "")])
        let result = try fetch()
        let listing = try sandbox.run(["feeds"])
        let json = try sandbox.run(["feeds", "--format", "json"])
        for output in [result.stdout, result.stderr, listing.stdout, json.stdout] {
            #expect(!output.contains("hunter2secret"))
        }
        #expect(listing.stdout.contains("reader:***@127.0.0.1"))
    }

    @Test func killedMidFetchLeavesTheStoreAndTheNextFetchCompletes() throws {
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...2)))
        try server.write("big.xml", FeedText.rss(items: FeedText.items(1...40)))
        try subscribe([(server.url("/f/news.xml"), "title = \"Steady\"")])
        #expect(try fetch().status == 0)
        let file = try #require(try health().first?.file)
        let before = try Data(contentsOf: sandbox.store.appendingPathComponent(file))
        // The same feed now answers half a body and then stalls, the first time.
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...40)))
        let state = sandbox.state.deletingLastPathComponent().appendingPathComponent("state.fetch.json")
        let json = try String(contentsOf: state, encoding: .utf8)
        let escaped = { (s: String) in s.replacingOccurrences(of: "/", with: "\\/") }
        try Data(json.replacingOccurrences(of: escaped(server.url("/f/news.xml")), with: escaped(server.url("/hold1/news.xml")))
            .replacingOccurrences(of: server.url("/f/news.xml"), with: server.url("/hold1/news.xml")).utf8).write(to: state)
        try subscribe([(server.url("/hold1/news.xml"), "title = \"Steady\"")])
        let running = try sandbox.start(["fetch"])
        var held = false
        for _ in 0..<400 where !held {
            held = !server.requests(to: "/hold1/").isEmpty
            if !held { Thread.sleep(forTimeInterval: 0.025) }
        }
        #expect(held)
        Thread.sleep(forTimeInterval: 0.2)
        kill(running.process.processIdentifier, SIGKILL)
        _ = running.wait()
        #expect(try Data(contentsOf: sandbox.store.appendingPathComponent(file)) == before)
        #expect(try listed().count == 2)
        let again = try fetch()
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("38 new items"))
        #expect(try listed().count == 40)
    }
}
