import Foundation
import GRDB
import TidingsModel

/// The store, parsed and merged, on disk in SQLite, so start-up reads only what it shows and a
/// rescan parses only new or changed files. `ArticleStore` lists all it offers on one screen.
///
/// Open it, `refresh()` it (in the background in the reader: reads see each committed batch),
/// and query pages of rows, counts and categories in SQL. Which copy of an article wins, its
/// date and category: `MergeRules`. Safe to use from several threads; several processes may
/// refresh the same index at once (each batch re-checks what another process already did).
public final class ArticleIndex: Sendable {
    public let storeURL: URL
    public let categoryRules: CategoryRules
    let parsers: [any PageFileParser]
    let database: IndexDatabase
    /// One refresh at a time in this process; other processes are kept in step by SQLite locks.
    let refreshLock = NSLock()

    /// Opens (creating it if needed) the index at `path` for the store at `store`. A file that
    /// is not a current, undamaged index is deleted and rebuilt (see `discardedBecause`).
    /// `path` nil keeps the index in memory (for a store whose state folder cannot be written).
    /// `marks` says where read marks come from; `.database` requires the file to exist.
    public init(path: URL?, store: URL, categoryRules: CategoryRules = .builtIn,
                parsers: [any PageFileParser] = [TextPageParser()], marks: ReadMarksSource) throws {
        self.storeURL = store.standardizedFileURL
        self.categoryRules = categoryRules
        self.parsers = parsers
        database = try IndexDatabase(path: path, marks: marks)
    }

    /// The index file, or nil for an index in memory.
    public var path: URL? { database.path }

    /// Why an existing index file was thrown away and rebuilt when this was opened, else nil.
    public var discardedBecause: String? { database.discardedBecause }

    /// Deletes the index at `path` (with its -wal and -shm). Read marks are not in it.
    public static func discard(at path: URL) throws {
        try IndexDatabase.discard(path)
    }

    /// The default index file for a state file: `index.sqlite` beside `state.sqlite`,
    /// `<name>.index.sqlite` beside a state file with another name.
    public static func defaultPath(forState state: URL) -> URL {
        let name = state.lastPathComponent == "state.sqlite" ? "index.sqlite" : state.lastPathComponent + ".index.sqlite"
        return state.deletingLastPathComponent().appendingPathComponent(name)
    }

    func parser(for path: String) -> (any PageFileParser)? {
        parsers.first { $0.accepts(path: path) }
    }

    /// SQLite errors become `ArticleIndexError`s naming the file.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw IndexDatabase.translate(error, path: database.path?.path ?? ":memory:")
        }
    }
}
