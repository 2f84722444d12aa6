import Foundation
import GRDB
import TidingsModel

/// Lists, counts and marks, each one SQL statement on indexed columns, so their cost follows
/// what is shown, not the size of the store.
extension ArticleIndex {
    /// The filter as a WHERE clause over `articles a` (and `s`, the search hits, when searching).
    struct Clause {
        var joins = ""
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var searching = false
        /// A search with no words in it matches nothing.
        var matchesNothing = false

        var whereSQL: String { conditions.isEmpty ? "WHERE 1" : "WHERE " + conditions.joined(separator: " AND ") }
    }

    /// `scored` joins each hit's tier and bm25 score (`s.tier`, `s.score`) for best-match
    /// order; counts, marks and the other orders leave the ranking out.
    func clause(_ filter: ArticleFilter, scored: Bool = false) -> Clause {
        var c = Clause()
        if let search = filter.search, !search.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            if scored, let tiers = SearchText.tierExpressions(search) {
                let ranked = tiers.indices.map {
                    "SELECT rowid AS doc, \($0) AS tier, \(Self.bm25) AS score FROM search WHERE search MATCH ?"
                }
                c.joins = "JOIN (\(ranked.joined(separator: " UNION ALL "))) s ON s.doc = a.doc"
                c.arguments += StatementArguments(tiers)
                c.searching = true
            } else if let match = SearchText.matchExpression(search) {
                c.joins = "JOIN (SELECT rowid AS doc FROM search WHERE search MATCH ?) s ON s.doc = a.doc"
                c.arguments += [match]
                c.searching = true
            } else {
                c.matchesNothing = true
            }
        }
        if let category = filter.category {
            c.conditions.append("a.category_key = ?")
            c.arguments += [category.lowercased()]
        }
        if filter.starredOnly {
            // Unqualified: the state file's table, or an empty one in temp when the marks are a snapshot.
            c.conditions.append("a.hex IN (SELECT article_id FROM star_state WHERE is_starred = 1)")
        }
        if filter.unreadOnly {
            let unread = "NOT EXISTS (SELECT 1 FROM \(database.marksSchema).read_state r WHERE r.article_id = a.hex AND r.is_read = 1)"
            if filter.keep.isEmpty {
                c.conditions.append(unread)
            } else {
                c.conditions.append("(\(unread) OR a.hex IN (\(Array(repeating: "?", count: filter.keep.count).joined(separator: ","))))")
                c.arguments += StatementArguments(filter.keep.map(\.rawValue))
            }
        }
        return c
    }

    static func orderSQL(_ sort: ArticleSort, searching: Bool) -> String {
        switch sort {
        case .newest: return "ORDER BY a.date DESC, a.headline, a.hex"
        // The exact reverse of newest (one index serves both): undated articles come first.
        case .oldest: return "ORDER BY a.date, a.headline DESC, a.hex DESC"
        case .category: return "ORDER BY a.category_key, a.category, a.date DESC, a.headline, a.hex"
        // Ties (rare with bm25) in the order the full-text index holds them, so that the best
        // rows can be taken from the search alone (see `articles`).
        case .relevance:
            return searching ? "ORDER BY s.tier, s.score, s.doc" : "ORDER BY a.date DESC, a.headline, a.hex"
        }
    }

    /// Headline hits count most, then the summary, then the body.
    static let bm25 = "bm25(search, 10.0, 4.0, 1.0)"

    static let articleColumns = "a.hex, a.headline, a.summary, a.date, a.category, a.kind, a.source_path, a.url, a.author, a.site, a.best_category"
    /// Where the read flag stands in a row of `articleColumns` and `readColumn()`.
    static let readIndex = 11

    func readColumn() -> String {
        "EXISTS (SELECT 1 FROM \(database.marksSchema).read_state r WHERE r.article_id = a.hex AND r.is_read = 1)"
    }

    static func article(_ row: Row) -> Article {
        Article(id: ArticleID(rawValue: row[0]) ?? ArticleID(headline: row[1]), headline: row[1], summary: row[2],
                dateKey: row[3], category: row[4],
                kind: Article.Kind(rawValue: row[5]) ?? .article, sourcePath: row[6], url: row[7],
                authors: AuthorsColumn.decode(row[8]), site: row[9], section: row[10])
    }

    /// `limit` rows from `offset` of the articles `filter` selects, in `sort` order.
    public func articles(_ filter: ArticleFilter = ArticleFilter(), sort: ArticleSort = .newest,
                         offset: Int = 0, limit: Int = Int.max) throws -> [IndexedArticle] {
        let c = clause(filter, scored: sort == .relevance)
        if c.matchesNothing { return [] }
        if sort == .relevance, c.searching, c.conditions.isEmpty, let search = filter.search {
            return try bestMatches(search, offset: max(0, offset), limit: max(0, limit))
        }
        let sql = """
            SELECT \(Self.articleColumns), \(readColumn()) FROM articles a \(c.joins) \(c.whereSQL)
            \(Self.orderSQL(sort, searching: c.searching)) LIMIT ? OFFSET ?
            """
        var arguments = c.arguments
        arguments += [min(limit, Int(Int64.max)), max(0, offset)]
        return try guarded {
            try read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    IndexedArticle(article: Self.article($0), isRead: $0[Self.readIndex])
                }
            }
        }
    }

    /// Where the article `id` stands (0-based) in the list `filter` and `sort` give, or nil when
    /// it is not in it: the reader keeps its selection across a refresh with this.
    public func position(of id: ArticleID, in filter: ArticleFilter = ArticleFilter(),
                         sort: ArticleSort = .newest) throws -> Int? {
        let c = clause(filter, scored: sort == .relevance)
        if c.matchesNothing { return nil }
        let order = Self.orderSQL(sort, searching: c.searching).dropFirst("ORDER BY ".count)
        let sql = """
            SELECT n - 1 FROM (SELECT a.hex, row_number() OVER (ORDER BY \(order)) AS n
                               FROM articles a \(c.joins) \(c.whereSQL)) WHERE hex = ?
            """
        var arguments = c.arguments
        arguments += [id.rawValue]
        return try guarded {
            try read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) }
        }
    }

    /// Changes whenever a refresh (in any process) commits a batch: a cheap way for a list on
    /// screen to know it should read its rows again. Marks do not change it.
    public func generation() throws -> Int {
        try guarded {
            try read { db in
                Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? "0") ?? 0
            }
        }
    }

    /// How many articles `filter` selects, and how many of them are unread.
    public func counts(_ filter: ArticleFilter = ArticleFilter()) throws -> ArticleCounts {
        let c = clause(filter, scored: false)
        if c.matchesNothing { return ArticleCounts(total: 0, unread: 0) }
        let sql = "SELECT count(*), coalesce(sum(NOT \(readColumn())), 0) FROM articles a \(c.joins) \(c.whereSQL)"
        return try guarded {
            try read { db in
                let row = try Row.fetchOne(db, sql: sql, arguments: c.arguments)!
                return ArticleCounts(total: row[0], unread: row[1])
            }
        }
    }

    /// Articles with a stored page, and articles known only from teasers.
    public func kindCounts() throws -> (pages: Int, teasers: Int) {
        try guarded {
            try read { db in
                let row = try Row.fetchOne(db, sql: "SELECT coalesce(sum(kind = 'article'), 0), coalesce(sum(kind = 'teaser'), 0) FROM articles")!
                return (row[0], row[1])
            }
        }
    }

    /// Files in the index (loaded and skipped).
    public func fileCount() throws -> Int {
        try guarded { try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0 } }
    }

    /// Every category with its article and unread counts, sorted by name.
    public func categories() throws -> [CategoryCount] {
        try guarded {
            try read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.category, count(*), coalesce(sum(NOT \(readColumn())), 0) FROM articles a GROUP BY a.category
                    """).map { CategoryCount(name: $0[0], articles: $0[1], unread: $0[2]) }
            }
        }.sorted { $0.name < $1.name }
    }

    /// Marks every article `filter` selects read (or unread) in one transaction of the read
    /// state, and returns the ids whose mark changed (to undo exactly that).
    @discardableResult
    public func markAll(_ filter: ArticleFilter, read: Bool, at date: Date = .now) throws -> [ArticleID] {
        guard database.marksWritable else {
            throw ArticleIndexError(.marksNotSaved, path: database.path?.path ?? ":memory:",
                                    reason: "the read state is not open for writing")
        }
        let all = clause(filter, scored: false)
        if all.matchesNothing { return [] }
        var c = all
        c.conditions.append(read ? "NOT \(readColumn())" : readColumn())
        let from = "FROM articles a \(c.joins) \(c.whereSQL)"
        let stamp = date.timeIntervalSince1970
        return try guarded {
            try database.writer.writeWithoutTransaction { db in
                var changed: [ArticleID] = []
                // IMMEDIATE: the ids read first are exactly those the writes then change.
                try db.inTransaction(.immediate) {
                    // In key order (articles_hex), so the marks' B-tree is written page after page.
                    let ids = try String.fetchCursor(db, sql: "SELECT a.hex \(from) ORDER BY a.hex", arguments: c.arguments)
                    while let hex = try ids.next() {
                        if let id = ArticleID(rawValue: hex) { changed.append(id) }
                    }
                    let selection = all.conditions.isEmpty && all.joins.isEmpty ? "" : "\(all.joins) \(all.whereSQL)"
                    try MarkWrites.setSelected(db, schema: database.marksSchema, articles: (selection, all.arguments),
                                               read: read, stamp: stamp, changed: changed)
                    return .commit
                }
                return changed
            }
        }
    }

    /// One article by id, or nil.
    public func article(id: ArticleID) throws -> IndexedArticle? {
        try guarded {
            try read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.articleColumns), \(readColumn()) FROM articles a WHERE a.id = ?",
                                 arguments: [id.indexKey]).map { IndexedArticle(article: Self.article($0), isRead: $0[Self.readIndex]) }
            }
        }
    }

    /// The article whose id is, or starts with, `idPrefix` (case-insensitive); `LibraryError` when none or several.
    public func resolve(idPrefix: String) throws -> IndexedArticle {
        let prefix = idPrefix.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty, prefix.utf8.count <= 16,
              prefix.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw LibraryError.notFound(idPrefix)
        }
        let matches: [IndexedArticle] = try guarded {
            try read { db in
                // Ids starting with the prefix are one range of the 64-bit key; the first digit
                // fixes the sign bit, so the range is one range of the signed integer too.
                let pad = 16 - prefix.utf8.count
                let low = Int64(bitPattern: UInt64(prefix + String(repeating: "0", count: pad), radix: 16)!)
                let high = Int64(bitPattern: UInt64(prefix + String(repeating: "f", count: pad), radix: 16)!)
                return try Row.fetchAll(db, sql: """
                    SELECT \(Self.articleColumns), \(readColumn()) FROM articles a WHERE a.id BETWEEN ? AND ?
                    ORDER BY a.date DESC, a.headline, a.hex LIMIT 50
                    """, arguments: [low, high]).map { IndexedArticle(article: Self.article($0), isRead: $0[Self.readIndex]) }
            }
        }
        switch matches.count {
        case 0: throw LibraryError.notFound(idPrefix)
        case 1: return matches[0]
        default: throw LibraryError.ambiguous(idPrefix, matches.map(\.article))
        }
    }

    /// The newest reading per region, sorted by region name.
    public func weather() throws -> [WeatherReading] {
        try guarded {
            try read { db in
                try Row.fetchAll(db, sql: "SELECT region, celsius, date FROM weather").map {
                    WeatherReading(region: $0[0], celsius: $0[1], date: ($0[2] as Int?).flatMap(CivilDate.init(indexValue:)))
                }
            }
        }.sorted { $0.region < $1.region }
    }

    /// Files that did not load and walk problems, sorted by path.
    public func skipped() throws -> [SkippedFile] {
        try guarded {
            try read { db in
                try Row.fetchAll(db, sql: """
                    SELECT path, skip_reason FROM files WHERE skip_reason IS NOT NULL
                    UNION ALL SELECT path, reason FROM walk_problems
                    """).map { SkippedFile(path: $0[0], reason: $0[1]) }
            }
        }.sorted { $0.path < $1.path }
    }

    /// The newest stored-page date in the store.
    public func newestDate() throws -> CivilDate? {
        try guarded {
            try read { db in
                try Int.fetchOne(db, sql: "SELECT max(stored_date) FROM files").flatMap(CivilDate.init(indexValue:))
            }
        }
    }

    /// Where the article stands among the articles of the file at `path` (pages in the order the
    /// parser gives them, each id once), from the index.
    func ordinal(of id: ArticleID, inFile path: String) throws -> Int? {
        let keys = try read { db in
            IndexBatch.unpackKeys(try Data.fetchOne(db, sql: "SELECT articles FROM files WHERE path = ?", arguments: [path]))
        }
        return keys.firstIndex(of: id.indexKey)
    }

    /// Reads the article's stored file again and parses it (bodies are not in the index).
    public func body(of article: Article) throws -> ArticleBody {
        guard let path = article.sourcePath else { throw LibraryError.noBody(article.id) }
        guard let parser = parser(for: path) else {
            throw LibraryError.unreadable(path: path, reason: "no parser for this file type")
        }
        do {
            let bytes = try FileBytes.read(store: storeURL.path, relative: path, limit: parser.maxFileSize)
            // A feed's item is cut out where the index says it stands (its place among the file's
            // articles); whole files are parsed when that fails or the parser cannot cut.
            if let ordinal = try? ordinal(of: article.id, inFile: path),
               let page = parser.page(bytes, path: path, near: ordinal, matching: article.id) {
                return page.body
            }
            let file = try parser.parse(bytes, path: path)
            guard let page = file.pages.first(where: { ArticleID(headline: $0.headline) == article.id }) ?? file.pages.first else {
                throw SkipReason("no article found")
            }
            return page.body
        } catch let reason as SkipReason {
            throw LibraryError.unreadable(path: path, reason: reason.description)
        }
    }
}
