import TidingsModel

/// A civil date in 32 bits (`yyyymmdd`, 0 for none): compares like the date.
enum PackedDate {
    static func pack(_ date: CivilDate?) -> UInt32 {
        guard let date else { return 0 }
        return UInt32(date.year * 10_000 + date.month * 100 + date.day)
    }

    static func unpack(_ value: UInt32) -> CivilDate? {
        guard value != 0 else { return nil }
        let v = Int(value)
        return CivilDate(year: v / 10_000, month: v / 100 % 100, day: v % 100)
    }
}

extension CivilDate {
    /// Sorts before every real date (pages with no date at all).
    static let distantPast = CivilDate(year: 1, month: 1, day: 1)!
}
