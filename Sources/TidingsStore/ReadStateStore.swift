import Foundation
import GRDB
import TidingsModel

/// Read/unread marks per article id, with the time of the last change, in SQLite (WAL mode).
/// Safe to share between threads; several processes may mark at once and nothing is lost,
/// because every change is one IMMEDIATE transaction that waits for the write lock.
public final class ReadStateStore: Sendable {
    let database: StateDatabase

    /// Opens (or creates, with its parent folders) the state file at `path`.
    /// A file that is not a valid database is moved aside first: see `setAside`.
    /// Throws `StateStoreError` when the file cannot be created or written.
    public init(path: URL) throws {
        database = try StateDatabase(path: path)
        readOnlyReason = nil
    }

    private init(snapshotOf path: URL, reason: StateStoreError) throws {
        database = try StateDatabase(snapshotOf: path)
        readOnlyReason = reason
    }

    /// Opens the state at `path` for reading and writing; when it cannot be written (a read-only
    /// folder or file, a full disk), opens a private copy instead so the marks still show. Then `readOnly`
    /// says why and `setRead` throws that `StateStoreError`.
    public static func openOrReadOnly(path: URL) throws -> ReadStateStore {
        do {
            return try ReadStateStore(path: path)
        } catch let error as StateStoreError where error.kind == .unwritable || error.kind == .full {
            guard FileManager.default.fileExists(atPath: path.path), SafePath.databaseRefusal(path.path) == nil else {
                throw error
            }
            return try ReadStateStore(snapshotOf: path, reason: error)
        }
    }

    /// Why marks cannot be saved, for a store opened read-only; nil when they can.
    public let readOnlyReason: StateStoreError?
    public var isReadOnly: Bool { readOnlyReason != nil }

    public var path: URL { database.path }

    /// Where a broken state file was moved when this store was opened, else nil.
    public var setAside: URL? { database.setAside }

    /// Ids of every article marked read.
    public func readIDs() throws -> Set<ArticleID> {
        try guarded {
            try database.queue.read { db in
                let raw = try String.fetchAll(db, sql: "SELECT article_id FROM read_state WHERE is_read = 1")
                return Set(raw.compactMap(ArticleID.init(rawValue:)))
            }
        }
    }

    /// Marks all `ids` read (or unread) in one transaction: all are saved or none.
    /// Marking an article that already has that state keeps its original `changedAt`.
    public func setRead(_ ids: [ArticleID], read: Bool, at date: Date = .now) throws {
        if let readOnlyReason { throw readOnlyReason }
        guard !ids.isEmpty else { return }
        let stamp = date.timeIntervalSince1970
        try guarded {
            try database.queue.inTransaction(.immediate) { db in
                try MarkWrites.set(db, ids: ids, read: read, stamp: stamp)
                return .commit
            }
        }
    }

    public func isRead(_ id: ArticleID) throws -> Bool {
        try guarded {
            try database.queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT is_read FROM read_state WHERE article_id = ?",
                                  arguments: [id.rawValue]) ?? false
            }
        }
    }

    /// When the article's mark last changed, or nil if it was never marked.
    public func changedAt(_ id: ArticleID) throws -> Date? {
        try guarded {
            try database.queue.read { db in
                try Double.fetchOne(db, sql: "SELECT changed_at FROM read_state WHERE article_id = ?",
                                    arguments: [id.rawValue]).map(Date.init(timeIntervalSince1970:))
            }
        }
    }

    /// SQLite errors become `StateStoreError`s that name the file.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StateStoreError.fromSQLite(code: error.extendedResultCode.rawValue, message: error.message, path: database.path)
        }
    }
}
