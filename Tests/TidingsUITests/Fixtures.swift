import TidingsModel
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
        article("Gadget review: the folding phone that finally folds flat",
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
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        AppState(articles: articles, readIDs: [articles[2].id, articles[5].id], weather: weather,
                 newestDate: date("2025-11-04"), width: width, height: height)
    }
}

extension AppState {
    /// Sends several keys, returning all effects in order.
    @discardableResult
    mutating func send(_ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { reduce(&self, .key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { reduce(&self, .key(.character($0))) }
    }
}
