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
    var url: String?
    var modified: [String] = []
    var bodyTexts: () -> [String] = { [] }
    /// `<html lang>`: US English pages write `11/7/2023` month first.
    var language: String?
    /// The latest day accepted, today (UTC) plus one for pages in zones ahead.
    var latest: CivilDate = DateChoice.tomorrow()

    static let earliest = CivilDate(year: 1995, month: 1, day: 1)!

    func choose() -> FoundDate? {
        let monthFirst = language.map { $0 == "en-us" || $0 == "en_us" } ?? false
        func valid(_ d: FoundDate?) -> FoundDate? {
            guard let d, d.day >= DateChoice.earliest, d.day <= latest else { return nil }
            return d
        }
        for raw in published { if let d = valid(DateParsing.found(raw, monthFirst: monthFirst)) { return d } }
        for t in times where t.isPublished { if let d = valid(DateParsing.found(t.value, monthFirst: monthFirst)) { return d } }
        for t in times where !t.isModified { if let d = valid(DateParsing.found(t.value, monthFirst: monthFirst)) { return d } }
        // Visible dates: those after the headline first (the article's own date line), then before.
        let split = min(dateTextsBeforeH1 ?? 0, dateTexts.count)
        let ordered = Array(dateTexts[split...]) + Array(dateTexts[..<split])
        for t in ordered where !t.isModified {
            if let d = valid(DateText.scan(t.text, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }) { return d }
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
        return nil
    }

    static func tomorrow() -> CivilDate {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let days = Int64(ts.tv_sec) / 86_400 + 1
        return CivilDate(daysSinceEpoch: days)
    }
}
