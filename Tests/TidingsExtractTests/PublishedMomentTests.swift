import Testing
import TidingsModel
@testable import TidingsExtract

/// Feed items and HTML pages keep the moment their date gives (UTC), for newest first by the full time.
@Suite struct PublishedMomentTests {
    static let day = CivilDate(year: 2024, month: 12, day: 31)!
    /// 2024-12-31 00:00 UTC.
    static let midnight: Int64 = 1_735_603_200

    @Test func feedItemsKeepTheirMomentInEveryZone() throws {
        let feed = try FeedParser().parse(Array("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>One</title><pubDate>Tue, 31 Dec 2024 23:57:51 +0000</pubDate></item>
            <item><title>Two</title><pubDate>Tue, 31 Dec 2024 18:57:51 -0500</pubDate></item>
            <item><title>Three</title><pubDate>Tue, 31 Dec 2024 18:57:51 EST</pubDate></item>
            <item><title>Four</title><pubDate>2024-12-31T10:30:00.250+02:00</pubDate></item>
            <item><title>Five</title><pubDate>Tue, 31 Dec 2024</pubDate></item>
            </channel></rss>
            """.utf8), path: "t.xml")
        #expect(feed.pages.map(\.publishedAt) == [Self.midnight + 86_271, Self.midnight + 86_271, Self.midnight + 86_271,
                                                  Self.midnight + 8 * 3600 + 1800, nil])
        #expect(feed.pages.map(\.publishedDate) == Array(repeating: Self.day, count: 5))
    }

    @Test func htmlPagesKeepTheirMoment() throws {
        let page = try HTMLPageParser().parse(Array("""
            <html><head><meta property="og:title" content="Ferry returns">
            <meta property="article:published_time" content="2024-12-31T06:45:00-05:00"></head>
            <body><article><p>The ferry carried its first passengers in three months on Thursday morning.</p></article></body></html>
            """.utf8), path: "p.html")
        #expect(page.pages.first?.publishedAt == Self.midnight + 11 * 3600 + 2700)
        #expect(page.pages.first?.publishedDate == Self.day)
    }
}
