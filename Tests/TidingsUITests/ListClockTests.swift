import Testing
import TidingsModel
import TidingsUI

/// The list's date column: the local time for today's articles, the day otherwise.
@Suite struct ListClockTests {
    static func article(_ key: Int) -> Article {
        Article(id: ArticleID(headline: "x"), headline: "x", summary: nil, dateKey: key, category: "General",
                kind: .article, sourcePath: nil)
    }

    @Test func todaysArticlesShowTheirLocalTimeOthersTheirDay() {
        let morning = Self.article(DateKey.of(epochSeconds: 1_735_689_471))  // 2024-12-31 23:57:51 UTC
        let utc = ListClock(today: CivilDate(year: 2024, month: 12, day: 31), utcOffset: 0)
        #expect(utc.dateText(morning) == "23:57")
        // Eight hours east it is already 1 January there: shown as today's time only on that day.
        let east = ListClock(today: CivilDate(year: 2025, month: 1, day: 1), utcOffset: 8 * 3600)
        #expect(east.dateText(morning) == "07:57")
        let eastYesterday = ListClock(today: CivilDate(year: 2025, month: 1, day: 2), utcOffset: 8 * 3600)
        #expect(eastYesterday.dateText(morning) == "2025-01-01")
        // A page with only a day shows the day, today or not; no clock shows days only.
        let dayOnly = Self.article(DateKey.of(day: CivilDate(year: 2024, month: 12, day: 31)))
        #expect(utc.dateText(dayOnly) == "2024-12-31")
        #expect(ListClock().dateText(morning) == "2024-12-31")
    }
}
