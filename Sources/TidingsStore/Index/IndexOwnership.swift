import Foundation
import GRDB
import TidingsModel

/// Whether a file at the index's place is Tidings' own index, which Tidings may delete and
/// rebuild. Only a file carrying Tidings' mark is: SQLite's `application_id` set to
/// `applicationID` when the index is created. Anything else (a text file, another program's
/// database of any layout) is left alone; the caller keeps the index in memory for that run.
///
/// Indexes made before the mark existed carry none: one with exactly the tables and the
/// `user_version` of the last unmarked layout (11) is taken as Tidings' own and marked when
/// opened. Older unmarked layouts are left alone like any other file (the message names it,
/// so the user can delete it).
enum IndexOwnership {
    /// "TIDG".
    static let applicationID: Int32 = 0x5449_4447
    static let legacyVersion = 11
    static let legacyTables: Set<String> = [
        "articles", "contributions", "files", "meta", "readings", "search", "search_config", "search_data",
        "search_dead", "search_docsize", "search_idx", "sqlite_sequence", "teaser_text", "teasers",
        "walk_problems", "weather",
    ]

    enum Verdict: Equatable {
        /// No file, an empty one, or an SQLite database with no tables yet (being created).
        case absent
        case ours
        /// The last unmarked layout: ours, to be marked.
        case legacy
        /// Not ours: why, for the message.
        case foreign(String)
    }

    static func verdict(_ path: URL) -> Verdict {
        // The caller has checked that this is a regular file (SafePath): open cannot block.
        let fd = open(path.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return errno == ENOENT ? .absent : .foreign("cannot be read: \(String(cString: strerror(errno)))") }
        var header = [UInt8](repeating: 0, count: 100)
        let got = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 100, 0) }
        close(fd)
        if got == 0 { return .absent }
        guard got == 100, header.prefix(16).elementsEqual("SQLite format 3\u{0}".utf8) else {
            return .foreign("not an SQLite database")
        }
        let headerID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: headerID) == applicationID { return .ours }
        if headerID != 0 { return .foreign("another program's database (application_id \(headerID))") }
        // Unmarked in the file's header: the mark may still be in the -wal (a new index not yet
        // checkpointed), or this is an old index, or another program's database.
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let probe = try DatabaseQueue(path: path.path, configuration: config)
            defer { try? probe.close() }
            return try probe.read { db -> Verdict in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID { return .ours }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                if tables.isEmpty && version == 0 { return .absent }
                if version == legacyVersion && tables == legacyTables { return .legacy }
                let names = tables.sorted().prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                return .foreign("an SQLite database without Tidings' mark (user_version \(version), tables: \(names.isEmpty ? "none" : names))")
            }
        } catch {
            return .foreign("an SQLite database without Tidings' mark that cannot be read (\((error as? DatabaseError)?.message ?? "\(error)"))")
        }
    }
}
