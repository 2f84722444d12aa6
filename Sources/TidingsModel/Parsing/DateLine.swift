/// Recognises the stored-page date line: `Tuesday, 4 November 2025`, `Saturday, November 23, 2024`,
/// with or without the weekday, full or short month names, and `23rd`-style days.
enum DateLine {
    enum Match: Equatable {
        case date(CivilDate)
        /// Shaped like a date line but no such day (`31 February 2025`): not content, not a date.
        case impossible
        case notADate
    }

    private static let months: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    private static let weekdays: [[UInt8]] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ].map { Array($0.utf8) }

    static func match(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Match {
        // Dates are short; anything longer is content, whatever it starts with.
        guard line.count >= 8, line.count <= 40 else { return .notADate }
        // Split into up to 5 tokens on spaces, commas and periods.
        var tokens: [(Int, Int)] = []
        var i = line.start
        while i < line.end {
            while i < line.end && (p[i] == 0x20 || p[i] == 0x2C || p[i] == 0x2E) { i += 1 }
            let s = i
            while i < line.end && !(p[i] == 0x20 || p[i] == 0x2C || p[i] == 0x2E) { i += 1 }
            if i > s {
                tokens.append((s, i))
                if tokens.count > 4 { return .notADate }
            }
        }
        if tokens.count == 4 {
            guard name(p, tokens[0], in: weekdays) != nil else { return .notADate }
            tokens.removeFirst()
        }
        guard tokens.count == 3, let year = number(p, tokens[2], digits: 4...4) else { return .notADate }
        let dayOfMonth: Int, month: Int
        if let d = parseDay(p, tokens[0]), let m = name(p, tokens[1], in: months) {
            dayOfMonth = d
            month = m
        } else if let m = name(p, tokens[0], in: months), let d = parseDay(p, tokens[1]) {
            dayOfMonth = d
            month = m
        } else {
            return .notADate
        }
        guard let date = CivilDate(year: year, month: month + 1, day: dayOfMonth) else { return .impossible }
        return .date(date)
    }

    /// Ten bytes `dddd-dd-dd` at `start`, whether or not the day exists.
    static func isISOShaped(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + 10 <= p.count else { return false }
        for k in 0..<10 {
            let b = p[start + k]
            if k == 4 || k == 7 { if b != 0x2D { return false } } else if b < 0x30 || b > 0x39 { return false }
        }
        return true
    }

    /// `YYYY-MM-DD` at `start`, exactly ten bytes.
    static func iso(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> CivilDate? {
        guard start + 10 <= p.count, p[start + 4] == 0x2D, p[start + 7] == 0x2D,
              let y = number(p, (start, start + 4), digits: 4...4),
              let m = number(p, (start + 5, start + 7), digits: 2...2),
              let d = number(p, (start + 8, start + 10), digits: 2...2) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    private static func number(_ p: UnsafeBufferPointer<UInt8>, _ t: (Int, Int), digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(t.1 - t.0) else { return nil }
        var v = 0
        for k in t.0..<t.1 {
            let b = p[k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// `4`, `04`, `23rd`.
    private static func parseDay(_ p: UnsafeBufferPointer<UInt8>, _ t: (Int, Int)) -> Int? {
        var e = t.1
        if e - t.0 >= 3 {
            let a = p[e - 2] | 0x20, b = p[e - 1] | 0x20
            if (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68) {
                e -= 2
            }
        }
        return number(p, (t.0, e), digits: 1...2)
    }

    /// Index of a full name or a prefix of at least three letters (`Nov`, `Sept`, `Tue`).
    private static func name(_ p: UnsafeBufferPointer<UInt8>, _ t: (Int, Int), in names: [[UInt8]]) -> Int? {
        let len = t.1 - t.0
        guard len >= 3 else { return nil }
        outer: for (index, full) in names.enumerated() where len <= full.count {
            for k in 0..<len {
                var b = p[t.0 + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != full[k] { continue outer }
            }
            return index
        }
        return nil
    }
}
