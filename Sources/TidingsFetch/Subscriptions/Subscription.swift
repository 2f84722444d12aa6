/// One feed the user subscribes to, as written in feeds.toml.
public struct Subscription: Sendable, Equatable {
    public var url: String
    public var title: String?
    public var category: String?
    /// Fetch the page behind each new item and show the extracted article.
    public var fullText: Bool
    /// Seconds between fetches (the reader's periodic fetch and `next fetch` in `feeds`).
    public var refreshSeconds: Int
    /// Seconds an item is kept after it was first fetched, once the feed no longer lists it.
    public var retentionSeconds: Int
    /// The line of its `[[feed]]` header in the file (0 when not from a file).
    public var line: Int

    public static let defaultRefresh = 3600
    public static let defaultRetention = 90 * 86400

    public init(url: String, title: String? = nil, category: String? = nil, fullText: Bool = false,
                refreshSeconds: Int = Subscription.defaultRefresh, retentionSeconds: Int = Subscription.defaultRetention,
                line: Int = 0) {
        self.url = url
        self.title = title
        self.category = category
        self.fullText = fullText
        self.refreshSeconds = refreshSeconds
        self.retentionSeconds = retentionSeconds
        self.line = line
    }
}

/// A broken entry of feeds.toml (or the whole file), with where it is.
public struct SubscriptionProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// "30m", "2h", "7d", "2w", or a number of seconds.
enum DurationText {
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " }.lowercased()
        guard let unit = trimmed.last else { return nil }
        if unit.isNumber { return Int(trimmed).flatMap { $0 > 0 ? $0 : nil } }
        let multiplier: Int
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86400
        case "w": multiplier = 7 * 86400
        default: return nil
        }
        guard let count = Int(trimmed.dropLast()), count > 0, count < Int.max / multiplier else { return nil }
        return count * multiplier
    }

    static func text(_ seconds: Int) -> String {
        for (unit, size) in [("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
