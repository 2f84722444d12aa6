import Foundation
import Testing
import TidingsExtract
import TidingsModel
@testable import TidingsCLI

@Suite struct ParseCommandTests {
    let parsers: [any PageFileParser] = [TextPageParser(), HTMLPageParser(), FeedParser()]

    func write(_ name: String, _ text: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func htmlFeedAndSkippedFilesAsJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try write("a.html", """
            <html><head><title>Quiet \u{1B}[31mstreet</title><link rel="canonical" href="https://q.example.com/street"></head>
            <body><article><p>The street was quiet on Sunday, residents said, for the first time in months of roadworks and noise.</p>
            <p>See <a href="/map">the map</a> of closures, which the council updates weekly, and its list of detours.</p></article></body></html>
            """, in: dir)
        let feed = try write("f.rss", """
            <rss version="2.0"><channel><title>F</title><item><title>One</title><link>https://f.example.com/1</link>
            <description>First item text.</description></item></channel></rss>
            """, in: dir)
        let bin = try write("b.png", "\u{0}\u{1}", in: dir)
        let reports = [html, feed, bin, dir.appendingPathComponent("missing.html").path].map {
            ParseCommand.report(path: $0, parsers: parsers)
        }
        let data = try JSONEncoder().encode(reports)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(json.count == 4)
        #expect(json[0]["kind"] as? String == "html")
        #expect(json[0]["headline"] as? String == "Quiet street")
        #expect(json[0]["url"] as? String == "https://q.example.com/street")
        #expect((json[0]["body"] as? [String])?.count == 2)
        let links = try #require(json[0]["links"] as? [[String: Any]])
        #expect(links.first?["url"] as? String == "https://q.example.com/map")
        #expect(json[1]["kind"] as? String == "feed")
        let items = try #require(json[1]["items"] as? [[String: Any]])
        #expect(items.first?["headline"] as? String == "One")
        #expect(items.first?["body"] as? [String] == ["First item text."])
        #expect(json[0]["author"] as? [String] == [])  // every key present: an empty list, or null when unknown
        #expect(json[0]["section"] is NSNull)
        #expect(json[0]["site"] is NSNull)
        #expect(json[0]["published"] is NSNull)
        #expect(json[0]["date"] is NSNull)
        #expect(json[2]["kind"] as? String == "skipped")
        #expect(json[3]["kind"] as? String == "skipped")
        #expect((json[3]["reason"] as? String)?.isEmpty == false)
    }

    @Test func manyFilesInOneProcess() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parse-many-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths = [String]()
        for i in 0..<300 {
            paths.append(try write("p\(i).html", "<html><body><div class=\"content\"><p>Page number \(i) has a paragraph long enough, with commas, to be the article.</p></div></body></html>", in: dir))
        }
        let reports = paths.map { ParseCommand.report(path: $0, parsers: parsers) }
        #expect(reports.allSatisfy { $0.kind == "html" })
        #expect(reports[299].page?.body == ["Page number 299 has a paragraph long enough, with commas, to be the article."])
    }

    @Test func authorsSectionSiteAndTimeInJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parse-meta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try write("a.html", """
            <html lang="en"><head><title>Tram line opens - Metro Post</title>
            <meta property="og:site_name" content="Metro Post"><meta property="article:section" content="Transport">
            <meta property="article:published_time" content="2024-05-06T07:30:00+02:00">
            <meta property="article:author" content="Ana Ruiz"><meta property="article:author" content="Tom Berg"></head>
            <body><article><p>The new tram line opened on Monday morning, and the first trams were full within minutes, the operator said.</p></article></body></html>
            """, in: dir)
        let data = try JSONEncoder().encode([ParseCommand.report(path: html, parsers: parsers)])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(json[0]["headline"] as? String == "Tram line opens")
        #expect(json[0]["author"] as? [String] == ["Ana Ruiz", "Tom Berg"])
        #expect(json[0]["section"] as? String == "Transport")
        #expect(json[0]["site"] as? String == "Metro Post")
        #expect(json[0]["date"] as? String == "2024-05-06")
        #expect(json[0]["published"] as? String == "2024-05-06T05:30:00Z")
        let text = ParseCommand.report(path: html, parsers: parsers).text()
        #expect(text.contains("author: Ana Ruiz, Tom Berg"))
        #expect(text.contains("site: Metro Post"))
    }
}
