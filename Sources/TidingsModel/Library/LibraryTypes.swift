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
