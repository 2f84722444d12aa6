import Foundation
import Testing
import TestSupport

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
        var screen = try tmux.waitFor("4 unread / 4")
        #expect(screen.contains("marks cannot be saved"), "\(screen)")
        // A mark still shows for this session, and says again that it is not kept.
        try tmux.send("m")
        screen = try tmux.waitFor("3 unread / 4")
        #expect(screen.contains("marks cannot be saved"))
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible))
    func anUnwritableStateStillShowsItsMarks() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        let coffee = try #require(listed.first { $0.headline == ReaderEndToEndTests.coffee })
        #expect(try sandbox.run(["mark", coffee.id]).status == 0)
        let folder = try ReadOnlyFolder(sandbox.state.deletingLastPathComponent())
        defer { folder.unlock() }

        let tmux = try Self.start(sandbox, state: sandbox.state)
        defer { tmux.close() }
        let screen = try tmux.waitFor("3 unread / 4")
        #expect(ReaderEndToEndTests.isUnread(screen, ReaderEndToEndTests.coffee) == false)
        #expect(screen.contains("cannot be saved") || screen.contains("not writable"), "\(screen)")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }
}
