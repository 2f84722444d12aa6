/// `Retry-After`: a number of seconds or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT").
enum RetryAfter {
    static func seconds(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingSpaces()
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = httpDate(trimmed) else { return nil }
        return max(0, date - now)
    }

    /// IMF-fixdate only (what servers send); seconds since 1970.
    static func httpDate(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let monthIndex = months.firstIndex(of: String(parts[2])) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return Double(daysFromCivil(year: year, month: monthIndex + 1, day: day)) * 86400
            + Double(clock[0] * 3600 + clock[1] * 60 + clock[2])
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

/// Waits after failures: 5 minutes, doubling each time, at most a day.
enum BackOff {
    static func delay(failures: Int) -> Double {
        let exponent = min(max(failures - 1, 0), 10)
        return min(86400, 300 * Double(1 << exponent))
    }
}
