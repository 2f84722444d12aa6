/// What one feed's fetch came to, for the command's report and the reader's status line.
public struct FeedOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case updated(newItems: Int)
        case unchanged
        /// Not fetched this time (back-off, Retry-After, disabled), with why.
        case skipped(String)
        case failed(String)
    }

    public var url: String
    public var name: String
    public var result: Result
    /// Things the user must know: a permanent move, a feed disabled, full-text failures.
    public var notes: [String]

    public var isFailure: Bool { if case .failed = result { return true }; return false }

    public var summary: String {
        switch result {
        case .updated(let count): return count == 1 ? "1 new item" : "\(count) new items"
        case .unchanged: return "unchanged"
        case .skipped(let why): return "skipped: \(why)"
        case .failed(let why): return "failed: \(why)"
        }
    }
}

public struct FetchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var outcome: FeedOutcome
}
