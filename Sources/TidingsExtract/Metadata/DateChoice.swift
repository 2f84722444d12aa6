#if canImport(Glibc)
import Glibc
#endif
import TidingsModel

/// The publication date from what the page offers, most deliberate first: publication metadata
/// (Open Graph, `itemprop`, JSON-LD of any type, the common date metas), `<time datetime>`, the
/// date written near the headline or byline, the date in the page's URL; a modification date only
/// when none of those gives one, and at last the first date in the page's text. A date in the
/// future or before 1995 is not a publication date and is passed over.
struct DateChoice {
    var published: [String] = []
    var times: [TimeMark] = []
    var dateTexts: [DateTextMark] = []
    /// How many `dateTexts` stand before the headline: those after it are nearer the article.
    var dateTextsBeforeH1: Int?
    /// Short lines just after the headline, then just before it.
    var nearHeadline: [String] = []
    var url: String?
    var modified: [String] = []
    var bodyTexts: () -> [String] = { [] }
    /// `og:image`: its path often holds the upload day (`/2016/05/04/`), a date of last resort.
    var imageURL: String?
    /// `<html lang>`: US English pages write `11/7/2023` month first.
    var language: String?
    /// The latest day accepted, today (UTC) plus one for pages in zones ahead.
    var latest: CivilDate = DateChoice.tomorrow()

    static let earliest = CivilDate(year: 1995, month: 1, day: 1)!

    func choose() -> FoundDate? {
        let monthFirst = language.map { $0 == "en-us" || $0 == "en_us" } ?? false
        func validDay(_ d: FoundDate?) -> FoundDate? {
            guard let d, d.day >= DateChoice.earliest, d.day <= latest else { return nil }
            return d
        }
        let zone = DateChoice.zone(language)
        func valid(_ d: FoundDate?) -> FoundDate? {
            guard var d else { return nil }
            // A UTC moment is shown to the page's readers in their zone: 23:30Z is the next day in Berlin.
            if d.writtenInUTC, let utc = d.utcSeconds, let zone {
                d.day = CivilDate(daysSinceEpoch: (utc + Int64(zone(utc) * 60)).floorDiv(86_400))
            }
            return validDay(d)
        }
        let declared = published.compactMap { validDay(DateParsing.found($0, monthFirst: monthFirst)) }
        if var first = declared.first {
            // The same moment written twice, once in UTC and once in the site's own time
            // (`2023-11-09T03:28Z` and `2023-11-08 22:28`): the reader's day is the local one.
            if first.writtenInUTC, let local = declared.first(where: { !$0.writtenInUTC && $0.utcSeconds != nil }),
               abs(local.day.daysSinceEpoch - first.day.daysSinceEpoch) == 1 {
                first.day = local.day
                return first
            }
            if let d = valid(first) { return d }
        }
        for t in times where t.isPublished { if let d = valid(DateParsing.found(t.value, monthFirst: monthFirst)) { return d } }
        for t in times where !t.isModified { if let d = valid(DateParsing.found(t.value, monthFirst: monthFirst)) { return d } }
        // Visible dates: those after the headline first (the article's own date line), then before.
        let split = min(dateTextsBeforeH1 ?? 0, dateTexts.count)
        let ordered = Array(dateTexts[split...]) + Array(dateTexts[..<split])
        for t in ordered where !t.isModified {
            if let d = valid(DateText.scan(t.text, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        }
        for line in nearHeadline {
            if let d = valid(DateText.scan(line, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        }
        if let url, let d = valid(DateParsing.fromURL(url).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        for raw in modified { if let d = valid(DateParsing.found(raw, monthFirst: monthFirst)) { return d } }
        for t in times where t.isModified { if let d = valid(DateParsing.found(t.value, monthFirst: monthFirst)) { return d } }
        for t in ordered where t.isModified {
            if let d = valid(DateText.scan(t.text, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        }
        for text in bodyTexts() {
            if let d = valid(DateText.scan(text, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        }
        if let imageURL, let d = valid(DateParsing.fromURL(imageURL).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
        return nil
    }

    /// The zone (minutes east of UTC at a moment) of the readers of a page in `language`, where
    /// one zone holds nearly all of them: Central European Time for the languages of continental
    /// Europe, with the EU's summer time. Elsewhere nil: the day stays as the page wrote it.
    static func zone(_ language: String?) -> ((Int64) -> Int)? {
        guard let language else { return nil }
        let code = language.prefix { $0 != "-" && $0 != "_" }
        let central: Set<Substring> = ["de", "fr", "it", "es", "nl", "pl", "cs", "sk", "sl", "hr", "sr", "hu", "da", "sv",
                                        "nb", "nn", "no", "bs", "mk", "sq", "lb"]
        if language == "en-us" || language == "en_us" {
            // US pages: the middle of the country's zones (Mountain, -7, -6 in summer) puts an
            // evening story on its day on both coasts.
            return { utc in
                let year = CivilDate(daysSinceEpoch: utc.floorDiv(86_400)).year
                // Summer time: second Sunday of March to first Sunday of November, 02:00 local.
                func sunday(_ month: Int, _ nth: Int) -> Int64 {
                    let first = CivilDate(year: year, month: month, day: 1)!.daysSinceEpoch
                    let weekday = (first + 4).floorMod(7)
                    return (first + (7 - weekday).floorMod(7) + Int64(7 * (nth - 1))) * 86_400 + 9 * 3600
                }
                return utc >= sunday(3, 2) && utc < sunday(11, 1) ? -360 : -420
            }
        }
        guard central.contains(code) else { return nil }
        return { utc in
            let year = CivilDate(daysSinceEpoch: utc.floorDiv(86_400)).year
            // Summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
            func lastSunday(_ month: Int) -> Int64 {
                let last = CivilDate(year: year, month: month, day: 31)!.daysSinceEpoch
                let weekday = (last + 4).floorMod(7)  // 1970-01-01 was a Thursday (4); Sunday is 0
                return (last - weekday) * 86_400 + 3600
            }
            return utc >= lastSunday(3) && utc < lastSunday(10) ? 120 : 60
        }
    }

    static func tomorrow() -> CivilDate {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let days = Int64(ts.tv_sec) / 86_400 + 1
        return CivilDate(daysSinceEpoch: days)
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}
