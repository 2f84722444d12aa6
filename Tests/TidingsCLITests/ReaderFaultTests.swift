import Foundation
import Testing
import TestSupport
import TidingsModel
import TidingsStore
#if canImport(Glibc)
import Glibc
#endif

/// Faults around the running reader (issue 6): killed with SIGKILL in the middle of
/// mark-all-read, and two readers on one state at once.
@Suite(.serialized)
struct ReaderFaultTests {
    static func readIDs(_ sandbox: Sandbox) throws -> Set<String> {
        Set(try ReadStateStore(path: sandbox.state).readIDs().map(\.rawValue))
    }

    /// The reader's A (mark every article in the view read, confirmed with y) killed with
    /// SIGKILL as soon as its write reaches the state's -wal and at growing delays after:
    /// every time all or none of the batch is saved and the 100 earlier marks stay.
    @Test func aReaderKilledDuringMarkAllReadSavesAllOrNothingAndKeepsEarlierMarks() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(FaultTests.manyArticlesPage(count: 3_000), to: "many.txt")
        let listed = try sandbox.run(["list", "--format", "json"])
        let ids = try listed.json([ListedArticle].self).map(\.id)
        try #require(ids.count == 3_001)
        let earlier = Array(ids.suffix(100))
        #expect(try sandbox.run(["mark"] + earlier).status == 0)
        let before = Set(earlier), all = Set(ids)
        let wal = sandbox.state.path + "-wal"

        var outcomes: [String: Int] = [:]
        for delay in [0, 0, 300, 2_000, 10_000, 40_000] as [useconds_t] {
            do {  // Undo the last round's batch, keeping the earlier marks.
                let state = try ReadStateStore(path: sandbox.state)
                try state.setRead(ids.filter { !before.contains($0) }.compactMap(ArticleID.init(rawValue:)), read: false)
            }
            #expect(try Self.readIDs(sandbox) == before)
            let tmux = try ReaderEndToEndTests.startReader(sandbox)
            defer { tmux.close() }
            try tmux.waitFor("2901 unread / 3001", timeout: .seconds(60))
            try tmux.send("A")
            try tmux.waitUntil("the mark-all question") { $0.range(of: "Mark [0-9]+ articles read\\?", options: .regularExpression) != nil }
            let walBefore = FaultTests.stamp(wal)
            let pid = try ReaderEndToEndTests.readerPID(tmux)
            try tmux.send("y")
            let deadline = Date().addingTimeInterval(HostileInputTests.hangGuard)
            func writing() -> Bool { let now = FaultTests.stamp(wal); return now != walBefore && (now.first ?? 0) > 0 }
            while !writing() && Date() < deadline { usleep(100) }
            if delay > 0 { usleep(delay) }
            kill(pid, SIGKILL)
            // The killed reader leaves its screen and modes behind: the shell's line may wrap.
            try tmux.waitUntil("EXITED 137") { $0.filter { !$0.isWhitespace }.contains("EXITED137") }
            tmux.close()

            let state = try ReadStateStore(path: sandbox.state)
            #expect(state.setAside == nil, "a killed reader must not leave a file taken for broken")
            let read = Set(try state.readIDs().map(\.rawValue))
            #expect(read == before || read == all, "killed \(delay) µs into mark-all: \(read.count) marked")
            outcomes[read == all ? "all" : read == before ? "none" : "partial", default: 0] += 1
        }
        print("kill -9 during the reader's mark-all of 2,901 articles: \(outcomes)")
    }

    /// Two readers in two terminals on the same store and state, marking different articles at
    /// the same moments: both run, neither shows a database error, and after both quit every
    /// mark from both is on disk.
    @Test func twoReadersOnOneStateBothRunAndKeepEveryMark() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let first = try ReaderEndToEndTests.startReader(sandbox)
        defer { first.close() }
        let second = try ReaderEndToEndTests.startReader(sandbox)
        defer { second.close() }
        try first.waitFor("4 unread / 4")
        try second.waitFor("4 unread / 4")

        let order = Self.rowOrder(try first.screen())
        try #require(order.count == 4, "\(order)")

        // Each toggles its own article 21 times (first the newest, second the oldest), the keys
        // sent to both before either is waited for, so the writes of the two processes interleave.
        try first.send("g")
        try second.send("G")
        for _ in 0..<7 {
            try first.send("m", "m", "m")
            try second.send("m", "m", "m")
        }
        try Self.waitForKeysDone(first, second)
        try first.waitUntil("the newest read") { ReaderEndToEndTests.isUnread($0, order[0]) == false }
        try second.waitUntil("the oldest read") { ReaderEndToEndTests.isUnread($0, order[3]) == false }

        // Then one more mark each, at once: the second and third rows.
        try first.send("g", "j", "m")
        try second.send("G", "k", "m")
        try Self.waitForKeysDone(first, second)
        let one = try first.waitUntil("the second row read") { ReaderEndToEndTests.isUnread($0, order[1]) == false }
        let two = try second.waitUntil("the third row read") { ReaderEndToEndTests.isUnread($0, order[2]) == false }
        for screen in [one, two] {
            #expect(!screen.contains("locked") && !screen.contains("Could not save") && !screen.contains("busy"), "\(screen)")
        }
        try first.send("q")
        try second.send("q")
        try first.waitFor("EXITED 0")
        try second.waitFor("EXITED 0")
        first.close()
        second.close()

        let flags = try ReaderEndToEndTests.readFlags(sandbox)
        #expect(flags == Dictionary(uniqueKeysWithValues: order.map { ($0, true) }), "every mark of both readers: \(flags)")
    }

    /// Two readers started at once on a store with no index yet: both index it in the
    /// background at the same time (one SQLite write lock), both end with the whole store
    /// listed and no database error, and a mark made in each is on disk.
    @Test func twoReadersIndexingOneStoreAtOnceBothGetThere() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try IndexKillTests.writeStore(sandbox, pages: 0..<1_500)
        let total = try IndexKillTests.cleanBuild(sandbox).count
        let first = try ReaderEndToEndTests.startReader(sandbox)
        defer { first.close() }
        let second = try ReaderEndToEndTests.startReader(sandbox)
        defer { second.close() }
        for tmux in [first, second] {
            let screen = try tmux.waitFor("\(total) unread / \(total)", timeout: .seconds(120))
            #expect(!screen.contains("locked") && !screen.contains("busy") && !screen.contains("Could not"), "\(screen)")
        }
        try first.send("g", "m")
        try second.send("G", "m")
        for tmux in [first, second] {
            // Its own mark, and the other's too once it reads the marks again (they are live).
            try tmux.waitUntil("a mark shown") { $0.contains("\(total - 1) unread / \(total)") || $0.contains("\(total - 2) unread / \(total)") }
            try tmux.send("q")
            try tmux.waitFor("EXITED 0")
        }
        first.close()
        second.close()
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        #expect(listed.count == total)
        #expect(listed.filter(\.read).count == 2, "the mark of each reader")
    }

    /// The four headlines in the order the list shows them.
    static func rowOrder(_ screen: String) -> [String] {
        let headlines = [ReaderEndToEndTests.coffee, ReaderEndToEndTests.quantum, ReaderEndToEndTests.marathon, ReaderEndToEndTests.ferry]
        let lines = screen.split(separator: "\n").map(String.init)
        return headlines.compactMap { h in
            lines.firstIndex { $0.contains(h) && ($0.hasPrefix(" ● ") || $0.hasPrefix("   ")) }.map { ($0, h) }
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Keys are handled in order: once a search typed after them shows, they are all done.
    /// The search is then cancelled.
    static func waitForKeysDone(_ sessions: TmuxSession...) throws {
        for session in sessions {
            try session.send("/")
            try session.type("zzdone")
        }
        for session in sessions {
            try session.waitFor("zzdone")
            try session.send("Escape")
            try session.waitUntil("the search closed") { !$0.contains("zzdone") }
        }
    }
}
