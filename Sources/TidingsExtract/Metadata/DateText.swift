import TidingsModel

/// A publication date: the calendar day as the page writes it and, where the page gives a time
/// of day with its zone, the moment in UTC (seconds since 1970).
struct FoundDate: Equatable {
    var day: CivilDate
    var utcSeconds: Int64?
    /// The page wrote the time in UTC itself (`Z`, `+00:00`, `GMT`), not in its readers' zone.
    var writtenInUTC = false
}

/// Dates as people write them in running text: `07.11.2023`, `11/7/2023`, `2023-11-07`,
/// `November 7, 2023`, `7. November 2023`, `7 de noviembre de 2023`. The first date in the text
/// wins. Numeric day/month order follows the page's language where the numbers allow both.
enum DateText {
    /// Month names and common abbreviations in the languages of the pages Tidings meets most
    /// (English, German, French, Spanish, Italian, Portuguese, Dutch), lowercased, without a final dot.
    static let months: [String: Int] = {
        let table: [[String]] = [
            ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari"],
            ["february", "feb", "febr", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro", "fev", "februari"],
            ["march", "mar", "märz", "maerz", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
            ["september", "sep", "sept", "septembre", "septiembre", "set", "settembre", "setembro", "setiembre"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "desember"],
        ]
        var map = [String: Int]()
        for (i, names) in table.enumerated() { for n in names where map[n] == nil { map[n] = i + 1 } }
        return map
    }()

    /// Whether `bytes` hold four digits starting 19 or 20 (a year), before a date is looked for in them.
    static func mayHoldYear(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        var run = 0
        for (i, b) in bytes.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                if run == 4, (bytes[i - 3] == 0x31 && bytes[i - 2] == 0x39) || (bytes[i - 3] == 0x32 && bytes[i - 2] == 0x30) {
                    return true
                }
            } else { run = 0 }
        }
        return false
    }

    /// Words that may stand between the parts of a date: ordinal suffixes and "de" / "del".
    private static let fillers: Set<String> = ["st", "nd", "rd", "th", "de", "del", "der", "of", "er", "e"]

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    /// The first date in `text`. `monthFirst`: read an ambiguous `3/4/2020` as 4 March (US pages).
    static func scan(_ text: String, monthFirst: Bool = false) -> CivilDate? {
        let tokens = tokenize(text)
        guard tokens.count >= 3 else { return nil }
        var i = 0
        while i < tokens.count {
            if let d = match(tokens, at: i, monthFirst: monthFirst) { return d }
            i += 1
        }
        return nil
    }

    /// Text to numbers, lowercased words and single punctuation marks; spaces only separate.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens = [Token]()
        var number = 0, digits = 0
        var word = ""
        func flush() {
            if digits > 0 { tokens.append(.number(digits > 6 ? -1 : number, digits: digits)); number = 0; digits = 0 }
            if !word.isEmpty { tokens.append(.word(word)); word = "" }
        }
        for c in text.prefix(400) {
            if let v = c.wholeNumberValue, c.isASCII {
                if !word.isEmpty { flush() }
                number = digits > 6 ? number : number * 10 + v
                digits += 1
            } else if c.isLetter {
                if digits > 0 { flush() }
                word.append(contentsOf: c.lowercased())
            } else {
                flush()
                if !c.isWhitespace { tokens.append(.mark(c)) }
            }
        }
        flush()
        return tokens
    }

    private static func match(_ t: [Token], at i: Int, monthFirst: Bool) -> CivilDate? {
        guard case .number(let a, let ad) = t[i] else {
            if case .word(let w) = t[i], let month = months[w] { return monthDayYear(t, i + 1, month) }
            return nil
        }
        // Numbers glued to a longer number or a word on the left are not a date's start ("A4.1.2020").
        // Numeric: a sep b sep c, one separator throughout.
        if i + 4 < t.count, case .mark(let s1) = t[i + 1], case .number(let b, let bd) = t[i + 2],
           case .mark(let s2) = t[i + 3], s1 == s2, s1 == "." || s1 == "/" || s1 == "-",
           case .number(let c, let cd) = t[i + 4] {
            if ad == 4, bd <= 2, cd <= 2 { return CivilDate(year: a, month: b, day: c) }
            if ad <= 2, bd <= 2, cd == 4 {
                if a > 12 { return CivilDate(year: c, month: b, day: a) }
                if b > 12 { return CivilDate(year: c, month: a, day: b) }
                let usOrder = monthFirst && s1 == "/"
                return usOrder ? CivilDate(year: c, month: a, day: b) : CivilDate(year: c, month: b, day: a)
            }
            if ad <= 2, bd <= 2, cd == 2, s1 == "." {
                // `07.11.23`: day.month.two-digit year, as German pages write it.
                return CivilDate(year: 2000 + c, month: b, day: a)
            }
            return nil
        }
        // `7 November 2023`, `7. November 2023`, `7th of November, 2023`, `7 de noviembre de 2023`.
        guard ad <= 2 else { return nil }
        var j = i + 1
        var steps = 0
        while j < t.count, steps < 3 {
            switch t[j] {
            case .mark(let m) where m == "." || m == ",": j += 1
            case .word(let w) where fillers.contains(w): j += 1
            case .word(let w):
                guard let month = months[w] else { return nil }
                return year(after: t, j + 1).flatMap { CivilDate(year: $0, month: month, day: a) }
            default: return nil
            }
            steps += 1
        }
        return nil
    }

    /// After a month name: `7, 2023`, `7th 2023`.
    private static func monthDayYear(_ t: [Token], _ start: Int, _ month: Int) -> CivilDate? {
        var j = start
        if j < t.count, case .mark(".") = t[j] { j += 1 }
        guard j < t.count, case .number(let day, let dd) = t[j], dd <= 2 else { return nil }
        return year(after: t, j + 1).flatMap { CivilDate(year: $0, month: month, day: day) }
    }

    /// A four-digit year after optional commas, dots, ordinal suffixes and "de".
    private static func year(after t: [Token], _ start: Int) -> Int? {
        var j = start
        var steps = 0
        while j < t.count, steps < 3 {
            switch t[j] {
            case .mark(let m) where m == "." || m == ",": j += 1
            case .word(let w) where fillers.contains(w): j += 1
            case .number(let y, let yd): return yd == 4 ? y : nil
            default: return nil
            }
            steps += 1
        }
        return nil
    }
}
