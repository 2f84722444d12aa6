import TidingsModel

/// Published dates as pages and feeds write them: ISO 8601 (`2019-03-12T10:00:00Z`, `2019-03-12`),
/// RFC 822 (`Tue, 12 Mar 2019 10:00:00 GMT`), and a `/2019/03/12/` path in a URL.
/// Only the calendar day is kept, as written (no time-zone shift).
enum DateParsing {
    static func parse(_ raw: String) -> CivilDate? {
        let s = Whitespace.trimmed(raw)
        guard !s.isEmpty else { return nil }
        return iso(s) ?? rfc822(s) ?? compactDigits(s)
    }

    static func iso(_ s: String) -> CivilDate? {
        let u = Array(s.utf8)
        guard u.count >= 10, let y = digits(u, 0, 4), u[4] == 0x2D, let m = digits(u, 5, 2), u[7] == 0x2D,
              let d = digits(u, 8, 2) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func rfc822(_ s: String) -> CivilDate? {
        // [Day,] DD Mon YYYY ...   also tolerates "Mon DD, YYYY".
        let words = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" })
        var day: Int?, month: Int?, year: Int?
        for w in words.prefix(5) {
            if let v = Int(w) {
                if v >= 1000 { if year == nil { year = v } } else if day == nil { day = v }
                else if year == nil, w.count == 2 { year = 2000 + v }
            } else if month == nil, w.count >= 3, let i = months.firstIndex(of: String(w.prefix(3))) {
                month = i + 1
            }
        }
        guard let d = day, let m = month, let y = year else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// `20190312` or `2019/03/12`.
    private static func compactDigits(_ s: String) -> CivilDate? {
        let u = Array(s.utf8)
        if u.count >= 10, let y = digits(u, 0, 4), u[4] == 0x2F, let m = digits(u, 5, 2), u[7] == 0x2F, let d = digits(u, 8, 2) {
            return CivilDate(year: y, month: m, day: d)
        }
        if u.count == 8, let y = digits(u, 0, 4), let m = digits(u, 4, 2), let d = digits(u, 6, 2) {
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// A `/YYYY/MM/DD/` or `/YYYY-MM-DD` date in a URL path.
    static func fromURL(_ url: String) -> CivilDate? {
        let u = Array(url.utf8)
        var i = 0
        while i + 10 <= u.count {
            if u[i] == 0x2F || u[i] == 0x2D || u[i] == 0x5F, let y = digits(u, i + 1, 4), (1990...2100).contains(y),
               i + 11 <= u.count, u[i + 5] == 0x2F || u[i + 5] == 0x2D,
               let m = digits(u, i + 6, 2), i + 11 < u.count, u[i + 8] == u[i + 5], let d = digits(u, i + 9, 2) {
                if let date = CivilDate(year: y, month: m, day: d) { return date }
            }
            i += 1
        }
        return nil
    }

    private static func digits(_ u: [UInt8], _ at: Int, _ n: Int) -> Int? {
        guard at + n <= u.count else { return nil }
        var v = 0
        for k in at..<(at + n) {
            guard u[k] >= 0x30 && u[k] <= 0x39 else { return nil }
            v = v * 10 + Int(u[k] - 0x30)
        }
        return v
    }
}

import Foundation
