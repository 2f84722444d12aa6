import Foundation
import GRDB
import TidingsModel

/// Stars ("keep for later", a Fever server's saved items), kept beside the read marks in the same
/// file and written the same way: one IMMEDIATE transaction per change, all ids or none.
extension ReadStateStore {
    public func starredIDs() throws -> Set<ArticleID> {
        try guarded {
            try database.queue.read { db in
                let raw = try String.fetchAll(db, sql: "SELECT article_id FROM star_state WHERE is_starred = 1")
                return Set(raw.compactMap(ArticleID.init(rawValue:)))
            }
        }
    }

    public func isStarred(_ id: ArticleID) throws -> Bool {
        try guarded {
            try database.queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT is_starred FROM star_state WHERE article_id = ?",
                                  arguments: [id.rawValue]) ?? false
            }
        }
    }

    /// Stars (or unstars) all `ids` in one transaction. An article already so keeps its `changedAt`.
    public func setStarred(_ ids: [ArticleID], starred: Bool, at date: Date = .now) throws {
        if let readOnlyReason { throw readOnlyReason }
        guard !ids.isEmpty else { return }
        let stamp = date.timeIntervalSince1970
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO star_state (article_id, is_starred, changed_at) VALUES (?, ?, ?)
                    ON CONFLICT(article_id) DO UPDATE SET is_starred = excluded.is_starred, changed_at = excluded.changed_at
                    WHERE is_starred != excluded.is_starred
                    """)
                for id in ids {
                    try statement.execute(arguments: [id.rawValue, starred, stamp])
                }
                return .commit
            }
        }
    }
}
