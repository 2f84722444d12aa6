import TidingsModel

/// The time of day and zone after a machine-written date, to place the article in UTC.
extension DateParsing {
    /// A date value from metadata (`2019-03-12T10:00:00+01:00`, `Tue, 12 Mar 2019 10:00:00 GMT`,
    /// `2019-03-12`, `12.03.2019`): the day as written and, with a time, the UTC moment
    /// (a time without a zone is taken as UTC).
    static func found(_ raw: String, monthFirst: Bool = false) -> FoundDate? {
        let s = Whitespace.trimmed(raw)
        guard !s.isEmpty else { return nil }
        if let day = iso(s) {
            let u = Array(s.utf8)
            let moment = u.count > 10 ? utc(day, Array(u[10...])) : nil
            return FoundDate(day: day, utcSeconds: moment?.0, writtenInUTC: moment?.1 ?? false)
        }
        if let day = rfc822(s) ?? compactDigits(s) {
            let moment = clockAfterDate(day, Array(s.utf8))
            return FoundDate(day: day, utcSeconds: moment?.0, writtenInUTC: moment?.1 ?? false)
        }
        return DateText.scan(s, monthFirst: monthFirst).map { FoundDate(day: $0, utcSeconds: nil) }
    }

    /// `THH:MM[:SS[.fff]][Z|±HH[:MM]]` (or a space for the `T`) after an ISO day.
    private static func utc(_ day: CivilDate, _ rest: [UInt8]) -> (Int64, Bool)? {
        guard rest.count >= 6, rest[0] == 0x54 || rest[0] == 0x20 || rest[0] == 0x74 else { return nil }
        return clock(day, rest, from: 1)
    }

    /// The first `HH:MM` in an RFC 822 style date and the zone after it.
    private static func clockAfterDate(_ day: CivilDate, _ u: [UInt8]) -> (Int64, Bool)? {
        var i = 0
        while i + 4 < u.count {
            if isDigit(u[i]), isDigit(u[i + 1]), u[i + 2] == 0x3A, i == 0 || !isDigit(u[i - 1]) { return clock(day, u, from: i) }
            i += 1
        }
        return nil
    }

    /// The UTC moment, and whether the zone written was UTC itself.
    private static func clock(_ day: CivilDate, _ u: [UInt8], from start: Int) -> (Int64, Bool)? {
        var i = start
        func two() -> Int? {
            guard i + 1 < u.count, isDigit(u[i]), isDigit(u[i + 1]) else { return nil }
            defer { i += 2 }
            return Int(u[i] - 0x30) * 10 + Int(u[i + 1] - 0x30)
        }
        guard let h = two(), h < 24, i < u.count, u[i] == 0x3A else { return nil }
        i += 1
        guard let m = two(), m < 60 else { return nil }
        var sec = 0
        if i < u.count, u[i] == 0x3A { i += 1; sec = min(two() ?? 0, 59) }
        if i < u.count, u[i] == 0x2E || u[i] == 0x2C { i += 1; while i < u.count, isDigit(u[i]) { i += 1 } }
        while i < u.count, u[i] == 0x20 { i += 1 }
        var offset = 0
        var zoneWritten = false
        if i < u.count, u[i] == 0x2B || u[i] == 0x2D {
            zoneWritten = true
            let sign = u[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = two() else { return nil }
            if i < u.count, u[i] == 0x3A { i += 1 }
            let om = two() ?? 0
            offset = sign * (oh * 60 + om)
        } else if i < u.count {
            let name = String(decoding: u[i...].prefix(while: { $0 >= 0x41 && $0 <= 0x5A }), as: UTF8.self)
            if let z = zones[name] { offset = z; zoneWritten = true }
        }
        let local = day.daysSinceEpoch * 86_400 + Int64(h * 3600 + m * 60 + sec)
        return (local - Int64(offset * 60), zoneWritten && offset == 0)
    }

    /// Zone names that RFC 822 dates still carry, in minutes east of UTC.
    private static let zones: [String: Int] = [
        "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
        "MDT": -360, "PST": -480, "PDT": -420, "CET": 60, "CEST": 120, "BST": 60, "EET": 120, "EEST": 180,
    ]

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
