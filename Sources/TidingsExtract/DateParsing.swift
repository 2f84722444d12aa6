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
        rfc822ASCII(s) ?? rfc822Characters(s)
    }

    /// `rfc822Characters` on the bytes of an ASCII date (feeds write them so, one per item); nil
    /// for text that is not ASCII, which the Character path reads.
    static func rfc822ASCII(_ s: String) -> CivilDate?? {
        var s = s
        return s.withUTF8 { u -> CivilDate?? in
            var day: Int?, month: Int?, year: Int?
            var words = 0, i = 0
            while i < u.count && words < 5 {
                let b = u[i]
                if b >= 0x80 { return nil }
                if b == 0x20 || b == 0x2C || b == 0x2D {
                    i += 1
                    continue
                }
                var end = i
                while end < u.count && u[end] != 0x20 && u[end] != 0x2C && u[end] != 0x2D {
                    if u[end] >= 0x80 { return nil }
                    end += 1
                }
                let w = UnsafeBufferPointer(rebasing: u[i..<end])
                words += 1
                i = end
                if let v = Self.integer(w) {
                    if v >= 1000 { if year == nil { year = v } } else if day == nil { day = v }
                    else if year == nil, w.count == 2 { year = 2000 + v }
                } else if month == nil, w.count >= 3 {
                    let key = (w[0] | 0x20, w[1] | 0x20, w[2] | 0x20)
                    // `| 0x20` lowercases letters; the month names are letters only.
                    if let m = monthBytes.firstIndex(where: { $0 == key }),
                       [w[0], w[1], w[2]].allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
                        month = m + 1
                    }
                }
            }
            guard let d = day, let m = month, let y = year else { return .some(nil) }
            return .some(CivilDate(year: y, month: m, day: d))
        }
    }

    private static let monthBytes: [(UInt8, UInt8, UInt8)] = months.map { m in
        let b = Array(m.utf8)
        return (b[0], b[1], b[2])
    }

    /// `Int(w)` of ASCII bytes: an optional sign, then digits; nil on overflow.
    private static func integer(_ w: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0, negative = false
        if let first = w.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            k = 1
        }
        guard k < w.count else { return nil }
        var v = 0
        while k < w.count {
            let b = w[k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { return nil }
            v = a
            k += 1
        }
        return negative ? -v : v
    }

    static func rfc822Characters(_ s: String) -> CivilDate? {
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
    static func compactDigits(_ s: String) -> CivilDate? {
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
