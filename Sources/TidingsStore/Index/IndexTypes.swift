import Foundation
import TidingsModel

/// Which articles a list shows. Every field narrows the set; the default is everything.
public struct ArticleFilter: Sendable, Hashable {
    /// Only this category, compared case-insensitively.
    public var category: String?
    /// Only articles not marked read.
    public var unreadOnly: Bool
    /// Only articles whose headline, summary or body contain every word (word prefixes, any case,
    /// accents ignored; runs of CJK/Thai text match as substrings). Empty or nil: no search.
    public var search: String?
    /// Read articles that `unreadOnly` still lets through (the reader's row under the cursor).
    public var keep: [ArticleID]
    /// Only starred articles.
    public var starredOnly: Bool

    public init(category: String? = nil, unreadOnly: Bool = false, search: String? = nil, keep: [ArticleID] = [],
                starredOnly: Bool = false) {
        self.starredOnly = starredOnly
        self.category = category
        self.unreadOnly = unreadOnly
        self.search = search
        self.keep = keep
    }
}

public enum ArticleSort: String, Sendable, Hashable, CaseIterable {
    /// Newest date first (undated last), then headline, then id: the order `Library.articles` has.
    case newest
    /// Oldest date first (undated last), then headline, then id.
    case oldest
    /// By category name, then newest first.
    case category
    /// Best search match first (bm25), then newest; without a search the same as `newest`.
    case relevance
}

/// One row of a list: the article and its read mark.
public struct IndexedArticle: Sendable, Hashable {
    public var article: Article
    public var isRead: Bool
    public init(article: Article, isRead: Bool) {
        self.article = article
        self.isRead = isRead
    }
}

public struct CategoryCount: Sendable, Hashable {
    public var name: String
    public var articles: Int
    public var unread: Int
    public init(name: String, articles: Int, unread: Int) {
        self.name = name
        self.articles = articles
        self.unread = unread
    }
}

public struct ArticleCounts: Sendable, Hashable {
    public var total: Int
    public var unread: Int
    public init(total: Int, unread: Int) {
        self.total = total
        self.unread = unread
    }
}

/// How far a refresh has come: files looked at out of the files the store walk found.
public struct IndexProgress: Sendable, Hashable {
    public var done: Int
    public var total: Int
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What one `ArticleIndex.refresh` did.
public struct IndexRefreshReport: Sendable, Hashable, CustomStringConvertible {
    /// Files parsed for the first time.
    public var added = 0
    /// Files parsed again (changed size or time, or a new parser version).
    public var changed = 0
    /// Files gone from the store; their articles were dropped or recomputed.
    public var removed = 0
    /// Files already indexed as they are: not read.
    public var unchanged = 0
    /// Files that did not load (this refresh or an earlier one), and walk problems.
    public var skipped = 0
    /// True when the refresh stopped early because it was cancelled; what was committed stays.
    public var cancelled = false

    public init() {}

    /// Files parsed in this refresh.
    public var parsed: Int { added + changed }

    public var description: String {
        "\(added) added, \(changed) changed, \(removed) removed, \(unchanged) unchanged, \(skipped) skipped"
            + (cancelled ? " (cancelled)" : "")
    }
}

/// Where read marks come from for the unread filter and counts.
public enum ReadMarksSource: Sendable {
    /// The state database (see `ReadStateStore`), attached to every index connection: marks made
    /// by any process show at once, and `markAll` writes there. The file must exist.
    case database(URL)
    /// A fixed set of marks (no state file yet, or one that cannot be written).
    case snapshot(Set<ArticleID>)
}

/// Why the index could not be used. The index holds nothing that cannot be rebuilt.
public struct ArticleIndexError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The index file cannot be created or written.
        case unwritable
        /// SQLite reported the index damaged while it was in use; discard it and open again.
        case corrupt
        /// The read state cannot be written (mark all read).
        case marksNotSaved
        case database
        /// The file at the index's place is not Tidings' index: it is left as it is.
        case foreign
        /// The index file or one of its side files is not a regular file (a FIFO, a socket...).
        case notAFile
    }
    public var kind: Kind
    public var path: String
    public var reason: String

    public init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .unwritable: return "the article index \(path) cannot be written (\(reason))"
        case .corrupt: return "the article index \(path) is damaged (\(reason)); it will be rebuilt"
        case .marksNotSaved: return "marks cannot be saved: \(reason)"
        case .database: return "the article index \(path) failed: \(reason)"
        case .foreign: return "\(path) is not an article index made by Tidings (\(reason)); it is left as it is"
        case .notAFile: return "the article index cannot use \(path): \(reason)"
        }
    }
}

extension ArticleID {
    /// The 64-bit hash as the signed integer SQLite stores (same bits).
    var indexKey: Int64 { Int64(bitPattern: UInt64(rawValue, radix: 16) ?? 0) }

    init(indexKey: Int64) {
        let hex = String(UInt64(bitPattern: indexKey), radix: 16)
        self.init(rawValue: String(repeating: "0", count: 16 - hex.count) + hex)!
    }
}
