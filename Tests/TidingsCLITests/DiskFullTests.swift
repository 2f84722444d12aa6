import Foundation
import Testing
import TestSupport

/// A full disk under the state and the index (issue 6): a small tmpfs filled to the last byte.
/// Marks that cannot be written are refused with a message that says so, the marks already
/// saved stay, nothing is set aside as broken, reading keeps working, and once space is back
/// marking works again.
@Suite(.serialized, .enabled(if: SmallDisk.isPossible, "needs root to mount a small tmpfs"))
struct DiskFullTests {
    static func ids(_ sandbox: Sandbox, state: URL) throws -> [String: String] {
        let listed = try sandbox.run(["list", "--format", "json", "--store", sandbox.store.path, "--state", state.path],
                                     useSandboxPaths: false)
        #expect(listed.status == 0, "list failed: \(listed.stderr)")
        return Dictionary(uniqueKeysWithValues: try listed.json([ListedArticle].self).map { ($0.headline, $0.id) })
    }

    /// Runs a command with the state on the small disk, and its temporary folder there too
    /// (TMPDIR), as when /tmp is on the full root file system.
    static func run(_ sandbox: Sandbox, _ arguments: [String], state: URL) throws -> RunResult {
        let tmp = state.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return try sandbox.run(arguments + ["--store", sandbox.store.path, "--state", state.path], useSandboxPaths: false,
                               environment: ["TMPDIR": tmp.path])
    }

    static func readFlags(_ sandbox: Sandbox, state: URL) throws -> [String: Bool] {
        let result = try run(sandbox, ["list", "--format", "json"], state: state)
        #expect(result.status == 0, "list failed on a full disk: \(result.stderr)")
        return Dictionary(uniqueKeysWithValues: try result.json([ListedArticle].self).map { ($0.headline, $0.read) })
    }

    static func setAside(_ disk: SmallDisk) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: disk.url.appendingPathComponent("marks").path)
            .filter { $0.contains("broken") }
    }

    @Test func theCommandsOnAFullDiskSayMarksCannotBeSavedAndLoseNothing() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let disk = try SmallDisk(kilobytes: 1024)
        defer { disk.unmount() }
        let state = disk.url.appendingPathComponent("marks/state.sqlite")
        let ids = try Self.ids(sandbox, state: state)
        let coffee = try #require(ids[ReaderEndToEndTests.coffee]), quantum = try #require(ids[ReaderEndToEndTests.quantum])
        #expect(try Self.run(sandbox, ["mark", coffee], state: state).status == 0)

        disk.fill()
        #expect(disk.available == 0)
        let refused = try Self.run(sandbox, ["mark", quantum], state: state)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("marks cannot be saved: the disk is full"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        // Reading still works, from the marks on disk (the index answers from memory), and a page
        // stored meanwhile is listed.
        try sandbox.write(TemporaryStore.page(date: "Thursday, 6 November 2025", headline: "Harbour lights return"),
                          to: "World/harbour.txt")
        var flags = try Self.readFlags(sandbox, state: state)
        #expect(flags["Harbour lights return"] == false)
        #expect(flags[ReaderEndToEndTests.coffee] == true)
        #expect(flags[ReaderEndToEndTests.quantum] == false)
        let doctor = try Self.run(sandbox, ["doctor"], state: state)
        #expect(doctor.status == 0)
        #expect(doctor.stdout.contains("disk is full"), "\(doctor.stdout)")
        // A second refusal, with the -wal and -shm the first one may have left half made.
        #expect(try Self.run(sandbox, ["mark", "--unread", coffee], state: state).status == 1)
        #expect(try Self.setAside(disk).isEmpty, "a full disk is not a broken file")

        disk.free()
        let marked = try Self.run(sandbox, ["mark", quantum], state: state)
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stderr.isEmpty, "\(marked.stderr)")
        flags = try Self.readFlags(sandbox, state: state)
        #expect(flags[ReaderEndToEndTests.coffee] == true)
        #expect(flags[ReaderEndToEndTests.quantum] == true)
        #expect(flags[ReaderEndToEndTests.marathon] == false)
        #expect(try Self.setAside(disk).isEmpty)
    }

    /// The disk fills while the reader runs: the next mark says so on the status line, the
    /// reader goes on, the earlier mark stays; started again on the full disk it shows the
    /// saved marks and a page stored meanwhile, and a mark says again that it cannot be saved.
    @Test func theReaderOnADiskThatFillsSaysMarksCannotBeSavedAndKeepsRunning() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let disk = try SmallDisk(kilobytes: 1024)
        defer { disk.unmount() }
        let state = disk.url.appendingPathComponent("marks/state.sqlite")

        let tmux = try ReaderEndToEndTests.startReader(sandbox, width: 200, state: state)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        try tmux.send("m")  // the newest, coffee
        try tmux.waitFor("3 unread / 4")
        disk.fill()
        try tmux.send("G", "m")  // the oldest, marathon
        var screen = try tmux.waitUntil("the warning") { $0.contains("disk is full") }
        #expect(screen.contains("Could not save read marks"))
        // Still answering keys: the quit below.
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
        tmux.close()

        var flags = try Self.readFlags(sandbox, state: state)
        #expect(flags[ReaderEndToEndTests.coffee] == true)
        #expect(flags[ReaderEndToEndTests.marathon] == false)

        // A page stored meanwhile: the index cannot grow on the full disk, the reader still lists it.
        try sandbox.write(TemporaryStore.page(date: "Thursday, 6 November 2025", headline: "Harbour lights return"),
                          to: "World/harbour.txt")
        let tmp = disk.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let again = try ReaderEndToEndTests.startReader(sandbox, width: 200, state: state, environment: ["TMPDIR": tmp.path])
        defer { again.close() }
        screen = try again.waitFor("4 unread / 5")
        #expect(ReaderEndToEndTests.isUnread(screen, "Harbour lights return") == true)
        #expect(ReaderEndToEndTests.isUnread(screen, ReaderEndToEndTests.coffee) == false)
        try again.send("G", "m")
        screen = try again.waitUntil("the warning") { $0.contains("disk is full") }
        #expect(screen.contains("Could not save read marks"))
        try again.send("q")
        try again.waitFor("EXITED 0")
        again.close()

        disk.free()
        flags = try Self.readFlags(sandbox, state: state)
        #expect(flags[ReaderEndToEndTests.coffee] == true)
        #expect(try Self.setAside(disk).isEmpty)
    }

    /// `tidings list > file` with the file on a full disk: exit 1 with the reason, not a crash
    /// (Foundation's FileHandle.write traps on a failed write; it did, with SIGILL).
    @Test func outputToAFullDiskIsAnErrorNotACrash() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let disk = try SmallDisk(kilobytes: 256)
        defer { disk.unmount() }
        let out = disk.url.appendingPathComponent("out.json")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        disk.fill()
        let err = sandbox.root.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let binary: URL = try #require(TidingsBinary.url)
        for arguments in [["list", "--format", "json"], ["weather"], ["categories"]] {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments + ["--store", sandbox.store.path, "--state", sandbox.state.path]
            process.environment = sandbox.environment()
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "\(arguments[0]) died of signal \(process.terminationStatus)")
            #expect(process.terminationStatus == 1, "\(arguments[0])")
            let message = try String(contentsOf: err, encoding: .utf8)
            #expect(message.contains("tidings: cannot write the output: No space left on device"), "\(message)")
            try Data().write(to: err)
        }
    }
}

/// A file size limit (`ulimit -f`, RLIMIT_FSIZE) on the process: works without root. The
/// writes past it fail (SIGXFSZ is ignored, so the process is not killed by it) and are
/// reported like a full disk; the state keeps what it had.
@Suite(.serialized) struct FileSizeLimitTests {
    /// Runs `tidings arguments...` under `sh -c 'ulimit -f BLOCKS; exec ...'`.
    static func runLimited(_ sandbox: Sandbox, blocks: Int, _ arguments: [String]) throws -> ChildProcess.Result {
        let binary = try #require(TidingsBinary.url)
        return try ChildProcess.run("/bin/sh", ["-c", "ulimit -f \(blocks) && exec \"$@\"", "sh", binary.path] + arguments
                                        + ["--store", sandbox.store.path, "--state", sandbox.state.path],
                                    environment: sandbox.environment())
    }

    @Test func aMarkPastTheFileSizeLimitIsRefusedWithTheReasonAndLosesNothing() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let ids = try DiskFullTests.ids(sandbox, state: sandbox.state)
        let coffee = try #require(ids[ReaderEndToEndTests.coffee]), quantum = try #require(ids[ReaderEndToEndTests.quantum])
        #expect(try sandbox.run(["mark", coffee]).status == 0)

        // 512 bytes: the -wal header fits, its first page does not.
        let refused = try Self.runLimited(sandbox, blocks: 1, ["mark", quantum])
        #expect(refused.status == 1, "status \(refused.status) (153 is death by SIGXFSZ)")
        #expect(refused.stderr.contains("marks cannot be saved: the file size limit (ulimit -f) is reached"), "\(refused.stderr)")
        let flags = try DiskFullTests.readFlags(sandbox, state: sandbox.state)
        #expect(flags[ReaderEndToEndTests.coffee] == true)
        #expect(flags[ReaderEndToEndTests.quantum] == false)
        let folder = try FileManager.default.contentsOfDirectory(atPath: sandbox.state.deletingLastPathComponent().path)
        #expect(!folder.contains { $0.contains("broken") }, "\(folder)")
        #expect(try sandbox.run(["mark", quantum]).status == 0)
        #expect(try DiskFullTests.readFlags(sandbox, state: sandbox.state)[ReaderEndToEndTests.quantum] == true)
    }
}
