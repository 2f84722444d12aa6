import Foundation
import GRDB

/// The search rows of a first build, written on a thread and connection of their own.
///
/// Full-text indexing was the largest part of the build's writer thread (a third of it), and
/// SQLite lets one connection at a time write a database file. So a first build writes its search
/// rows into a scratch file beside the index (`index.sqlite-search`, the same FTS5 table, no
/// journal) on another thread while the writer carries on with the articles, and at the end the
/// FTS5 tables (segments, their index, the document sizes) are copied into the index's empty
/// `search` table as they are: no text is tokenised twice. Until then a search during the build
/// finds nothing; the list still grows batch by batch.
final class SearchSideBuild: @unchecked Sendable {
    /// One row of the `search` table (texts already as the index takes them).
    struct Row {
        var doc: Int64
        var headline: String
        var summary: String?
        var body: String

        /// Binds an `INSERT INTO search (rowid, headline, summary, body)`.
        func bind(to insert: RawStatement) {
            insert.bind(1, doc)
            insert.bind(2, headline)
            insert.bind(3, summary)
            insert.bind(4, body)
        }
    }

    let path: URL
    private let queue: DatabaseQueue
    private let thread = DispatchQueue(label: "tidings-index-search")
    /// At most two batches wait for the search thread: memory stays bounded if it falls behind.
    private let room = DispatchSemaphore(value: 2)
    /// Set on the search thread, read after it drained.
    private var failure: Error?
    /// The scratch file's one transaction is committed (its last segment written).
    private var committed = false

    init(index: URL) throws {
        path = URL(fileURLWithPath: index.path + "-search")
        try IndexDatabase.discard(path)
        var config = Configuration()
        config.label = "tidings-index-search"
        // One transaction from the first row to the copy (see `add`).
        config.allowsUnsafeTransactions = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = \(IndexSchema.pageSize)")
            // A scratch file: if anything stops the build, it is deleted and written again.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA secure_delete = OFF")  // segment merges free many pages
            // Segment merges read back what was written: keep some of it in memory. Its pages
            // are written once, in one transaction, so a bigger cache only holds them longer.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        queue = try DatabaseQueue(path: path.path, configuration: config)
        try queue.inDatabase { db in
            try db.execute(sql: IndexSchema.searchTable)
            // As in the index's own build: fewer, larger segments (see bulkBuild).
            try db.execute(sql: "INSERT INTO search (search, rank) VALUES ('hashsize', 67108864)")
            try db.execute(sql: "BEGIN")
        }
    }

    /// Queues rows for the search thread (waits while two batches are already queued). Nobody
    /// reads the scratch file, so its rows are not committed batch by batch: FTS5 writes a
    /// segment when its 64 MiB of pending terms fill up, not at every commit, and has far fewer
    /// segments to merge.
    func add(_ rows: [Row]) {
        guard !rows.isEmpty else { return }
        room.wait()
        thread.async { [self] in
            defer { room.signal() }
            guard failure == nil else { return }
            do {
                try IndexProfile.measure("search thread: fts rows") {
                    try queue.inDatabase { db in
                        // Rows after `endRows` (none in a build) open the transaction again.
                        if committed {
                            try db.execute(sql: "BEGIN")
                            committed = false
                        }
                        let insert = try RawStatement(db, "INSERT INTO search (rowid, headline, summary, body) VALUES (?, ?, ?, ?)")
                        for row in rows {
                            row.bind(to: insert)
                            try insert.step()
                        }
                    }
                }
            } catch {
                failure = error
            }
        }
    }

    /// No more rows: the search thread writes its last segment (up to 64 MiB of terms, and the
    /// merges that may bring) while the writer finishes the articles, not after.
    func endRows() {
        thread.async { [self] in
            guard failure == nil, !committed else { return }
            do {
                try IndexProfile.measure("search thread: last segment") {
                    try queue.inDatabase { db in try db.execute(sql: "COMMIT") }
                }
                committed = true
            } catch {
                failure = error
            }
        }
    }

    /// Waits for the queued rows, then replaces the FTS5 tables of the index at `index` (whose
    /// `search` table is empty: a first build) with these. Runs between the writer's
    /// transactions, from this connection: the writer and the readers see the index change as
    /// any commit by another connection, so none keeps a stale picture of the search index.
    func copy(into index: URL) throws {
        try thread.sync { if let failure { throw failure } }
        try IndexProfile.measure("bulk: copy search tables") {
            try queue.inDatabase { db in
                if !committed { try db.execute(sql: "COMMIT") }
                try db.execute(sql: "PRAGMA busy_timeout = 30000")
                try db.execute(sql: "ATTACH DATABASE ? AS ix", arguments: [index.path])
                defer { try? db.execute(sql: "DETACH DATABASE ix") }
                try db.execute(sql: "PRAGMA ix.synchronous = OFF")
                try db.inTransaction(.immediate) {
                    for table in ["search_data", "search_idx", "search_docsize"] {
                        try db.execute(sql: "DELETE FROM ix.\(table)")
                        try db.execute(sql: "INSERT INTO ix.\(table) SELECT * FROM main.\(table)")
                    }
                    return .commit
                }
            }
        }
    }

    /// Closes and deletes the scratch file.
    func discard() {
        thread.sync {}
        try? queue.close()
        try? IndexDatabase.discard(path)
    }
}
