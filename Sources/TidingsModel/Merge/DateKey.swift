/// The sortable integer the merge compares and the index stores for an article's date: its UTC
/// day and, where the page gives one, its UTC time of day. `yyyymmddHHMMSS·10 + 1` with a time,
/// `yyyymmdd000000·10` with only a day, 0 for none: newest first puts the items of a day in the
/// order of their times, and a page that gives only the day at the start of that day.
public enum DateKey {
    /// The key of a day with no time.
    @inlinable
    public static func of(day: CivilDate?) -> Int {
        guard let day else { return 0 }
        return day.indexValue * 10_000_000
    }

    /// The key of a day given as `CivilDate.indexValue` (yyyymmdd, 0 for none).
    @inlinable
    public static func of(dayValue: Int) -> Int {
        dayValue * 10_000_000
    }

    /// The key of a moment, in seconds since 1970-01-01 00:00 UTC.
    public static func of(epochSeconds: Int64) -> Int {
        let days = Int(epochSeconds.quotientRoundingDown(86_400))
        let seconds = Int(epochSeconds - Int64(days) * 86_400)
        let day = CivilDate(daysSinceEpoch: Int64(days))
        let time = (seconds / 3600) * 10_000 + (seconds / 60 % 60) * 100 + seconds % 60
        return (day.indexValue * 1_000_000 + time) * 10 + 1
    }

    /// The UTC day of a key, nil for none.
    public static func day(_ key: Int) -> CivilDate? {
        key > 0 ? CivilDate(indexValue: key / 10_000_000) : nil
    }

    /// Seconds after midnight UTC, nil when the key has only a day.
    public static func secondsOfDay(_ key: Int) -> Int? {
        guard key > 0, key % 10 == 1 else { return nil }
        let time = key / 10 % 1_000_000
        return (time / 10_000) * 3600 + (time / 100 % 100) * 60 + time % 100
    }

    /// Seconds since 1970-01-01 00:00 UTC of a key with a time, nil for a day alone or none.
    public static func epochSeconds(_ key: Int) -> Int64? {
        guard let seconds = secondsOfDay(key), let day = day(key) else { return nil }
        return day.daysSinceEpoch * 86_400 + Int64(seconds)
    }
}

extension Int64 {
    fileprivate func quotientRoundingDown(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
