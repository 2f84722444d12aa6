import Foundation
import GRDB
import TidingsModel

/// A local change waiting for the server: one row of the outbox.
public struct OutboxEntry: Sendable, Equatable {
    public enum Op: String, Sendable { case read, unread, star, unstar }
    public var seq: Int64
    public var articleID: String
    public var op: Op
    /// When the mark was made (seconds since 1970); the marks of one mark-all share it.
    public var stamp: Double
}

/// An item as the server holds it, for the state's map of server ids.
public struct SyncedItem: Sendable {
    public var itemID: String
    public var articleID: ArticleID
    public var feedID: String
    public var headline: String
    public var url: String?
    public init(itemID: String, articleID: ArticleID, feedID: String, headline: String, url: String?) {
        self.itemID = itemID
        self.articleID = articleID
        self.feedID = feedID
        self.headline = headline
        self.url = url
    }
}

/// The sync tables of the state file: the outbox, the map of server items, the server's feeds and
/// groups, and a few settings. The outbox is written by triggers (see `SyncSchema`); this reads
/// it, and removes what the server confirmed.
extension ReadStateStore {
    /// Changes not yet confirmed by the server.
    public func pendingChanges() throws -> Int {
        try guarded { try database.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox") ?? 0 } }
    }

    /// The oldest `limit` changes, in the order they were made.
    public func outbox(limit: Int) throws -> [OutboxEntry] {
        try guarded {
            try database.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, article_id, op, stamp FROM outbox ORDER BY seq LIMIT ?",
                                 arguments: [limit]).compactMap { row in
                    OutboxEntry.Op(rawValue: row[2]).map { OutboxEntry(seq: row[0], articleID: row[1], op: $0, stamp: row[3]) }
                }
            }
        }
    }

    /// Every outbox row of one transaction (`stamp`) with this op: a mark-all's marks.
    public func outboxRun(stamp: Double, op: OutboxEntry.Op) throws -> [OutboxEntry] {
        try guarded {
            try database.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, article_id, stamp FROM outbox WHERE stamp = ? AND op = ? ORDER BY seq",
                                 arguments: [stamp, op.rawValue]).map {
                    OutboxEntry(seq: $0[0], articleID: $0[1], op: op, stamp: $0[2])
                }
            }
        }
    }

    /// The ids of every server item this state knows.
    public func knownItemIDs() throws -> Set<String> {
        try guarded { try database.queue.read { Set(try String.fetchAll($0, sql: "SELECT item_id FROM sync_item")) } }
    }

    /// The server has these changes: they leave the outbox (with any mark-all hint of theirs).
    public func confirm(_ seqs: [Int64], hints: [Double] = []) throws {
        guard !seqs.isEmpty || !hints.isEmpty else { return }
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                let statement = try db.cachedStatement(sql: "DELETE FROM outbox WHERE seq = ?")
                for seq in seqs { try statement.execute(arguments: [seq]) }
                for stamp in hints { try db.execute(sql: "DELETE FROM outbox_mark_all WHERE stamp = ?", arguments: [stamp]) }
                return .commit
            }
        }
    }

    /// Notes that the marks stamped `stamp` were one mark-all of `category` (nil: every article),
    /// so they may reach the server as one group mark of the items older than `before`.
    public func noteMarkAll(stamp: Double, category: String?, before: Int) throws {
        try guarded {
            try database.queue.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO outbox_mark_all (stamp, category, before) VALUES (?, ?, ?)",
                               arguments: [stamp, category, before])
            }
        }
    }

    /// After a mark-all of `category` (nil: everything) whose marks are stamped `date`: notes it
    /// for the server when an account has synced here (else there is nothing to send).
    public func noteMarkAllForSync(at date: Date, category: String?) throws {
        guard try knownServerItems() > 0 else { return }
        let before = try syncSetting("last_pull").flatMap(Int.init) ?? Int(date.timeIntervalSince1970)
        try noteMarkAll(stamp: date.timeIntervalSince1970, category: category, before: before)
    }

    public func markAllHint(stamp: Double) throws -> (category: String?, before: Int)? {
        try guarded {
            try database.queue.read { db in
                try Row.fetchOne(db, sql: "SELECT category, before FROM outbox_mark_all WHERE stamp = ?",
                                 arguments: [stamp]).map { ($0[0], $0[1]) }
            }
        }
    }

    /// The server items that are this article (usually one), with their feeds.
    public func serverItems(of articleID: String) throws -> [(item: String, feed: String)] {
        try guarded {
            try database.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT item_id, feed_id FROM sync_item WHERE article_id = ?",
                                 arguments: [articleID]).map { ($0[0], $0[1]) }
            }
        }
    }

    /// Whether any server item is known (a first sync has none).
    public func knownServerItems() throws -> Int {
        try guarded { try database.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sync_item") ?? 0 } }
    }

    /// Replaces the server's groups and feeds (each feed with the ids of its groups).
    public func saveServerLayout(groups: [(id: String, title: String)], feeds: [(id: String, title: String, groups: [String])]) throws {
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                try db.execute(sql: "DELETE FROM sync_group; DELETE FROM sync_feed")
                for g in groups {
                    try db.execute(sql: "INSERT OR REPLACE INTO sync_group VALUES (?, ?)", arguments: [g.id, g.title])
                }
                for f in feeds {
                    try db.execute(sql: "INSERT OR REPLACE INTO sync_feed VALUES (?, ?, ?)",
                                   arguments: [f.id, f.title, f.groups.joined(separator: ",")])
                }
                return .commit
            }
        }
    }

    public func serverGroups() throws -> [(id: String, title: String)] {
        try guarded {
            try database.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT group_id, title FROM sync_group").map { ($0[0], $0[1]) }
            }
        }
    }

    public func serverFeeds() throws -> [(id: String, title: String, groups: [String])] {
        try guarded {
            try database.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT feed_id, title, group_ids FROM sync_feed").map {
                    let groups: String = $0[2]
                    return ($0[0], $0[1], groups.split(separator: ",").map(String.init))
                }
            }
        }
    }

    /// Remembers what each server item is here.
    public func recordItems(_ items: [SyncedItem]) throws {
        guard !items.isEmpty else { return }
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO sync_item VALUES (?, ?, ?, ?, ?)")
                for item in items {
                    try statement.execute(arguments: [item.itemID, item.articleID.rawValue, item.feedID, item.headline, item.url])
                }
                return .commit
            }
        }
    }

    /// Takes the server's read and saved state for every known item, except where a change of
    /// this machine still waits in the outbox: that change wins (the server gets it next).
    /// An article is read when every server item of it is, starred when any is.
    /// Returns how many marks changed here.
    @discardableResult
    /// `savedKnownFor`: the items whose saved flag `saved` speaks for (nil: every item).
    public func applyServerState(unread: Set<String>, saved: Set<String>, savedKnownFor: Set<String>? = nil,
                                 at date: Date = .now) throws -> Int {
        let stamp = date.timeIntervalSince1970
        var changed = 0
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                changed = 0
                try db.execute(sql: """
                    CREATE TEMP TABLE IF NOT EXISTS sync_server_unread (item_id TEXT PRIMARY KEY) WITHOUT ROWID;
                    CREATE TEMP TABLE IF NOT EXISTS sync_server_saved (item_id TEXT PRIMARY KEY) WITHOUT ROWID;
                    CREATE TEMP TABLE IF NOT EXISTS sync_server_scope (item_id TEXT PRIMARY KEY) WITHOUT ROWID;
                    DELETE FROM sync_server_unread; DELETE FROM sync_server_saved; DELETE FROM sync_server_scope;
                    INSERT INTO sync_applying VALUES (1);
                    """)
                for (table, ids) in [("sync_server_unread", unread), ("sync_server_saved", saved),
                                     ("sync_server_scope", savedKnownFor ?? [])] {
                    let statement = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.\(table) VALUES (?)")
                    for id in ids { try statement.execute(arguments: [id]) }
                }
                let scope = savedKnownFor == nil ? "" : "AND i.item_id IN (SELECT item_id FROM temp.sync_server_scope)"
                for (table, flag, ops, value, only) in [
                    ("read_state", "is_read", "'read','unread'", "NOT max(i.item_id IN (SELECT item_id FROM temp.sync_server_unread))", ""),
                    ("star_state", "is_starred", "'star','unstar'", "max(i.item_id IN (SELECT item_id FROM temp.sync_server_saved))", scope),
                ] {
                    try db.execute(sql: """
                        INSERT INTO \(table) (article_id, \(flag), changed_at)
                        SELECT i.article_id, \(value), ? FROM sync_item i
                        WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.article_id = i.article_id AND o.op IN (\(ops))) \(only)
                        GROUP BY i.article_id
                        ON CONFLICT(article_id) DO UPDATE SET \(flag) = excluded.\(flag), changed_at = excluded.changed_at
                        WHERE \(flag) != excluded.\(flag)
                        """, arguments: [stamp])
                    changed += db.changesCount
                }
                try db.execute(sql: "DELETE FROM sync_applying; DELETE FROM sync_server_unread; DELETE FROM sync_server_saved; DELETE FROM sync_server_scope")
                return .commit
            }
        }
        return changed
    }

    public func syncSetting(_ key: String) throws -> String? {
        try guarded {
            try database.queue.read { try String.fetchOne($0, sql: "SELECT value FROM sync_meta WHERE key = ?", arguments: [key]) }
        }
    }

    /// Sets (or with nil removes) settings, all in one transaction.
    public func setSyncSettings(_ values: [String: String?]) throws {
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                for (key, value) in values {
                    if let value {
                        try db.execute(sql: "INSERT OR REPLACE INTO sync_meta VALUES (?, ?)", arguments: [key, value])
                    } else {
                        try db.execute(sql: "DELETE FROM sync_meta WHERE key = ?", arguments: [key])
                    }
                }
                return .commit
            }
        }
    }
}
