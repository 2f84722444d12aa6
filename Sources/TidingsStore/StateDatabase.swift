import Foundation
import GRDB
import TidingsModel

/// The SQLite file of the user's own data: the read marks. (The article index is a file of its
/// own beside it, a cache that may be rebuilt at any time: IndexDatabase says why.)
///
/// Opening never overwrites a file that is not a database: such a file (with its -wal/-shm)
/// is moved aside to `<name>.broken-<UTC timestamp>` and a fresh database is started.
package final class StateDatabase: Sendable {
    package let queue: DatabaseQueue
    package let path: URL
    /// Where a broken state file was moved, when opening had to do that.
    package let setAside: URL?
    /// Set for a read-only snapshot: the temporary folder holding the copy, removed on deinit.
    private let snapshotFolder: URL?

    package init(path: URL) throws {
        self.path = path
        try Self.refuseSpecialFiles(path)
        let folder = path.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StateStoreError(.unwritable, path: path, reason: "cannot create \(folder.path): \(Self.describe(error))")
        }
        // Decide before any read-write connection exists: SQLite would otherwise checkpoint,
        // rewrite or delete the -wal of a damaged file, and the user's bytes would be gone.
        var moved: URL?
        if Self.isBroken(path) {
            moved = try Self.moveAside(path)
        }
        do {
            queue = try Self.open(path)
        } catch {
            throw Self.translate(error, path: path)
        }
        setAside = moved
        snapshotFolder = nil
    }

    /// A private copy of the state at `path` (with its -wal), for reading marks when the
    /// real file cannot be written (a read-only folder). The original is never opened by
    /// SQLite, so nothing in that folder changes.
    package init(snapshotOf path: URL) throws {
        self.path = path
        try Self.refuseSpecialFiles(path)  // copying a FIFO would block
        let fm = FileManager.default
        // The temporary folder may be on the very disk that is full (/tmp on the root file
        // system): then the copy goes to shared memory, so the saved marks still show.
        var places = [fm.temporaryDirectory]
        if fm.fileExists(atPath: "/dev/shm") { places.append(URL(fileURLWithPath: "/dev/shm", isDirectory: true)) }
        var failure: Error?
        for place in places {
            let folder = place.appendingPathComponent("tidings-state-\(UUID().uuidString)", isDirectory: true)
            let copy = folder.appendingPathComponent("state.sqlite")
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                if fm.fileExists(atPath: path.path) {
                    try fm.copyItem(atPath: path.path, toPath: copy.path)
                    if fm.fileExists(atPath: path.path + "-wal") {
                        try fm.copyItem(atPath: path.path + "-wal", toPath: copy.path + "-wal")
                    }
                }
                queue = try Self.open(copy)
                setAside = nil
                snapshotFolder = folder
                return
            } catch {
                try? fm.removeItem(at: folder)
                failure = failure ?? error
            }
        }
        let why = DiskSpace.shortage(near: places[0]).map { "no room for one: \($0)" } ?? Self.describe(failure!)
        throw StateStoreError(.database, path: path, reason: "cannot read a copy of it (\(why)), so the saved marks cannot be shown; they are kept")
    }

    /// A folder, FIFO, socket or device at the state's place or its side files' is reported,
    /// never opened (opening a FIFO blocks until a writer comes): `SafePath`'s rule.
    static func refuseSpecialFiles(_ path: URL) throws {
        if let (file, why) = SafePath.databaseRefusal(path.path) {
            throw StateStoreError(.unwritable, path: URL(fileURLWithPath: file), reason: why)
        }
    }

    deinit {
        if let snapshotFolder {
            try? queue.close()
            try? FileManager.default.removeItem(at: snapshotFolder)
        }
    }

    /// The migrations, in order. Never edit a shipped one: add a new one.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-read-state") { db in
            try db.execute(sql: """
                CREATE TABLE read_state (
                    article_id TEXT PRIMARY KEY NOT NULL,
                    is_read INTEGER NOT NULL,
                    changed_at REAL NOT NULL
                ) WITHOUT ROWID
                """)
        }
        SyncSchema.register(&migrator)
        return migrator
    }

    /// Opens (creating and migrating if needed), trying again for a moment when the file is
    /// busy in a way SQLite's busy timeout does not wait out: connections creating the same new
    /// file at once race to switch it to WAL and to run the first migration, and a deferred
    /// transaction that finds the file changed under it fails at once (SQLITE_BUSY_SNAPSHOT).
    private static func open(_ path: URL) throws -> DatabaseQueue {
        var attempt = 0
        while true {
            do {
                return try openOnce(path)
            } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY && attempt < 20 {
                attempt += 1
                usleep(UInt32(5_000 * attempt))
            }
        }
    }

    private static func openOnce(_ path: URL) throws -> DatabaseQueue {
        var config = Configuration()
        config.journalMode = .wal
        // Another process (a second reader, a script running `tidings mark`) may hold the write
        // lock for a moment; wait for it rather than fail, so no mark is lost.
        config.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path.path, configuration: config)
        do {
            do {
                try migrator.migrate(queue)
            } catch {
                // Two processes opening a new file at once can both decide to run the same
                // migration; the later one fails on the table the first created. A complete
                // schema is all that matters.
                guard (try? queue.read(migrator.hasCompletedMigrations)) == true else { throw error }
            }
        } catch {
            try? queue.close()
            throw error
        }
        return queue
    }

    /// True when a file exists at `path` that SQLite cannot read as a database: a wrong
    /// header, or pages it reports as corrupt. Probed through a read-only connection, which
    /// never writes to the file or its -wal.
    private static func isBroken(_ path: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path.path) else { return false }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.close()
        if header.isEmpty { return false }  // an empty file is a new database
        if header.prefix(16) != Data("SQLite format 3\u{0}".utf8) { return true }
        if isCut(path, header: header, size: size) { return true }

        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let probe = try DatabaseQueue(path: path.path, configuration: config)
            defer { try? probe.close() }
            try probe.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                // The table's first and last rows: its root and both edges of its B-tree. (Counting
                // every row, as before, cost 5 ms of each start at 100,000 marks; a cut file is
                // found by its size above.)
                if try db.tableExists("read_state") {
                    _ = try String.fetchOne(db, sql: "SELECT min(article_id) FROM read_state")
                    _ = try String.fetchOne(db, sql: "SELECT max(article_id) FROM read_state")
                }
            }
            return false
        } catch let error as DatabaseError
                    where error.resultCode == .SQLITE_NOTADB || error.resultCode.primaryResultCode == .SQLITE_CORRUPT {
            return true
        } catch {
            return false  // not a verdict on the file (permissions, locks): the real open reports it
        }
    }

    /// True when the database header gives a size (it does when its "valid for" counter matches
    /// the change counter), the file is shorter, and no -wal holds the rest: a file cut short by
    /// an interrupted copy. (A checkpoint stopped by a full disk also leaves the file shorter
    /// than its header, with every page still in the -wal: that file is whole, as the index's
    /// own check has it.)
    static func isShorterThanItsHeaderSays(_ path: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path.path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 100), let size = try? handle.seekToEnd() else { return false }
        return isCut(path, header: header, size: size)
    }

    /// `isShorterThanItsHeaderSays` for the file's first 100 bytes and its size.
    private static func isCut(_ path: URL, header: Data, size: UInt64) -> Bool {
        guard header.count == 100 else { return false }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path.path + "-wal")[.size] as? Int) ?? 0
        guard wal == 0 else { return false }
        func be(_ at: Int, _ count: Int) -> UInt64 {
            header[header.startIndex + at..<header.startIndex + at + count].reduce(0) { $0 << 8 | UInt64($1) }
        }
        let pageSize = be(16, 2) == 1 ? 65536 : be(16, 2)
        let pages = be(28, 4)
        guard be(92, 4) == be(24, 4), pages > 0, pageSize >= 512 else { return false }
        return size < pages * pageSize
    }

    /// Moves the file and its -wal/-shm companions to a fresh `.broken-<timestamp>` name
    /// next to it, so the bytes stay for the user to inspect. Returns the new path.
    private static func moveAside(_ path: URL) throws -> URL? {
        let fm = FileManager.default
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: Date()).replacingOccurrences(of: ":", with: "")
        var target = URL(fileURLWithPath: path.path + ".broken-\(stamp)")
        var n = 2
        while fm.fileExists(atPath: target.path) || fm.fileExists(atPath: target.path + "-wal") {
            target = URL(fileURLWithPath: path.path + ".broken-\(stamp)-\(n)")
            n += 1
        }
        do {
            try fm.moveItem(at: path, to: target)
        } catch {
            // Another process may have set it aside a moment ago; then there is nothing to move.
            if !fm.fileExists(atPath: path.path) { return nil }
            throw StateStoreError(.cannotSetAside, path: path, reason: describe(error))
        }
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path.path + suffix) {
            // A -wal left behind would be discarded by the fresh database: stop instead.
            do {
                try fm.moveItem(atPath: path.path + suffix, toPath: target.path + suffix)
            } catch {
                throw StateStoreError(.cannotSetAside, path: URL(fileURLWithPath: path.path + suffix),
                                      reason: describe(error) + "; the main file is now at \(target.path)")
            }
        }
        return target
    }

    private static func translate(_ error: Error, path: URL) -> Error {
        if let error = error as? StateStoreError { return error }
        if let db = error as? DatabaseError {
            return StateStoreError.fromSQLite(code: db.extendedResultCode.rawValue, message: db.message, path: path)
        }
        return StateStoreError(.database, path: path, reason: describe(error))
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return (error as NSError).localizedDescription
    }
}
