import Foundation
import TidingsModel
import TidingsStore

/// The store through its on-disk index: opened, refreshed, ready for queries.
///
/// The index lives beside the read state (`ArticleIndex.defaultPath(forState:)`). The demo pages
/// are indexed in memory, so trying the demo never replaces a real store's index; so is a store
/// whose state folder cannot be written. A damaged index is discarded and rebuilt.
public struct IndexSession: Sendable {
    public let index: ArticleIndex
    /// The store folder that was indexed (the demo pages when none is configured).
    public let storeURL: URL
    /// Why the index is not on disk, or was rebuilt; nil when all is well. `doctor` shows it.
    public let note: String?
    /// What the refresh did.
    public let report: IndexRefreshReport

    /// Opens the index for `paths` with marks from `marks` (see `marksForReading`) and refreshes it.
    public static func open(_ paths: ResolvedPaths, marks: ReadMarksSource,
                            progress: ((IndexProgress) -> Void)? = nil,
                            warn: (String) -> Void = printWarning) throws -> IndexSession {
        let opened = try ReaderIndex.open(paths, marks: marks, warn: warn)
        var index = opened.index
        var note = opened.note
        let store = index.storeURL
        let wanted = opened.wanted
        func open(_ path: URL?) throws -> ArticleIndex {
            try ArticleIndex(path: path, store: store, categoryRules: index.categoryRules, parsers: pageParsers, marks: marks)
        }
        let report: IndexRefreshReport
        do {
            report = try index.refresh(progress: progress)
        } catch let error as ArticleIndexError where error.kind == .corrupt && index.path != nil {
            // Damage found while reading: never trust it, start again from the store.
            try ArticleIndex.discard(at: index.path!)
            index = try open(wanted)
            note = "rebuilt: the old index was damaged (\(error.reason))"
            report = try index.refresh(progress: progress)
        } catch let error as ArticleIndexError where index.path != nil && isDiskFull(error, wanted) {
            // A full disk: the file keeps what it had committed (SQLite rolled the batch back);
            // this run answers from memory so reading never fails for want of space.
            note = "kept in memory: \(describe(error, wanted))"
            index = try open(nil)
            report = try index.refresh(progress: progress)
        }
        return IndexSession(index: index, storeURL: store, note: note, report: report)
    }
}

/// The index for `paths`, opened but not refreshed: the reader draws from it at once.
public enum ReaderIndex {
    public static func open(_ paths: ResolvedPaths, marks: ReadMarksSource,
                            warn: (String) -> Void = printWarning) throws -> (index: ArticleIndex, note: String?, wanted: URL?) {
        let rules = loadCategoryRules(paths, warn: warn)
        let store = paths.store ?? DemoPages.folder()
        let wanted: URL? = paths.store == nil ? nil : ArticleIndex.defaultPath(forState: paths.state)
        var note: String?
        func open(_ path: URL?) throws -> ArticleIndex {
            try ArticleIndex(path: path, store: store, categoryRules: rules, parsers: pageParsers, marks: marks)
        }
        var index: ArticleIndex
        do {
            // On a full disk the index could neither take new pages nor say so until the first
            // refresh failed (the reader would keep showing the old list): index in memory now.
            if let wanted, DiskSpace.isFull(near: wanted) {
                throw ArticleIndexError(.database, path: wanted.path, reason: "no space left on the disk")
            }
            index = try open(wanted)
        } catch let error as ArticleIndexError where error.kind == .foreign || error.kind == .notAFile {
            // Someone else's file, or a FIFO: left alone, and said so (it names the file).
            note = "kept in memory for this run: \(error)"
            warn("\(error); the index is kept in memory for this run")
            index = try open(nil)
        } catch let error as ArticleIndexError where error.kind == .unwritable || isDiskFull(error, wanted) {
            // Nothing is lost by indexing in memory: it only takes longer.
            note = "kept in memory: \(describe(error, wanted))"
            index = try open(nil)
        }
        if let reason = index.discardedBecause {
            note = "rebuilt: the old index was not usable (\(reason))"
        }
        return (index, note, wanted)
    }
}

/// True when `error` came from a full disk (or a file size limit) under the index file:
/// SQLite may call either a "disk I/O error" (see `DiskSpace`).
private func isDiskFull(_ error: ArticleIndexError, _ path: URL?) -> Bool {
    guard let path else { return false }
    switch error.kind {
    case .database: return error.reason.contains("disk is full") || DiskSpace.shortage(near: path) != nil
    case .unwritable: return DiskSpace.isFull(near: path)  // a -wal or -shm that could not be made
    default: return false
    }
}

private func describe(_ error: ArticleIndexError, _ path: URL?) -> String {
    guard let path, isDiskFull(error, path) else { return "\(error)" }
    return "\(DiskSpace.shortage(near: path) ?? "the disk is full") where the index is kept, \(path.path) (\(error.reason))"
}

/// Where reading commands take read marks from, without creating the state file: none yet is
/// an empty set; an unwritable state is read once into a snapshot; otherwise the file itself.
public func marksForReading(_ paths: ResolvedPaths, warn: (String) -> Void = printWarning) throws -> ReadMarksSource {
    guard FileManager.default.fileExists(atPath: paths.state.path) else { return .snapshot([]) }
    let state = try openState(paths, readOnlyFallback: true, warn: warn)
    if state.isReadOnly { return .snapshot(try state.readIDs()) }
    return .database(state.path)
}
