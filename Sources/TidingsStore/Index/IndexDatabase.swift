import Foundation
import GRDB
import TidingsModel

/// The SQLite file of the article index, opened with the read marks attached.
///
/// Why a file of its own beside the state (not tables in state.sqlite): the index is a cache
/// of the store and may be deleted, rebuilt or discarded as damaged at any time; the read marks
/// are the user's only irreplaceable data. Keeping them apart means no index trouble can ever
/// touch a mark. The marks are ATTACHed (schema `marks`) so lists filter and count unread in
/// one SQL statement, and mark-all-read writes them in one transaction.
final class IndexDatabase: Sendable {
    let writer: any DatabaseWriter
    /// nil for an index kept in memory (the folder cannot be written).
    let path: URL?
    /// Why an existing index file was thrown away before opening, if it was.
    let discardedBecause: String?
    /// The schema whose `read_state` table holds the marks: `marks` (the state file) or `temp`.
    let marksSchema: String
    let marksWritable: Bool

    init(path: URL?, marks: ReadMarksSource) throws {
        let prepare = Self.preparation(for: marks)
        marksSchema = prepare.schema
        marksWritable = prepare.writable
        guard let path else {
            var config = Self.configuration()
            config.prepareDatabase(prepare.body)
            let queue = try DatabaseQueue(configuration: config)
            try queue.write(IndexSchema.create)
            writer = queue
            self.path = nil
            discardedBecause = nil
            return
        }
        self.path = path
        let folder = path.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ArticleIndexError(.unwritable, path: path.path, reason: "cannot create \(folder.path)")
        }
        // Nothing that is not a regular file is opened (a FIFO would block every command), and
        // nothing but Tidings' own index is ever deleted or written.
        if let (file, why) = SafePath.databaseRefusal(path.path, extraSuffixes: Self.sideFileSuffixes) {
            throw ArticleIndexError(.notAFile, path: file, reason: why)
        }
        if case .foreign(let why) = IndexOwnership.verdict(path) {
            throw ArticleIndexError(.foreign, path: path.path, reason: why)
        }
        var reason = Self.brokenReason(path)
        if reason == nil && IndexBuildLock.claimDeadBuild(index: path) {
            reason = "its first build was interrupted (written without waiting for the disk)"
        }
        if reason != nil { try Self.discard(path) }
        var config = Self.configuration()
        config.prepareDatabase { db in
            // Before GRDB turns WAL on (after that a new file's page size is fixed); a no-op for
            // an existing file.
            try db.execute(sql: "PRAGMA page_size = \(IndexSchema.pageSize)")
        }
        config.prepareDatabase(prepare.body)
        do {
            writer = try Self.openPool(path, config)
        } catch let error as DatabaseError where Self.isCorruption(error) && reason == nil {
            // Damage the probe did not see: discard once and start again.
            reason = error.message ?? "\(error.resultCode)"
            try Self.discard(path)
            writer = try Self.openPool(path, config)
        }
        discardedBecause = reason
    }

    /// The files SQLite and the index open beside the index file, besides -journal/-wal/-shm:
    /// the first build's marker and its search scratch file with its own side files.
    static let sideFileSuffixes = ["-building", "-search", "-search-journal", "-search-wal", "-search-shm"]

    private static func openPool(_ path: URL, _ config: Configuration) throws -> DatabasePool {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path.path, configuration: config)
        } catch let error as DatabaseError {
            throw translate(error, path: path.path)
        }
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    // Another process may have created it a moment ago.
                    if try Int.fetchOne(db, sql: "PRAGMA user_version") == 0 {
                        try IndexSchema.create(db)
                    } else if try Int32.fetchOne(db, sql: "PRAGMA application_id") != IndexOwnership.applicationID {
                        // An index of the last unmarked layout (IndexOwnership.legacy): mark it.
                        try db.execute(sql: "PRAGMA application_id = \(IndexOwnership.applicationID)")
                    }
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            try? pool.close()
            throw translate(error, path: path.path)
        }
        return pool
    }

    /// Each connection's page cache, per schema (the index and the attached marks), in KiB.
    /// SQLite's default is 2 MiB each; the reader has up to six connections (the list, search,
    /// counts, bodies, mark-all, the refresh), and a count or a search that reads every article
    /// fills both caches of its connection. The file's pages stay in the OS page cache, so a
    /// small cache costs a copy per page read again, not a disk read (peak memory: BENCHMARKS.md).
    static let readerCacheKiB = 256

    private static func configuration() -> Configuration {
        var config = Configuration()
        // A refresh in another process holds the write lock for one batch at a time: wait.
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = false
        config.label = "tidings-index"
        config.prepareDatabase { db in
            // Debian builds SQLite to zero what it deletes; the index holds nothing secret. Set
            // before the marks are attached, which take it from the main database.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        return config
    }

    private struct Preparation {
        var schema: String
        var writable: Bool
        var body: @Sendable (Database) throws -> Void
    }

    /// Every connection (writer and readers) attaches the marks the same way.
    private static func preparation(for marks: ReadMarksSource) -> Preparation {
        switch marks {
        case .database(let url):
            let path = url.path
            return Preparation(schema: "marks", writable: true) { db in
                // The index is a cache: losing its last transactions in a power cut only means
                // re-parsing a few files, so it does not wait for the disk on every commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                try db.execute(sql: "ATTACH DATABASE ? AS marks", arguments: [path])
                try db.execute(sql: "PRAGMA main.cache_size = -\(readerCacheKiB); PRAGMA marks.cache_size = -\(readerCacheKiB)")
            }
        case .snapshot(let ids):
            let raw = ids.map(\.rawValue)
            return Preparation(schema: "temp", writable: false) { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")  // before any temp table: changing it drops them
                try db.execute(sql: "PRAGMA main.cache_size = -\(readerCacheKiB)")
                try db.execute(sql: "CREATE TEMP TABLE read_state (article_id TEXT PRIMARY KEY NOT NULL, is_read INTEGER NOT NULL, changed_at REAL NOT NULL) WITHOUT ROWID")
                try db.execute(sql: "CREATE TEMP TABLE star_state (article_id TEXT PRIMARY KEY NOT NULL, is_starred INTEGER NOT NULL, changed_at REAL NOT NULL) WITHOUT ROWID")
                let insert = try db.makeStatement(sql: "INSERT INTO temp.read_state VALUES (?, 1, 0)")
                for id in raw { try insert.execute(arguments: [id]) }
            }
        }
    }

    // MARK: - Damage

    /// Why the file at `path` must not be trusted, or nil when it looks like a current index
    /// (or does not exist yet). Probed read-only: nothing is written to a file we may discard.
    static func brokenReason(_ path: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path.path) else { return nil }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return nil }
        if header != Data("SQLite format 3\u{0}".utf8) { return "not an SQLite database" }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let probe = try DatabaseQueue(path: path.path, configuration: config)
            defer { try? probe.close() }
            return try probe.read { db -> String? in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version == 0 {
                    // Being created by another process, or an empty database: fine if it has no tables.
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    return tables == 0 ? nil : "unknown layout"
                }
                if version != IndexSchema.version { return "index layout \(version), this program uses \(IndexSchema.version)" }
                // The first and last row of every table: the schema, the roots and both edges of
                // each B-tree are read, so an overwritten or cut file shows here, without reading
                // the whole file (at 100,000 pages that took longer than the first frame may).
                // Damage deeper inside is met by a query, which reports it (.corrupt) for a rebuild.
                let firstAndLast = [
                    "files": "id", "contributions": "article, file_id", "articles": "id",
                    "readings": "date DESC, path", "teasers": "article", "teaser_text": "article",
                    "search": "rowid",
                ]
                for (table, key) in firstAndLast {
                    _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table) ORDER BY \(key) LIMIT 1")
                    let last = key.split(separator: ",").map { column in
                        column.hasSuffix(" DESC") ? String(column.dropLast(5)) : column + " DESC"
                    }.joined(separator: ",")
                    _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table) ORDER BY \(last) LIMIT 1")
                }
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                let size = (try? FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int) ?? 0
                let walSize = (try? FileManager.default.attributesOfItem(atPath: path.path + "-wal")[.size] as? Int) ?? 0
                if walSize == 0 && size < pages * pageSize { return "the file is cut short" }
                return nil
            }
        } catch let error as DatabaseError where isCorruption(error) || error.resultCode.primaryResultCode == .SQLITE_ERROR {
            return error.message ?? "\(error.resultCode)"
        } catch {
            return nil  // locks, permissions: not a verdict on the file; the real open reports them
        }
    }

    static func isCorruption(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_NOTADB || error.resultCode.primaryResultCode == .SQLITE_CORRUPT
    }

    /// Deletes the index file and its -wal/-shm. It holds nothing that cannot be rebuilt.
    static func discard(_ path: URL) throws {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path.path + suffix) {
            do {
                try fm.removeItem(atPath: path.path + suffix)
            } catch {
                if fm.fileExists(atPath: path.path + suffix) {
                    throw ArticleIndexError(.unwritable, path: path.path, reason: "cannot delete a damaged index: \(error.localizedDescription)")
                }
            }
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> ArticleIndexError {
        let reason = error.message ?? "\(error.resultCode)"
        if isCorruption(error) { return ArticleIndexError(.corrupt, path: path, reason: reason) }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return ArticleIndexError(.unwritable, path: path, reason: reason)
        default:
            return ArticleIndexError(.database, path: path, reason: reason)
        }
    }
}
