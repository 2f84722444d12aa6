import Testing
@testable import TidingsFetch

/// feeds.toml, OPML, autodiscovery and the small parsers fetching relies on, without a network.
struct SubscriptionParsingTests {
    @Test func feedsFileKeepsGoodEntriesAndNamesBrokenOnes() {
        let text = """
            # mine
            [[feed]]
            url = "https://example.com/a.xml"
            title = "A"
            category = "Tech"
            full_text = true
            refresh = "30m"
            retention = "2w"

            [[feed]]
            url = "https://example.com/b.xml"
            colour = "red"

            [[feed]]
            title = "no url"

            [[feed]]
            url = "https://example.com/c.xml"
            category = "../escape"

            [[feed]]
            url = "https://example.com/a.xml"
            """
        let parsed = SubscriptionFile.parse(text, file: "feeds.toml")
        #expect(parsed.subscriptions == [Subscription(url: "https://example.com/a.xml", title: "A", category: "Tech",
                                                      fullText: true, refreshSeconds: 1800, retentionSeconds: 14 * 86400, line: 2)])
        #expect(parsed.problems.map(\.line) == [10, 14, 17, 21])
        #expect(parsed.problems[0].message.contains("unknown key 'colour'"))
        #expect(parsed.problems[1].message == "the feed has no url")
        #expect(parsed.problems[2].message.contains("cannot hold '/'"))
        #expect(parsed.problems[3].message.contains("listed twice"))
        #expect(parsed.problems[0].description.hasPrefix("feeds.toml:10: "))
    }

    @Test func syntaxErrorsCarryTheirLine() {
        let parsed = SubscriptionFile.parse("[[feed]]\nurl = \"https://x.org/\"\ntitle = \"unterminated\n", file: "f.toml")
        #expect(parsed.subscriptions.isEmpty)
        #expect(parsed.problems.first?.line == 3)
    }

    @Test func appendedEntriesParseBackAndURLsAreRewrittenInPlace() {
        let original = "# keep this comment\n[[feed]]\nurl = \"https://old.example/feed\"  # moved?\ntitle = \"Old\"\n"
        let subscription = Subscription(url: "https://new.example/rss?a=1&b=\"2\"", title: "Quote \" and \\ backslash",
                                        category: "World", refreshSeconds: 7200)
        let appended = SubscriptionFile.appending([subscription], to: original)
        let parsed = SubscriptionFile.parse(appended, file: "f")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.subscriptions.count == 2)
        #expect(parsed.subscriptions[1].url == subscription.url)
        #expect(parsed.subscriptions[1].title == subscription.title)
        #expect(parsed.subscriptions[1].refreshSeconds == 7200)
        let moved = SubscriptionFile.replacingURL("https://old.example/feed", with: "https://moved.example/feed", in: appended)
        #expect(moved?.contains("url = \"https://moved.example/feed\"") == true)
        #expect(moved?.hasPrefix("# keep this comment\n") == true)
        #expect(SubscriptionFile.parse(moved ?? "", file: "f").subscriptions.first?.url == "https://moved.example/feed")
        #expect(SubscriptionFile.replacingURL("https://absent.example/", with: "x", in: appended) == nil)
    }

    @Test func durations() {
        #expect(DurationText.seconds("90") == 90)
        #expect(DurationText.seconds("2h") == 7200)
        #expect(DurationText.seconds("1 d") == 86400)
        #expect(DurationText.seconds("0m") == nil)
        #expect(DurationText.seconds("soon") == nil)
        #expect(DurationText.text(14 * 86400) == "2w")
        #expect(DurationText.text(90) == "90s")
    }

    @Test func autodiscoveryResolvesAgainstThePage() {
        let html = Array("""
            <html><head>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="All" href="../feed.xml">
            <link rel="alternate" type="application/atom+xml" href="//cdn.example.org/atom">
            <link rel="alternate" type="text/html" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>
            """.utf8)
        let found = Autodiscovery.feeds(inHTML: html, pageURL: "https://example.org/news/today/index.html")
        #expect(found == [Autodiscovery.Found(url: "https://example.org/news/feed.xml", title: "All"),
                          Autodiscovery.Found(url: "https://cdn.example.org/atom", title: nil)])
        #expect(Autodiscovery.resolve("?page=2", against: "http://a.org/x/y?z") == "http://a.org/x/y?page=2")
        #expect(Autodiscovery.resolve("./b/../c", against: "http://a.org/x/y") == "http://a.org/x/c")
    }

    @Test func opmlFoldersAndEntities() throws {
        let text = """
            <opml version="2.0"><body>
            <!-- <outline xmlUrl="https://commented.out/"/> -->
            <outline text="A &amp; B"><outline text="Inner"><outline text="F" xmlUrl="https://f.example/rss"/></outline></outline>
            <outline title="Top" xmlUrl='https://top.example/feed?x=1&amp;y=2'></outline>
            <outline text="G" xmlUrl="https://g.example/rss" category="/News/World"/>
            </body></opml>
            """
        let result = try OPML.parse(text)
        #expect(result.subscriptions.map(\.url) == ["https://f.example/rss", "https://top.example/feed?x=1&y=2", "https://g.example/rss"])
        #expect(result.subscriptions.map(\.category) == ["Inner", nil, "-News-World"])
        let exported = OPML.export(result.subscriptions)
        let again = try OPML.parse(exported)
        // Feeds without a category come first in an export; each keeps its URL, title and folder.
        #expect(again.subscriptions.map(\.url) == ["https://top.example/feed?x=1&y=2", "https://f.example/rss", "https://g.example/rss"])
        for feed in result.subscriptions {
            #expect(again.subscriptions.first { $0.url == feed.url }.map { [$0.title, $0.category] } == [feed.title, feed.category])
        }
        #expect(throws: OPML.ImportError.self) { try OPML.parse("<rss/>") }
    }

    @Test func retryAfterSecondsAndDates() {
        #expect(RetryAfter.seconds("120", now: 0) == 120)
        let date = RetryAfter.httpDate("Wed, 21 Oct 2015 07:28:00 GMT")
        #expect(date == 1_445_412_480)
        #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:28:30 GMT", now: 1_445_412_480) == 30)
        #expect(RetryAfter.seconds("later", now: 0) == nil)
        #expect(BackOff.delay(failures: 1) == 300)
        #expect(BackOff.delay(failures: 3) == 1200)
        #expect(BackOff.delay(failures: 40) == 86400)
    }
}
