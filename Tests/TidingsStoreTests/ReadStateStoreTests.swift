import Foundation
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

private func id(_ n: Int) -> ArticleID { ArticleID(headline: "Headline number \(n)") }

@Suite struct ReadStateStoreTests {
    let folder: URL
    var statePath: URL { folder.appendingPathComponent("nested/deeper/state.sqlite") }

    init() throws { folder = try makeTemporaryDirectory("tidings-store") }

    @Test func createsParentFoldersAndStartsEmpty() throws {
        let store = try ReadStateStore(path: statePath)
        #expect(FileManager.default.fileExists(atPath: statePath.path))
        #expect(try store.readIDs().isEmpty)
        #expect(try store.isRead(id(1)) == false)
        #expect(try store.changedAt(id(1)) == nil)
        #expect(store.setAside == nil)
    }

    @Test func marksSurviveReopening() throws {
        let when = Date(timeIntervalSince1970: 1_764_000_000)
        do {
            let store = try ReadStateStore(path: statePath)
            try store.setRead([id(1), id(2), id(3)], read: true, at: when)
            try store.setRead([id(2)], read: false, at: when.addingTimeInterval(60))
        }
        let reopened = try ReadStateStore(path: statePath)
        #expect(try reopened.readIDs() == [id(1), id(3)])
        #expect(try reopened.isRead(id(2)) == false)
        #expect(try reopened.changedAt(id(1)) == when)
        #expect(try reopened.changedAt(id(2)) == when.addingTimeInterval(60))
    }

    @Test func settingTheSameMarkTwiceKeepsTheFirstChangeTime() throws {
        let store = try ReadStateStore(path: statePath)
        let first = Date(timeIntervalSince1970: 1_000_000)
        try store.setRead([id(7)], read: true, at: first)
        try store.setRead([id(7), id(7)], read: true, at: first.addingTimeInterval(500))
        #expect(try store.readIDs() == [id(7)])
        #expect(try store.changedAt(id(7)) == first)
        try store.setRead([id(7)], read: false, at: first.addingTimeInterval(900))
        #expect(try store.readIDs().isEmpty)
        #expect(try store.changedAt(id(7)) == first.addingTimeInterval(900))
    }

    @Test func usesWriteAheadLogging() throws {
        let store = try ReadStateStore(path: statePath)
        try store.setRead([id(1)], read: true)
        #expect(FileManager.default.fileExists(atPath: statePath.path + "-wal"))
    }

    @Test func twoConnectionsMarkingAtOnceLoseNothing() async throws {
        let a = try ReadStateStore(path: statePath)
        let b = try ReadStateStore(path: statePath)
        // Each connection marks its own 200 ids one transaction at a time, interleaved with the other.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (offset, store) in [(0, a), (1000, b)] {
                group.addTask {
                    for n in 0..<200 { try store.setRead([id(offset + n)], read: true) }
                }
            }
            try await group.waitForAll()  // a "database is locked" in either task fails the test
        }
        let expected = Set((0..<200).map { id($0) } + (0..<200).map { id(1000 + $0) })
        #expect(try a.readIDs() == expected)
        #expect(try ReadStateStore(path: statePath).readIDs() == expected)
    }

    @Test(arguments: ["junk", "truncated", "tiny"])
    func aBrokenFileIsMovedAsideNotOverwritten(kind: String) throws {
        try FileManager.default.createDirectory(at: statePath.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes: Data
        switch kind {
        case "junk":
            bytes = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        case "truncated":
            // A real database with many marks, cut to its first pages.
            let source = folder.appendingPathComponent("full.sqlite")
            do {
                let full = try ReadStateStore(path: source)
                try full.setRead((0..<3000).map { id($0) }, read: true)
            }
            try checkpoint(source)
            let whole = try Data(contentsOf: source)
            #expect(whole.count > 16384)
            bytes = whole.prefix(whole.count / 3)
        default:
            bytes = Data("SQLite format 3".utf8)
        }
        try bytes.write(to: statePath)
        try Data("wal bytes".utf8).write(to: URL(fileURLWithPath: statePath.path + "-wal"))

        let store = try ReadStateStore(path: statePath)

        let moved = try #require(store.setAside)
        #expect(moved.deletingLastPathComponent().path == statePath.deletingLastPathComponent().path)
        #expect(moved.lastPathComponent.hasPrefix("state.sqlite.broken-"))
        #expect(try Data(contentsOf: moved) == bytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: moved.path + "-wal")) == Data("wal bytes".utf8))
        // The fresh database works and is a different file.
        #expect(try store.readIDs().isEmpty)
        try store.setRead([id(1)], read: true)
        #expect(try ReadStateStore(path: statePath).readIDs() == [id(1)])
    }

    /// A file cut short is found from its header alone (start-up no longer reads every mark):
    /// cut by one page it is broken; whole, or with its newest pages still in the -wal, it is not.
    @Test func aFileShorterThanItsHeaderSaysIsBroken() throws {
        let source = folder.appendingPathComponent("full.sqlite")
        let open = try ReadStateStore(path: source)
        try open.setRead((0..<3000).map { id($0) }, read: true)
        // Not checkpointed: the main file is behind the -wal, and its header says so.
        #expect(!StateDatabase.isShorterThanItsHeaderSays(source))
        try checkpoint(source)
        #expect(!StateDatabase.isShorterThanItsHeaderSays(source))
        let whole = try Data(contentsOf: source)
        let cut = folder.appendingPathComponent("cut.sqlite")
        try whole.prefix(whole.count - 4096).write(to: cut)
        #expect(StateDatabase.isShorterThanItsHeaderSays(cut))
        // Beside a -wal (a checkpoint a full disk stopped) the rest of the pages are there.
        try Data("frames".utf8).write(to: URL(fileURLWithPath: cut.path + "-wal"))
        #expect(!StateDatabase.isShorterThanItsHeaderSays(cut))
        try FileManager.default.removeItem(atPath: cut.path + "-wal")
        // Opening it sets it aside and starts afresh.
        let store = try ReadStateStore(path: cut)
        #expect(store.setAside != nil)
        #expect(try store.readIDs().isEmpty)
    }

    @Test func aSecondBrokenFileGetsItsOwnName() throws {
        try FileManager.default.createDirectory(at: statePath.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 4096).write(to: statePath)
        let first = try #require(try ReadStateStore(path: statePath).setAside)
        try Data(repeating: 0xCD, count: 4096).write(to: statePath)
        let second = try #require(try ReadStateStore(path: statePath).setAside)
        #expect(first != second)
        #expect(try Data(contentsOf: first) == Data(repeating: 0xAB, count: 4096))
        #expect(try Data(contentsOf: second) == Data(repeating: 0xCD, count: 4096))
    }

    @Test func anEmptyFileIsTreatedAsANewDatabase() throws {
        try FileManager.default.createDirectory(at: statePath.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: statePath.path, contents: Data())
        let store = try ReadStateStore(path: statePath)
        #expect(store.setAside == nil)
        try store.setRead([id(3)], read: true)
        #expect(try store.readIDs() == [id(3)])
    }

    @Test func aFolderThatCannotBeCreatedIsAClearError() throws {
        let blocker = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let path = blocker.appendingPathComponent("state.sqlite")
        let error = try #require(throws: StateStoreError.self) { try ReadStateStore(path: path) }
        #expect(error.kind == .unwritable)
        #expect(error.description.contains(path.path))
        #expect(error.description.contains("marks cannot be saved"))
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func aReadOnlyFolderIsAClearError() throws {
        let dir = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("state.sqlite")
        let lock = try ReadOnlyFolder(dir)
        defer { lock.unlock() }
        let error = try #require(throws: StateStoreError.self) { try ReadStateStore(path: path) }
        #expect(error.kind == .unwritable)
        #expect(error.description.contains(path.path))
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func aBrokenFileInAReadOnlyFolderIsLeftUntouched() throws {
        let dir = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("state.sqlite")
        let junk = Data(repeating: 0x5A, count: 2048)
        try junk.write(to: path)
        let lock = try ReadOnlyFolder(dir)
        defer { lock.unlock() }
        #expect(throws: StateStoreError.self) { try ReadStateStore(path: path) }
        #expect(try Data(contentsOf: path) == junk)
    }
}

/// Folds the WAL into the main file so a copy of the main file alone holds every row.
private func checkpoint(_ path: URL) throws {
    let db = try StateDatabase(path: path)
    try db.queue.writeWithoutTransaction { try $0.checkpoint(.truncate) }
}

@Suite struct StatePathTests {
    @Test func aFolderAtTheStatePathIsAClearError() throws {
        let folder = try makeTemporaryDirectory("tidings-store")
        let error = try #require(throws: StateStoreError.self) { try ReadStateStore(path: folder) }
        #expect(error.kind == .unwritable)
        #expect(error.description.contains("it is a folder"))
    }
}

@Suite struct FirstOpenTests {
    /// The reader and a `tidings mark` may both create the state file at the same moment.
    @Test func manyConnectionsCreatingTheSameFreshFileAllSucceed() async throws {
        for round in 0..<10 {
            let path = try makeTemporaryDirectory("tidings-first").appendingPathComponent("state.sqlite")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<6 {
                    group.addTask {
                        let store = try ReadStateStore(path: path)
                        try store.setRead([id(round * 100 + n)], read: true)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try ReadStateStore(path: path).readIDs().count == 6)
        }
    }
}

@Suite struct ReadOnlyStateTests {
    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func anUnwritableStateStillShowsItsMarks() throws {
        let dir = try makeTemporaryDirectory("tidings-store").appendingPathComponent("locked")
        let path = dir.appendingPathComponent("state.sqlite")
        let when = Date(timeIntervalSince1970: 1_700_000_000)
        try ReadStateStore(path: path).setRead([id(1), id(2)], read: true, at: when)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let bytes = try Data(contentsOf: path)

        let lock = try ReadOnlyFolder(dir)
        defer { lock.unlock() }
        #expect(throws: StateStoreError.self) { try ReadStateStore(path: path) }

        let store = try ReadStateStore.openOrReadOnly(path: path)
        #expect(store.isReadOnly)
        #expect(store.readOnlyReason?.kind == .unwritable)
        #expect(try store.readIDs() == [id(1), id(2)])
        #expect(try store.changedAt(id(1)) == when)
        let error = try #require(throws: StateStoreError.self) { try store.setRead([id(3)], read: true) }
        #expect(error.description.contains("marks cannot be saved"))
        #expect(error.description.contains(path.path))
        // Nothing in the locked folder changed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before)
        #expect(try Data(contentsOf: path) == bytes)
    }

    @Test func aWritableStateOpensNormally() throws {
        let path = try makeTemporaryDirectory("tidings-store").appendingPathComponent("state.sqlite")
        let store = try ReadStateStore.openOrReadOnly(path: path)
        #expect(!store.isReadOnly)
        try store.setRead([id(4)], read: true)
        #expect(try ReadStateStore(path: path).readIDs() == [id(4)])
    }
}
