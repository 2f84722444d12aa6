import GRDB
import TidingsModel

/// Small reads the reader needs beside the list queries.
extension ArticleIndex {
    /// Every distinct category, lower-cased (for the width of the list's category column: the
    /// index on `category_key` answers it without reading the table).
    public func categoryKeys() throws -> [String] {
        try guarded {
            try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT category_key FROM articles") }
        }
    }

    /// Every category with its number of articles, without unread counts (which read every
    /// mark): one pass over the narrow `articles_by_name` index.
    public func categorySizes() throws -> [(name: String, articles: Int)] {
        try guarded {
            try read { db in
                try Row.fetchAll(db, sql: "SELECT category, count(*) FROM articles GROUP BY category").map { ($0[0], $0[1]) }
            }
        }
    }

    /// How many articles `filter` selects, without the unread count (which reads every mark).
    public func total(_ filter: ArticleFilter = ArticleFilter()) throws -> Int {
        let c = clause(filter)
        if c.matchesNothing { return 0 }
        if c.searching, c.conditions.isEmpty, let search = filter.search, let match = SearchText.matchExpression(search) {
            return try guarded { try read { db in try Self.searchHits(db, match) } }
        }
        return try guarded {
            try read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM articles a \(c.joins) \(c.whereSQL)", arguments: c.arguments) ?? 0
            }
        }
    }

    /// What `position(of:in:sort:)` answers, counted instead of numbered: the rows that sort
    /// before the article, through the sort's own index. `position` numbers the whole view with
    /// a window function (350 ms at 100,000 articles); this reads only the rows before it.
    /// Best-match order has no such index and falls back to `position`.
    public func fastPosition(of id: ArticleID, in filter: ArticleFilter = ArticleFilter(),
                             sort: ArticleSort = .newest) throws -> Int? {
        let c = clause(filter)
        if c.matchesNothing { return nil }
        if sort == .relevance && c.searching { return try position(of: id, in: filter, sort: sort) }
        return try guarded {
            try read { db -> Int? in
                // The article must be in the view at all.
                var inView = c.arguments
                inView += [id.rawValue]
                let whereIn = c.conditions.isEmpty ? "WHERE a.hex = ?" : c.whereSQL + " AND a.hex = ?"
                guard let row = try Row.fetchOne(db, sql: "SELECT a.date, a.headline, a.hex, a.category_key, a.category FROM articles a \(c.joins) \(whereIn)",
                                                 arguments: inView) else { return nil }
                let (before, arguments) = Self.sortsBefore(sort == .relevance ? .newest : sort, date: row[0], headline: row[1],
                                                           hex: row[2], categoryKey: row[3], category: row[4])
                var all = c.arguments
                all += arguments
                let conditions = c.conditions + ["(\(before))"]
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM articles a \(c.joins) WHERE \(conditions.joined(separator: " AND "))",
                                        arguments: all)
            }
        }
    }

    /// The condition "sorts before this row" for each order of `orderSQL` (SQLite sorts NULL
    /// dates lowest: last when newest first, first when oldest first).
    static func sortsBefore(_ sort: ArticleSort, date: Int?, headline: String, hex: String,
                            categoryKey: String, category: String) -> (String, StatementArguments) {
        func newest() -> (String, StatementArguments) {
            let tie = "(a.headline < ? OR (a.headline = ? AND a.hex < ?))"
            guard let date else { return ("(a.date IS NOT NULL OR (a.date IS NULL AND \(tie)))", [headline, headline, hex]) }
            return ("(a.date > ? OR (a.date = ? AND \(tie)))", [date, date, headline, headline, hex])
        }
        switch sort {
        case .newest, .relevance:
            return newest()
        case .oldest:
            let tie = "(a.headline > ? OR (a.headline = ? AND a.hex > ?))"
            guard let date else { return ("(a.date IS NULL AND \(tie))", [headline, headline, hex]) }
            return ("(a.date IS NULL OR a.date < ? OR (a.date = ? AND \(tie)))", [date, date, headline, headline, hex])
        case .category:
            let (inside, insideArguments) = newest()
            var arguments: StatementArguments = [categoryKey, categoryKey, category, category]
            arguments += insideArguments
            return ("(a.category_key < ? OR (a.category_key = ? AND (a.category < ? OR (a.category = ? AND \(inside)))))", arguments)
        }
    }
}
