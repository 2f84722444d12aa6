import Foundation
import Testing
import TidingsUI
import TidingsModel
@testable import TidingsCLI

/// `list`, `show`, `weather`, `categories` and `doctor`, run as a user would, JSON checked field by field.
@Suite struct ReadCommandsTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try FixtureStore.write(into: sandbox)
    }

    @Test func listJSONHasEveryArticleWithItsFields() throws {
        let result = try sandbox.run(["list", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try result.json([ListedArticle].self)
        let byID = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(listed.count == 3)

        #expect(byID[FixtureStore.robotsID] == ListedArticle(
            id: FixtureStore.robotsID, headline: FixtureStore.robots, summary: FixtureStore.robotsSummary,
            date: "2025-11-04", category: "Tech", read: false, kind: "article"))
        // Its full page is dated 8 November, but it appeared as a teaser on 4 November.
        #expect(byID[FixtureStore.hawkerID] == ListedArticle(
            id: FixtureStore.hawkerID, headline: FixtureStore.hawker, summary: FixtureStore.hawkerSummary,
            date: "2025-11-04", category: "Food", read: false, kind: "article"))
        let typhoon = try #require(byID[FixtureStore.typhoonID])
        #expect(typhoon.headline == FixtureStore.typhoon)
        #expect(typhoon.summary == FixtureStore.typhoonSummary)
        #expect(typhoon.kind == "teaser")
        #expect(typhoon.date == "2025-11-04")
        #expect(!typhoon.category.isEmpty)

        // Newest first, and ids are the full 16 hex digits.
        let dates = listed.compactMap(\.date)
        #expect(dates == dates.sorted(by: >))
        #expect(listed.allSatisfy { $0.id.count == 16 && $0.id.allSatisfy(\.isHexDigit) })
    }

    @Test func listJSONHasExactlyTheContractKeysWithNullSummaries() throws {
        try sandbox.write("""
            Tuesday, 4 November 2025

            A headline with nothing after it

            """, to: "Tech/bare.txt")
        let result = try sandbox.run(["list", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
        #expect(!objects.isEmpty)
        for object in objects {
            #expect(Set(object.keys) == ["id", "headline", "summary", "date", "published", "category", "read", "starred", "kind"])
        }
        let bare = try #require(objects.first { $0["headline"] as? String == "A headline with nothing after it" })
        #expect(bare["summary"] is NSNull)
    }

    @Test func listFiltersByCategorySearchAndUnread() throws {
        let tech = try sandbox.run(["list", "--category", "tECH", "--format", "json"]).json([ListedArticle].self)
        #expect(tech.map(\.id).contains(FixtureStore.robotsID))
        #expect(tech.allSatisfy { $0.category == "Tech" })
        #expect(!tech.map(\.id).contains(FixtureStore.hawkerID))

        // Headline and summary, any case.
        let bySummary = try sandbox.run(["list", "--search", "CHICKEN RICE", "--format", "json"]).json([ListedArticle].self)
        #expect(bySummary.map(\.id) == [FixtureStore.hawkerID])
        let byHeadline = try sandbox.run(["list", "--search", "laundry", "--format", "json"]).json([ListedArticle].self)
        #expect(byHeadline.map(\.id) == [FixtureStore.robotsID])
        let cjk = try sandbox.run(["list", "--search", "新加坡街头", "--format", "json"]).json([ListedArticle].self)
        #expect(cjk.map(\.id) == [FixtureStore.typhoonID])
        let none = try sandbox.run(["list", "--search", "no such words anywhere", "--format", "json"])
        #expect(none.status == 0)
        #expect(try none.json([ListedArticle].self).isEmpty)

        let unknownCategory = try sandbox.run(["list", "--category", "Sport", "--format", "json"])
        #expect(unknownCategory.status == 0)
        #expect(try unknownCategory.json([ListedArticle].self).isEmpty)
    }

    @Test func showJSONAddsBodyAndImageCredits() throws {
        let result = try sandbox.run(["show", FixtureStore.robotsID, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let shown = try result.json(ShownArticle.self)
        #expect(shown.id == FixtureStore.robotsID)
        #expect(shown.headline == FixtureStore.robots)
        #expect(shown.summary == FixtureStore.robotsSummary)
        #expect(shown.date == "2025-11-04")
        #expect(shown.category == "Tech")
        #expect(shown.read == false)
        #expect(shown.kind == "article")
        // The subheading stays; the caption and the credit line do not.
        #expect(shown.body == [
            "The lab at the National University of Singapore built the arm from spare parts over two years.",
            "How it works",
            "A camera finds the collar first, then the sleeves, and the arm folds along the lines it sees.",
            "Next year the team hopes to teach the arm to fold towels and bed sheets as well.",
        ])
        #expect(shown.imageCredits == ["NUS"])

        let objects = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(Set(objects.keys) == ["id", "headline", "summary", "date", "published", "category", "read", "starred", "kind", "body",
                                      "imageCredits", "url", "links", "author", "section", "site"])
        #expect(objects["author"] as? [String] == [])
    }

    /// An HTML page's authors, section and site go through the index (a second run reads them
    /// from it) into `show`'s JSON and text.
    @Test func showCarriesAuthorsSectionAndSiteFromTheIndex() throws {
        try sandbox.write("""
            <html lang="en"><head><title>Tram line opens - Metro Post</title>
            <meta property="og:site_name" content="Metro Post"><meta property="article:section" content="Transport">
            <meta property="article:published_time" content="2025-11-05T07:30:00+08:00">
            <meta property="article:author" content="Ana Ruiz"><meta property="article:author" content="Tom Berg"></head>
            <body><article><p>The new tram line opened on Wednesday morning, and the first trams were full within minutes.</p></article></body></html>
            """, to: "tram.html")
        let id = ArticleID(headline: "Tram line opens").rawValue
        for _ in 0..<2 {
            let result = try sandbox.run(["show", id, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            #expect(object["author"] as? [String] == ["Ana Ruiz", "Tom Berg"])
            #expect(object["section"] as? String == "Transport")
            #expect(object["site"] as? String == "Metro Post")
            // 07:30 at +08:00 is 23:30 UTC the day before: the list keeps times in UTC.
            #expect(object["date"] as? String == "2025-11-04")
            #expect(object["published"] as? String == "2025-11-04T23:30:00Z")
        }
    }

    @Test func showOfATeaserHasAnEmptyBody() throws {
        let result = try sandbox.run(["show", FixtureStore.typhoonID, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let shown = try result.json(ShownArticle.self)
        #expect(shown.kind == "teaser")
        #expect(shown.summary == FixtureStore.typhoonSummary)
        #expect(shown.body.isEmpty)
        #expect(shown.imageCredits.isEmpty)
    }

    @Test func showAcceptsAUniquePrefix() throws {
        let ids = [FixtureStore.robotsID, FixtureStore.hawkerID, FixtureStore.typhoonID]
        // The shortest prefix of the robots id that no other id starts with.
        let prefix = try #require((1...16).lazy.map { String(FixtureStore.robotsID.prefix($0)) }
            .first { p in ids.filter { $0.hasPrefix(p) }.count == 1 })
        let shown = try sandbox.run(["show", prefix, "--format", "json"]).json(ShownArticle.self)
        #expect(shown.id == FixtureStore.robotsID)
        let upper = try sandbox.run(["show", String(FixtureStore.hawkerID.prefix(8)).uppercased(), "--format", "json"])
        #expect(try upper.json(ShownArticle.self).id == FixtureStore.hawkerID)
    }

    @Test func showTextIsWrappedToEightyColumns() throws {
        let result = try sandbox.run(["show", String(FixtureStore.robotsID.prefix(8))])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == Substring(FixtureStore.robots))
        #expect(result.stdout.contains("2025-11-04 · Tech · \(FixtureStore.robotsID) · unread"))
        #expect(result.stdout.contains("How it works"))
        #expect(result.stdout.contains("Image credit: NUS"))
        #expect(!result.stdout.contains("Hot this week"))
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
    }

    @Test func weatherJSONIsTheNewestReadingPerRegion() throws {
        let result = try sandbox.run(["weather", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let readings = try result.json([Reading].self).sorted { $0.region < $1.region }
        #expect(readings == [
            Reading(region: "Seoul", celsius: -2, date: "2025-11-08"),
            Reading(region: "Singapore", celsius: 31, date: "2025-11-08"),
            Reading(region: "Thailand", celsius: 24.2, date: "2025-11-04"),
        ])
        let text = try sandbox.run(["weather"]).stdout
        #expect(text.contains("Thailand"))
        #expect(text.contains("24.2°C"))
        #expect(text.contains("-2.0°C"))
    }

    @Test func categoriesCountArticlesAndUnread() throws {
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        #expect(try sandbox.run(["mark", FixtureStore.robotsID]).status == 0)
        let result = try sandbox.run(["categories", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try result.json([CategoryCount].self)
        #expect(Set(counts.map(\.name)) == Set(listed.map(\.category)))
        #expect(counts.map(\.articles).reduce(0, +) == listed.count)
        let tech = try #require(counts.first { $0.name == "Tech" })
        #expect(tech.unread == tech.articles - 1)
        let food = try #require(counts.first { $0.name == "Food" })
        #expect(food.articles >= 1 && food.unread == food.articles)

        let text = try sandbox.run(["categories"]).stdout
        #expect(text.contains("Tech"))
        #expect(text.contains("Food"))
    }

    @Test func doctorAndVerboseListReportSkippedPages() throws {
        let doctor = try sandbox.run(["doctor", "--format", "json"])
        #expect(doctor.status == 0, "\(doctor.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: doctor.stdoutData) as? [String: Any])
        let skipped = try #require(report["skipped"] as? [[String: String]])
        #expect(Set(skipped.compactMap { $0["path"] }) == ["Tech/binary.txt", "empty.txt"])
        #expect(skipped.allSatisfy { !($0["reason"] ?? "").isEmpty })
        let store = try #require(report["store"] as? [String: String])
        #expect(store["path"] == sandbox.store.path)
        #expect(store["source"] == "command line")
        let state = try #require(report["state"] as? [String: String])
        #expect(state["path"] == sandbox.state.path)
        // Reading commands do not create the state file; doctor says so.
        #expect(state["status"]?.contains("not created yet") == true)
        #expect(!FileManager.default.fileExists(atPath: sandbox.state.path))

        let text = try sandbox.run(["doctor"]).stdout
        #expect(text.contains("Tech/binary.txt: "))
        #expect(text.contains(sandbox.state.path))

        let verbose = try sandbox.run(["list", "--verbose", "--format", "json"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.contains("Tech/binary.txt"))
        #expect(verbose.stderr.contains("empty.txt"))
        #expect(try verbose.json([ListedArticle].self).count == 3)  // stdout stays clean JSON
        #expect(try sandbox.run(["list"]).stderr.isEmpty)
    }
}
