import GRDB

/// Stars and the sync tables of the state file (a migration of `StateDatabase`).
///
/// The outbox is filled by triggers on the marks themselves, so every writer of `read_state` or
/// `star_state` (a `mark` command, the reader's `m` or mark-all, undo) queues its change in the
/// same transaction as the mark, and no writer can forget to. Only articles that came from a sync
/// server (`sync_item`) are queued: with no account configured the outbox stays empty.
enum SyncSchema {
    static func register(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-stars-sync") { db in
            try db.execute(sql: """
                CREATE TABLE star_state (
                    article_id TEXT PRIMARY KEY NOT NULL,
                    is_starred INTEGER NOT NULL,
                    changed_at REAL NOT NULL
                ) WITHOUT ROWID;
                -- What each server item is here: its article, feed and group, by the server's own id.
                CREATE TABLE sync_item (
                    item_id TEXT PRIMARY KEY NOT NULL,
                    article_id TEXT NOT NULL,
                    feed_id TEXT NOT NULL,
                    headline TEXT NOT NULL,
                    url TEXT
                ) WITHOUT ROWID;
                CREATE INDEX sync_item_article ON sync_item(article_id);
                CREATE TABLE sync_feed (
                    feed_id TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL,
                    group_ids TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE sync_group (
                    group_id TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL
                ) WITHOUT ROWID;
                -- Local changes the server has not confirmed yet, in the order they were made.
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    article_id TEXT NOT NULL,
                    op TEXT NOT NULL CHECK (op IN ('read', 'unread', 'star', 'unstar')),
                    stamp REAL NOT NULL
                );
                CREATE INDEX outbox_article ON outbox(article_id);
                -- A mark-all of one category: its marks (the outbox rows stamped `stamp`) may go to
                -- the server as one group mark. Only a hint: without it they go one by one.
                CREATE TABLE outbox_mark_all (
                    stamp REAL PRIMARY KEY NOT NULL,
                    category TEXT,
                    before INTEGER NOT NULL
                );
                -- Holds a row only inside a sync's own transaction: the server's state written
                -- into the marks is not a local change to send back.
                CREATE TABLE sync_applying (on_ INTEGER);
                CREATE TABLE sync_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                """)
            for (table, flag, yes, no) in [("read_state", "is_read", "read", "unread"),
                                           ("star_state", "is_starred", "star", "unstar")] {
                let queue = """
                    INSERT INTO outbox (article_id, op, stamp)
                    VALUES (NEW.article_id, CASE WHEN NEW.\(flag) THEN '\(yes)' ELSE '\(no)' END, NEW.changed_at);
                    """
                let when = """
                    EXISTS (SELECT 1 FROM sync_item WHERE article_id = NEW.article_id)
                    AND NOT EXISTS (SELECT 1 FROM sync_applying)
                    """
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_outbox_insert AFTER INSERT ON \(table) WHEN \(when)
                    BEGIN \(queue) END;
                    CREATE TRIGGER \(table)_outbox_update AFTER UPDATE OF \(flag) ON \(table)
                    WHEN OLD.\(flag) != NEW.\(flag) AND \(when)
                    BEGIN \(queue) END;
                    """)
            }
        }
    }
}
