import Testing
import TidingsModel

/// The date key the merge and the index sort by: day and time of day in UTC.
@Suite struct DateKeyTests {
    @Test func momentsAndDaysRoundTrip() {
        let key = DateKey.of(epochSeconds: 1_735_689_471)  // 2024-12-31 23:57:51 UTC
        #expect(DateKey.day(key) == CivilDate(year: 2024, month: 12, day: 31))
        #expect(DateKey.secondsOfDay(key) == 23 * 3600 + 57 * 60 + 51)
        #expect(DateKey.epochSeconds(key) == 1_735_689_471)
        let day = DateKey.of(day: CivilDate(year: 2024, month: 12, day: 31))
        #expect(DateKey.day(day) == CivilDate(year: 2024, month: 12, day: 31))
        #expect(DateKey.secondsOfDay(day) == nil)
        #expect(DateKey.of(day: nil) == 0 && DateKey.day(0) == nil)
    }

    @Test func aDayAloneSortsAtTheStartOfItsDay() {
        let day = DateKey.of(day: CivilDate(year: 2024, month: 12, day: 31))
        let midnight = DateKey.of(epochSeconds: 1_735_603_200)
        let lateDayBefore = DateKey.of(epochSeconds: 1_735_603_199)
        #expect(lateDayBefore < day && day < midnight)
        #expect(DateKey.of(epochSeconds: 1_735_603_260) > midnight)
    }

    @Test func daysSinceEpochMatchTheCalendar() {
        for (y, m, d, days) in [(1970, 1, 1, 0), (2000, 3, 1, 11_017), (1969, 12, 31, -1), (2024, 2, 29, 19_782)] {
            let date = CivilDate(year: y, month: m, day: d)!
            #expect(date.daysSinceEpoch == Int64(days))
            #expect(CivilDate(daysSinceEpoch: Int64(days)) == date)
        }
    }

    @Test func anArticleIsPublishedAsTheMomentOrTheDay() {
        let timed = Article(id: ArticleID(headline: "a"), headline: "a", summary: nil,
                            dateKey: DateKey.of(epochSeconds: 1_735_689_471), category: "General", kind: .article, sourcePath: nil)
        #expect(timed.published == "2024-12-31T23:57:51Z")
        let dayOnly = Article(id: ArticleID(headline: "b"), headline: "b", summary: nil,
                              date: CivilDate(year: 2024, month: 12, day: 31), category: "General", kind: .article, sourcePath: nil)
        #expect(dayOnly.published == "2024-12-31")
        #expect(DateKey.epochSeconds(timed.dateKey) == 1_735_689_471)
    }
}
