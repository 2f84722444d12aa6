import Testing
import TidingsModel
import TestSupport
@testable import TidingsUI

/// The list's source column and the article header's author and site.
@Suite struct SourceColumnTests {
    let theme = Theme.builtInDefault
    static let withSources: [Article] = [
        Article(id: ArticleID(headline: "Tram line opens"), headline: "Tram line opens", summary: "Full within minutes.",
                date: CivilDate(iso: "2025-11-05"), category: "Transport", kind: .article, sourcePath: "tram.html",
                url: "https://metro.example/tram", authors: ["Ana Ruiz", "Tom Berg"], site: "Metro Post"),
        Article(id: ArticleID(headline: "Ferry fares fall"), headline: "Ferry fares fall", summary: nil,
                date: CivilDate(iso: "2025-11-04"), category: "Transport", kind: .article, sourcePath: "feeds/harbour.xml",
                site: "Harbour Herald feed"),
        Article(id: ArticleID(headline: "Quiet street"), headline: "Quiet street", summary: nil,
                date: CivilDate(iso: "2025-11-03"), category: "Local", kind: .article, sourcePath: "2025/11/street.txt"),
    ]

    func reader(_ w: Int, _ h: Int) -> Reader {
        Reader(articles: Self.withSources, readIDs: [], width: w, height: h)
    }

    func row(_ r: Reader, containing headline: String) -> String? {
        let screen = render(r.state, theme: theme)
        return (0..<screen.height).map(screen.line).first { $0.contains(headline) }
    }

    @Test func sourceColumnShowsTheSiteOrFeedTitleAndHides() throws {
        var r = reader(90, 20)  // the list alone, full width
        let tram = try #require(row(r, containing: "Tram line opens"))
        #expect(tram.contains("Metro Post"))
        #expect(try #require(row(r, containing: "Ferry fares fall")).contains("Harbour Herald"))
        r.send(.character("S"))
        #expect(r.showSource == false)
        #expect(try #require(row(r, containing: "Tram line opens")).contains("Metro Post") == false)
        r.send(.character("S"))
        #expect(try #require(row(r, containing: "Tram line opens")).contains("Metro Post"))
    }

    @Test func noSourceColumnForRowsWithoutSources() {
        // Text pages carry no site: the list looks the same with the column on or off.
        let shown = Fixture.state(width: 120, height: 20)
        var hidden = Fixture.state(width: 120, height: 20)
        hidden.showSource = false
        #expect(render(shown.state, theme: theme).text == render(hidden.state, theme: theme).text)
    }

    @Test func articleHeaderShowsSiteAndAuthors() {
        let lines = ArticleContent.wrap(Self.withSources[0], body: nil, width: 60).map(\.text)
        #expect(lines.contains("2025-11-05 · Transport · Metro Post"))
        #expect(lines.contains("By Ana Ruiz, Tom Berg"))
        let plain = ArticleContent.wrap(Self.withSources[2], body: nil, width: 60).map(\.text)
        #expect(plain.contains("2025-11-03 · Local · street.txt"))
        #expect(!plain.contains { $0.hasPrefix("By ") })
    }
}
