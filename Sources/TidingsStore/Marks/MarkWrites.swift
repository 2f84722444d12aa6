import GRDB
import TidingsModel

/// The one writer of the read-marks table (`read_state` in the state file). `ReadStateStore`
/// marks ids through it, and the index's `markAll` too (the index's connections attach the state
/// file as schema `marks`). Each function runs inside its caller's IMMEDIATE transaction and is
/// told which ids change, so whatever must follow every change of a mark hooks in here, in the
/// same transaction. (The sync outbox is filled by triggers on the table itself, `SyncSchema`, so
/// every write here queues its change for the server in that same transaction.)
enum MarkWrites {
    /// Marks `ids` read or unread; a mark already in that state keeps its time. `schema`: where
    /// the table is (`main` in the state file's own connection).
    static func set(_ db: Database, schema: String = "main", ids: [ArticleID], read: Bool, stamp: Double) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO \(schema).read_state (article_id, is_read, changed_at) VALUES (?, ?, ?)
            ON CONFLICT(article_id) DO UPDATE SET is_read = excluded.is_read, changed_at = excluded.changed_at
            WHERE is_read != excluded.is_read
            """)
        for id in ids {
            try statement.execute(arguments: [id.rawValue, read, stamp])
        }
    }

    /// Marks every article a selection of the index names: `articles` is the tail of a
    /// `SELECT a.hex FROM articles a ...` (joins and WHERE clause, empty for every article),
    /// `changed` the ids the caller read under the same lock (those whose mark changes).
    static func setSelected(_ db: Database, schema: String, articles: (sql: String, arguments: StatementArguments),
                            read: Bool, stamp: Double, changed: [ArticleID]) throws {
        guard !changed.isEmpty else { return }
        // Marks that exist change in place; only marking read adds rows (an article with no mark
        // is unread). An upsert per row cost several times more.
        if articles.sql.isEmpty {
            // Everything: walk the marks and look each up in the narrow hex index (half the work
            // of joining from the articles side).
            try db.execute(sql: """
                UPDATE \(schema).read_state SET is_read = ?, changed_at = ?
                WHERE is_read = ? AND EXISTS (SELECT 1 FROM articles a INDEXED BY articles_hex
                                              WHERE a.hex = \(schema).read_state.article_id)
                """, arguments: [read, stamp, !read])
        } else {
            var update: StatementArguments = [read, stamp]
            update += articles.arguments
            update += [!read]
            try db.execute(sql: """
                UPDATE \(schema).read_state SET is_read = ?, changed_at = ?
                FROM (SELECT a.hex FROM articles a \(articles.sql)) AS x
                WHERE \(schema).read_state.article_id = x.hex AND \(schema).read_state.is_read = ?
                """, arguments: update)
        }
        if read {
            // Every mark in the selection is read now; OR IGNORE keeps them as they are and adds
            // the missing ones. (A NOT EXISTS here would read the table being written, and SQLite
            // would first copy every row selected into memory.)
            var insert: StatementArguments = [stamp]
            insert += articles.arguments
            try db.execute(sql: """
                INSERT OR IGNORE INTO \(schema).read_state (article_id, is_read, changed_at)
                SELECT a.hex, 1, ? FROM articles a \(articles.sql) ORDER BY a.hex
                """, arguments: insert)
        }
    }
}
