import TidingsModel
import TestSupport
@testable import TidingsUI

/// Fixed articles for reducer and golden tests: several categories and dates, a teaser,
/// CJK and emoji headlines, a headline longer than any screen.
enum Fixture {
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func article(_ headline: String, _ summary: String?, _ iso: String?, _ category: String,
                        teaser: Bool = false, url: String? = nil) -> Article {
        Article(id: ArticleID(headline: headline), headline: headline, summary: summary,
                date: iso.map(date), category: category, kind: teaser ? .teaser : .article,
                sourcePath: teaser ? nil : "2025/11/\(ArticleID(headline: headline).short).txt", url: url)
    }

    static let articles: [Article] = [
        article("Singapore startup raises $20M to build quantum sensors",
                "The round was led by a regional fund and will pay for a new lab in Jurong.", "2025-11-04", "Technology",
                url: "https://example.com/quantum"),
        article("Hawker centres get solar roofs in national pilot",
                "Twelve centres will test panels that cover their own lighting costs.", "2025-11-03", "Environment"),
        article("Why the MRT's new signalling system took ten years",
                "Engineers explain the long road to driverless trains.", "2025-11-02", "Transport"),
        article("The folding phone that finally folds flat: our review",
                "Our verdict after a month of daily use.", "2025-11-04", "Technology", teaser: true),
        article("東京の新しい図書館が開館", "A library in Tokyo opens with a robot archive.", "2025-10-30", "World"),
        article("Rain forecast 🌧️ for the whole week, says weather service 🇸🇬",
                "Expect thundery showers in the afternoons.", "2025-11-01", "Weather"),
        article("A very long headline that goes on and on about the many committees that reviewed the budget of the city's new harbour front",
                "Nobody reads this far.", "2025-10-28", "Politics"),
        article("Café culture: the señor who roasts beans by hand", nil, nil, "Lifestyle"),
    ]

    static var ids: [ArticleID] { articles.map(\.id) }

    static let weather: [WeatherReading] = [
        WeatherReading(region: "Singapore", celsius: 30.3, date: date("2025-11-04")),
        WeatherReading(region: "Tokyo", celsius: 14.2, date: date("2025-11-04")),
        WeatherReading(region: "London", celsius: 9.5, date: date("2025-11-03")),
        WeatherReading(region: "Sydney", celsius: 22.0, date: date("2025-11-04")),
        WeatherReading(region: "Singapore", celsius: 27.0, date: date("2025-11-01")),
    ]

    static let body = ArticleBody(
        blocks: [
            .paragraph("The company, founded by two physicists from the National University of Singapore, makes sensors that measure tiny changes in magnetic fields."),
            .subheading("A lab in Jurong"),
            .paragraph("The new lab will employ forty people by the end of next year, the founders said."),
            .quote("We want to build the instruments here, not just design them."),
            .listItem("Series A: $20M"),
            .listItem("Lead investor: a regional fund with a long name that wraps"),
        ],
        imageCredits: ["Image credit: Salon"],
        links: [ArticleLink(text: "Company site", url: "https://example.com/company"),
                ArticleLink(text: "Funding round", url: "https://example.com/round")])

    /// Articles 2 and 5 (MRT, rain) are read.
    static func state(width: Int = 80, height: Int = 24, articles: [Article] = Fixture.articles) -> Reader {
        Reader(articles: articles, readIDs: [Fixture.articles[2].id, Fixture.articles[5].id], width: width, height: height)
    }
}

/// The reducer with its row effects answered by `MemoryRows`, as the reader's main loop answers
/// them from the index: tests send keys and look at the state, and see the other effects (marks,
/// bodies, URLs) that the wiring would perform. Reads of the state pass through to `AppState`.
@dynamicMemberLookup
struct Reader {
    var state: AppState
    let source: MemoryRows

    init(articles: [Article], readIDs: Set<ArticleID>, width: Int, height: Int) {
        source = MemoryRows(articles: articles, readIDs: readIDs)
        state = AppState(width: width, height: height)
        dispatch(.storeChanged(StoreSummary(weather: Fixture.weather, newestDate: Fixture.date("2025-11-04"))))
    }

    subscript<T>(dynamicMember path: WritableKeyPath<AppState, T>) -> T {
        get { state[keyPath: path] }
        set { state[keyPath: path] = newValue }
    }

    subscript<T>(dynamicMember path: KeyPath<AppState, T>) -> T { state[keyPath: path] }

    var readIDs: Set<ArticleID> { source.readIDs }
    /// The view's ids in order (the fixtures' views fit in one window).
    var ids: [ArticleID] { state.visibleIDs }
    var headlines: [String] { state.view.rows.map(\.article.headline) }

    /// Reduces `action` and answers its row effects until none are left; returns the other
    /// effects in order (read marks are also written to the source, as the wiring does).
    @discardableResult
    mutating func dispatch(_ action: Action) -> [Effect] {
        reduceAnsweringRows(&state, action, from: source) { effect in
            if case .setRead(let ids, let read) = effect { source.setRead(ids, read: read) }
        }
    }

    @discardableResult
    mutating func send(_ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { dispatch(.key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { dispatch(.key(.character($0))) }
    }

    /// The store changed under the reader.
    mutating func storeChanged(articles: [Article], skipped: Int = 0) {
        source.replace(articles: articles)
        dispatch(.storeChanged(StoreSummary(weather: Fixture.weather, newestDate: Fixture.date("2025-11-04"), skipped: skipped)))
    }
}
