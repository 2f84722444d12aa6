import GRDB
import TidingsModel

/// A plain search (no category, no unread filter) answered from the full-text index alone:
/// its size is a count of the hits, and its best rows are ranked tier by tier
/// (`SearchText.tierExpressions`) before meeting their articles. Joining every hit to its
/// article first costs ~200 ms at 38,000 hits; this reads only what is shown.
extension ArticleIndex {
    /// Rows no article points at any more are left out (`search_dead`).
    private static let live = "rowid NOT IN (SELECT doc FROM search_dead)"

    /// How many articles match `match`.
    static func searchHits(_ db: Database, _ match: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM search WHERE search MATCH ? AND \(live)", arguments: [match]) ?? 0
    }

    /// `limit` rows from `offset` of a search's best matches: the same rows, in the same order,
    /// as the scored join of `clause` would give (ties by doc, as there).
    func bestMatches(_ search: String, offset: Int, limit: Int) throws -> [IndexedArticle] {
        guard let tiers = SearchText.tierExpressions(search), limit > 0 else { return [] }
        return try guarded {
            try read { db in
                var docs: [Int64] = []
                var skip = offset
                for tier in tiers where docs.count < limit {
                    // Only a page further down needs the size of the tiers above it.
                    if skip > 0 {
                        let size = try Self.searchHits(db, tier)
                        if skip >= size {
                            skip -= size
                            continue
                        }
                    }
                    docs += try Int64.fetchAll(db, sql: """
                        SELECT rowid FROM search WHERE search MATCH ? AND \(Self.live)
                        ORDER BY \(Self.bm25), rowid LIMIT ? OFFSET ?
                        """, arguments: [tier, limit - docs.count, skip])
                    skip = 0
                }
                let row = try db.cachedStatement(sql: """
                    SELECT \(Self.articleColumns), \(readColumn()) FROM articles a WHERE a.doc = ?
                    """)
                return try docs.compactMap { doc in
                    try Row.fetchOne(row, arguments: [doc]).map { IndexedArticle(article: Self.article($0), isRead: $0[Self.readIndex]) }
                }
            }
        }
    }
}
