import Testing
import TestSupport
import TidingsModel

@Suite struct DemoLibraryTests {
    let library = Library.demo()

    @Test func everyDemoPageLoads() {
        #expect(library.skipped == [])
        let pages = library.articles.filter { $0.kind == .article }
        #expect(pages.count == 11)
    }

    @Test func teasersThatPointAtStoredPagesBecomeArticles() throws {
        let apple = try #require(library.articles.first { $0.headline == "Apple launches browser-based App Store after 17 years" })
        #expect(apple.kind == .article)
        #expect(apple.sourcePath == "Tech/001_apple_web_app_store.txt")
        // Seen as a teaser on the seed page (4 November) before its own page was stored (5 November).
        #expect(apple.date == CivilDate(year: 2025, month: 11, day: 4))
        #expect(apple.category == "Tech")
        let logitech = try #require(library.articles.first { $0.headline.hasPrefix("Logitech launches") })
        #expect(logitech.kind == .teaser)
        #expect(logitech.sourcePath == nil)
    }

    @Test func categoriesFromFoldersAndRules() {
        let byHeadline = Dictionary(library.articles.map { ($0.headline, $0.category) }, uniquingKeysWith: { a, _ in a })
        #expect(byHeadline["Dengue cases in Malaysia fall for a third straight week"] == "Health")
        #expect(byHeadline["Singapore beat Malaysia 2-1 in Causeway Challenge football friendly"] == "Sport")
        #expect(byHeadline["Netflix orders second season of Singapore-made thriller series"] == "Entertainment")
        #expect(byHeadline["Volunteers restore century-old shophouse mural in Joo Chiat"] == "General")
        #expect(byHeadline["東京で初雪 🌨️ 平年より早く"] == "World")
        #expect(byHeadline["Astronomers track comet Lemmon as it nears its closest pass to Earth"] == "Science")
        #expect(Set(library.categories).isSuperset(of: ["Business", "Entertainment", "General", "Health", "Science", "Sport", "Tech", "World"]))
    }

    @Test func weatherIsTheNewestReadingPerRegion() throws {
        let weather = Dictionary(library.weather.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
        let singapore = try #require(weather["Singapore"])
        #expect(singapore.celsius == 28.7)
        #expect(singapore.date == CivilDate(year: 2025, month: 11, day: 16))
        #expect(weather["San Francisco"]?.celsius == 20)
        #expect(weather["Tokyo"]?.celsius == 6)
        #expect(library.newestDate == CivilDate(year: 2025, month: 11, day: 18))
    }

    @Test func bodiesLoadOnDemand() throws {
        let seed = try #require(library.articles.first { $0.headline.hasPrefix("Zuckerberg claims") })
        let body = try library.body(of: seed)
        #expect(body.imageCredits == ["Salon"])
        #expect(body.blocks.count == 13)
    }
}
