import Foundation
import Testing
import TestSupport
import TidingsStore

/// The reader runs when its read marks cannot be kept, and says so on the status line.
@Suite(.serialized)
struct ReaderStateProblemTests {
    static func start(_ sandbox: Sandbox, state: URL) throws -> TmuxSession {
        try ReaderEndToEndTests.startReader(sandbox, state: state)
    }

    @Test func aStateThatCannotBeCreatedLeavesTheReaderRunningAndSaysMarksCannotBeSaved() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        let file = sandbox.root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let tmux = try Self.start(sandbox, state: file.appendingPathComponent("state.sqlite"))
        defer { tmux.close() }
        // The list and the warning may reach the screen in either order on a loaded machine.
        var screen = try tmux.waitUntil("the list and the warning") {
            $0.contains("4 unread / 4") && $0.contains("marks cannot be saved")
        }
        // A mark that cannot be kept is not shown as made: the warning again, and still 4 unread.
        // The help after `m` is a barrier: once it shows, the mark has been tried.
        try tmux.send("m")
        try tmux.send("?")
        _ = try tmux.waitUntil("the help after the mark") { $0.contains("┌ Keys") }
        try tmux.send("Escape")
        screen = try tmux.waitUntil("the unsaved mark read back") {
            let screen = $0
            return screen.contains("4 unread / 4") && [ReaderEndToEndTests.coffee, ReaderEndToEndTests.quantum,
                ReaderEndToEndTests.marathon, ReaderEndToEndTests.ferry].allSatisfy {
                    ReaderEndToEndTests.isUnread(screen, $0) == true
                }
        }
        #expect(!screen.contains("3 unread / 4"), "\(screen)")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible))
    func anUnwritableStateStillShowsItsMarks() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        let coffee = try #require(listed.first { $0.headline == ReaderEndToEndTests.coffee })
        #expect(try sandbox.run(["mark", coffee.id]).status == 0)
        // `mark` can exit before its connections close (on a loaded machine), leaving the -wal
        // beside the state: the file can then still be written where nothing can be created,
        // and the marks are rightly writable. Closing a connection folds the -wal in and
        // removes it, so the folder holds the state alone, as this test means.
        try StateDatabase(path: sandbox.state).queue.close()
        #expect(!FileManager.default.fileExists(atPath: sandbox.state.path + "-wal"))
        let folder = try ReadOnlyFolder(sandbox.state.deletingLastPathComponent())
        defer { folder.unlock() }

        let tmux = try Self.start(sandbox, state: sandbox.state)
        defer { tmux.close() }
        let screen = try tmux.waitUntil("the list and the warning") {
            $0.contains("3 unread / 4") && ($0.contains("cannot be saved") || $0.contains("not writable"))
        }
        #expect(ReaderEndToEndTests.isUnread(screen, ReaderEndToEndTests.coffee) == false)
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }
}
