/// What one `Library.scan()` did.
public struct ScanReport: Sendable, Equatable, CustomStringConvertible {
    /// Files parsed for the first time.
    public var added = 0
    /// Files parsed again because their size or modification time changed.
    public var changed = 0
    /// Files gone since the previous scan (their contributions were dropped).
    public var removed = 0
    /// Files seen before and unchanged: not read.
    public var unchanged = 0
    /// Files skipped in this scan (see `Library.skipped` for paths and reasons).
    public var skipped = 0

    public init(added: Int = 0, changed: Int = 0, removed: Int = 0, unchanged: Int = 0, skipped: Int = 0) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
        self.skipped = skipped
    }

    public var description: String {
        "\(added) added, \(changed) changed, \(removed) removed, \(unchanged) unchanged, \(skipped) skipped"
    }
}

/// A stored file that did not load, and why.
public struct SkippedFile: Sendable, Hashable {
    /// Relative to the store.
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

public enum LibraryError: Error, CustomStringConvertible, Equatable {
    /// No article has this id or id prefix.
    case notFound(String)
    /// More than one article starts with this prefix; the candidates, newest first.
    case ambiguous(String, [Article])
    /// A teaser: only headline and summary are known, no page is stored.
    case noBody(ArticleID)
    /// The article's stored file could not be read or parsed any more.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let id):
            return "no article with id \(id)"
        case .ambiguous(let prefix, let candidates):
            let shown = candidates.prefix(5).map { "  \($0.id.rawValue)  \($0.headline)" }.joined(separator: "\n")
            let more = candidates.count > 5 ? "\n  ... and \(candidates.count - 5) more" : ""
            return "id prefix \(prefix) matches \(candidates.count) articles:\n\(shown)\(more)"
        case .noBody(let id):
            return "article \(id) is known only from a teaser: its page is not stored"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }
}
