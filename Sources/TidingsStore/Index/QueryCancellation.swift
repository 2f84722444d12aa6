import Foundation
import GRDB
import GRDBSQLite

/// Stops an index query that nobody waits for any more: the reader searches from the first key
/// typed, and a broad prefix ("re") can take longer to rank than the next key takes to come.
/// Bound with `QueryCancellation.$current.withValue(token) { ... }` around the work; index reads
/// made inside check the token every few thousand SQLite instructions and fail with
/// `ArticleIndexError` once it is cancelled. Cancelling from another thread is safe.
public final class QueryCancellation: @unchecked Sendable {
    @TaskLocal public static var current: QueryCancellation?

    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() { lock.withLock { cancelled = true } }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Runs `body` on `db` with a progress handler that interrupts it once cancelled.
    func whileRunning<T>(on db: Database, _ body: () throws -> T) throws -> T {
        let connection = db.sqliteConnection
        sqlite3_progress_handler(connection, 2_000, { context in
            Unmanaged<QueryCancellation>.fromOpaque(context!).takeUnretainedValue().isCancelled ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        return try body()
    }
}

extension ArticleIndex {
    /// A read of the index that the current `QueryCancellation`, if any, can stop.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writer.read { db in
            guard let token = QueryCancellation.current else { return try body(db) }
            if token.isCancelled { throw DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "query cancelled") }
            return try token.whileRunning(on: db) { try body(db) }
        }
    }
}
