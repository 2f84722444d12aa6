import TidingsModel

/// What the list's date column needs of the wall clock: today's day and the offset of local time
/// from UTC. The renderer stays pure: the wiring sets it; without it (tests, golden screens)
/// the column shows days only.
public struct ListClock: Hashable, Sendable {
    /// Today in local time; nil shows every article's day.
    public var today: CivilDate?
    /// Seconds east of UTC.
    public var utcOffset: Int

    public init(today: CivilDate? = nil, utcOffset: Int = 0) {
        self.today = today
        self.utcOffset = utcOffset
    }

    /// The date column, as mail readers have it: the local time (`HH:MM`) of an article of today
    /// whose page gives a time, else its day (the local day where the time is known).
    public func dateText(_ article: Article) -> String {
        guard let date = article.date else { return "" }
        guard let time = article.time else { return date.description }
        let local = Int(date.daysSinceEpoch) * 86_400 + time + utcOffset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let day = CivilDate(daysSinceEpoch: Int64(days))
        guard day == today else { return day.description }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60))"
    }
}
