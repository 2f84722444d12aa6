import Foundation
import Testing
import TidingsModel

/// Newest first by the full time: feed items minutes apart on one day, dates in several time
/// zones, and text pages that give only a day, in one store.
@Suite struct NewestFirstTests {
    let sandbox: Sandbox

    static func textPage(_ dateLine: String, _ headline: String) -> String {
        """
        \(dateLine)
        30.3 C
        Singapore

        \(headline)

        A short standfirst for \(headline.lowercased()).

        The body of the page says a little more about it, in one paragraph.

        """
    }

    init() throws {
        sandbox = try Sandbox()
        try sandbox.write("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
            <item><title>Harbour crane arrives</title><link>https://harbour.example/crane</link>
            <pubDate>Mon, 06 Oct 2025 08:58:00 GMT</pubDate><description>The crane came by sea.</description></item>
            <item><title>Ferry timetable changes</title><link>https://harbour.example/ferry</link>
            <pubDate>Mon, 06 Oct 2025 09:00:00 +0000</pubDate><description>Two crossings move.</description></item>
            <item><title>Council approves budget</title><link>https://harbour.example/budget</link>
            <pubDate>Mon, 06 Oct 2025 09:05:30 GMT</pubDate><description>The vote was close.</description></item>
            <item><title>Tram line extended</title><link>https://harbour.example/tram</link>
            <pubDate>2025-10-06T11:10:00+02:00</pubDate><description>Four new stops.</description></item>
            <item><title>Late night market opens</title><link>https://harbour.example/market</link>
            <pubDate>Mon, 06 Oct 2025 22:30:00 -0500</pubDate><description>Stalls until two.</description></item>
            </channel></rss>
            """, to: "harbour.xml")
        try sandbox.write(Self.textPage("Monday, 6 October 2025", "Library extends opening hours"), to: "library.txt")
        try sandbox.write(Self.textPage("Sunday, 5 October 2025", "Rain expected at the weekend"), to: "rain.txt")
    }

    @Test func theListIsNewestFirstByTheFullTimeWithDayOnlyPagesAtTheStartOfTheirDay() throws {
        let listed = try sandbox.run(["list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try listed.json([[String: AnyDecodable]].self)
        #expect(rows.map { $0["headline"]?.string } == [
            "Late night market opens",        // 22:30 -0500 is 03:30 UTC the next day
            "Tram line extended",             // 11:10 +02:00 is 09:10 UTC
            "Council approves budget",        // 09:05:30 UTC
            "Ferry timetable changes",        // 09:00 UTC
            "Harbour crane arrives",          // 08:58 UTC
            "Library extends opening hours",  // 6 October, no time
            "Rain expected at the weekend",   // 5 October, no time
        ])
        #expect(rows.map { $0["published"]?.string } == [
            "2025-10-07T03:30:00Z", "2025-10-06T09:10:00Z", "2025-10-06T09:05:30Z", "2025-10-06T09:00:00Z",
            "2025-10-06T08:58:00Z", "2025-10-06", "2025-10-05",
        ])
        // `date` stays the day, now the UTC day of the moment.
        #expect(rows.first?["date"]?.string == "2025-10-07")
    }

    @Test func aSecondRunKeepsTheOrderAndShowGivesTheMoment() throws {
        let newest = try sandbox.run(["list", "--format", "json"]).json([[String: AnyDecodable]].self)
        // A second run reads the index the first one built (the refresh path, not the first build).
        let again = try sandbox.run(["list", "--format", "json"]).json([[String: AnyDecodable]].self)
        #expect(newest.map { $0["headline"]?.string } == again.map { $0["headline"]?.string })
        let shown = try sandbox.run(["show", "Council approves budget".articleIDPrefix, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try shown.json([String: AnyDecodable].self)["published"]?.string == "2025-10-06T09:05:30Z")
    }
}
