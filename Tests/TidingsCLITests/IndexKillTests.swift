import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` of a command while it builds or refreshes the on-disk index (issue 6): the next run
/// must answer exactly as a clean build does, and no read mark may be lost.
@Suite(.serialized) struct IndexKillTests {
    /// Pages in four folders; each carries teasers of two others, so articles merge across
    /// files and a half-indexed store has teasers whose full page is not in yet.
    static func writeStore(_ sandbox: Sandbox, pages: Range<Int>) throws {
        let folders = ["World", "Tech", "Business", "Sport"]
        for n in pages {
            let teasers = [(n + 7) % 4_000, (n + 1_301) % 4_000].map {
                ("Generated story number \($0) makes news", "Teaser summary of story \($0).")
            }
            try sandbox.write(TemporaryStore.page(
                date: "Monday, \(1 + n % 28) September 2025",
                weather: [("\(20 + n % 10).5 C", ["Singapore", "Thailand", "Tokyo"][n % 3])],
                headline: "Generated story number \(n) makes news",
                standfirst: "Summary of story \(n), in one sentence.",
                body: ["Paragraph one of story \(n) about the region.", "Paragraph two of story \(n)."],
                teasers: teasers), to: "\(folders[n % 4])/page-\(n).txt")
        }
    }

    static func indexPath(_ state: URL) -> String {
        state.deletingLastPathComponent().appendingPathComponent("index.sqlite").path
    }

    static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : -1
    }

    static func listed(_ sandbox: Sandbox, state: URL? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [ListedArticle] {
        let paths = ["--store", sandbox.store.path, "--state", (state ?? sandbox.state).path]
        let result = try sandbox.run(["list", "--format", "json"] + paths, useSandboxPaths: false, sourceLocation: sourceLocation)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "a killed build must not be reported as damage: \(result.stderr)",
                sourceLocation: sourceLocation)
        return try result.json([ListedArticle].self, sourceLocation: sourceLocation)
    }

    /// What a clean build gives for the same store and marks: the state copied to a fresh
    /// folder (with its -wal) and listed there, where no index exists yet.
    static func cleanBuild(_ sandbox: Sandbox) throws -> [ListedArticle] {
        let folder = sandbox.root.appendingPathComponent("clean-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: sandbox.state.path + suffix) {
            try FileManager.default.copyItem(atPath: sandbox.state.path + suffix,
                                             toPath: folder.appendingPathComponent("state.sqlite").path + suffix)
        }
        return try listed(sandbox, state: folder.appendingPathComponent("state.sqlite"))
    }

    /// Files the killed run had committed to the index, counted on a copy (so nothing the next
    /// run will open is touched); nil without the sqlite3 program.
    static func committedFiles(_ sandbox: Sandbox) -> Int? {
        let sqlite = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite) else { return nil }
        let copy = sandbox.root.appendingPathComponent("probe-\(UUID().uuidString.prefix(6)).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + s) } }
        let index = indexPath(sandbox.state)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: index + suffix) {
            try? FileManager.default.copyItem(atPath: index + suffix, toPath: copy + suffix)
        }
        guard let result = try? ChildProcess.run(sqlite, [copy, "SELECT count(*) FROM files"]), result.status == 0 else { return nil }
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Starts `arguments`, waits until its index write starts (the -wal grows), waits `delay` µs
    /// more and kills it with SIGKILL. Returns false if it had already finished.
    static func killDuringIndexing(_ sandbox: Sandbox, _ arguments: [String], delay: useconds_t) throws -> Bool {
        let wal = indexPath(sandbox.state) + "-wal"
        let before = size(wal)
        let running = try sandbox.start(arguments)
        let deadline = Date().addingTimeInterval(HostileInputTests.hangGuard)
        while running.process.isRunning && size(wal) <= max(before, 0) && Date() < deadline { usleep(200) }
        if delay > 0 { usleep(delay) }
        let wasRunning = running.process.isRunning
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        return wasRunning
    }

    @Test func aCommandKilledWhileIndexingLeavesAnIndexThatAnswersLikeACleanBuildAndKeepsEveryMark() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try Self.writeStore(sandbox, pages: 0..<2_000)

        // Marks first (this builds the index once), then the reference answer.
        let all = try Self.listed(sandbox)
        let marked = all.filter { $0.kind == "article" }.prefix(40).map(\.id) + all.filter { $0.kind == "teaser" }.prefix(10).map(\.id)
        let mark = try sandbox.run(["mark"] + marked)
        #expect(mark.status == 0, "\(mark.stderr)")
        let reference = try Self.cleanBuild(sandbox)
        #expect(Set(reference.filter(\.read).map(\.id)) == Set(marked))

        var outcomes: [String] = []
        // Fresh builds, killed from the first batch to near the end (a debug build indexes
        // these 2,000 pages in a few seconds); `categories` and `mark` index the same way.
        let rounds: [([String], useconds_t)] = [
            (["list"], 0), (["list"], 2_000), (["categories"], 50_000), (["list"], 200_000),
            (["categories"], 600_000), (["list"], 1_200_000), (["mark", marked[0]], 400_000), (["list"], 2_500_000),
        ]
        for (arguments, delay) in rounds {
            try ArticleIndexFiles.discard(Self.indexPath(sandbox.state))
            let killed = try Self.killDuringIndexing(sandbox, arguments, delay: delay)
            let committed = Self.committedFiles(sandbox)
            outcomes.append("\(arguments[0]) +\(delay / 1_000) ms: \(killed ? "killed" : "finished"), \(committed.map(String.init) ?? "?") files committed")
            let after = try Self.listed(sandbox)
            #expect(after == reference, "after \(outcomes.last!): \(after.count) articles, \(reference.count) expected")
            #expect(Set(after.filter(\.read).map(\.id)) == Set(marked), "a read mark was lost")
        }

        // An incremental refresh killed: 600 new pages, 200 removed, then the kill.
        try Self.writeStore(sandbox, pages: 2_000..<2_600)
        for n in 0..<200 { try FileManager.default.removeItem(at: sandbox.store.appendingPathComponent("\(["World", "Tech", "Business", "Sport"][n % 4])/page-\(n).txt")) }
        let killed = try Self.killDuringIndexing(sandbox, ["list"], delay: 100_000)
        outcomes.append("refresh +100 ms: \(killed ? "killed" : "finished")")
        let changedReference = try Self.cleanBuild(sandbox)
        let after = try Self.listed(sandbox)
        #expect(after == changedReference)
        let stillThere = Set(changedReference.map(\.id))
        #expect(Set(after.filter(\.read).map(\.id)) == Set(marked).intersection(stillThere))
        // Marks of articles whose pages went are kept in the state for when they come back.
        if let count = try Self.markCount(sandbox) { #expect(count == marked.count) }
        print("kill -9 while indexing: \(outcomes.joined(separator: "; "))")
    }

    /// The reader indexes in the background: killed with SIGKILL while it does (just after its
    /// first index write, and later), the next run answers like a clean build and keeps marks.
    @Test func aReaderKilledWhileIndexingInTheBackgroundLeavesAConsistentIndex() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try Self.writeStore(sandbox, pages: 0..<1_500)
        let all = try Self.listed(sandbox)
        let marked = all.prefix(30).map(\.id)
        #expect(try sandbox.run(["mark"] + marked).status == 0)
        let reference = try Self.cleanBuild(sandbox)

        var outcomes: [String] = []
        for delay in [0, 1_000_000, 2_000_000] as [useconds_t] {
            try ArticleIndexFiles.discard(Self.indexPath(sandbox.state))
            let wal = Self.indexPath(sandbox.state) + "-wal"
            let tmux = try ReaderEndToEndTests.startReader(sandbox)
            defer { tmux.close() }
            let deadline = Date().addingTimeInterval(HostileInputTests.hangGuard)
            while Self.size(wal) <= 0 && Date() < deadline { usleep(200) }
            if delay > 0 { usleep(delay) }
            kill(try ReaderEndToEndTests.readerPID(tmux), SIGKILL)
            try tmux.waitUntil("EXITED 137") { $0.filter { !$0.isWhitespace }.contains("EXITED137") }
            tmux.close()
            outcomes.append("+\(delay / 1_000) ms: \(Self.committedFiles(sandbox).map(String.init) ?? "?") files committed")
            let after = try Self.listed(sandbox)
            #expect(after == reference, "after a kill \(outcomes.last!): \(after.count) articles, \(reference.count) expected")
            #expect(Set(after.filter(\.read).map(\.id)) == Set(marked), "a read mark was lost")
        }
        print("kill -9 of the reader while indexing: \(outcomes.joined(separator: "; "))")
    }

    /// Rows marked read in the state file itself, whatever the store holds.
    static func markCount(_ sandbox: Sandbox) throws -> Int? {
        let sqlite = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite) else { return nil }
        let result = try ChildProcess.run(sqlite, ["-readonly", sandbox.state.path, "SELECT count(*) FROM read_state WHERE is_read = 1"])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The index's files, deleted between rounds so each kill lands on a fresh build.
enum ArticleIndexFiles {
    static func discard(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
