import Foundation
import Testing
import TestSupport

/// A real Fever server for the sync tests: Coldsweat from PyPI, run by Tests/Servers/coldsweat.py
/// in a cached virtual environment, bound to 127.0.0.1 and fed generated feeds that it fetches
/// itself. Stopped when the test ends.
final class FeverServer {
    struct Info: Decodable {
        var endpoint: String
        var port: Int
        var user: String?
        var password: String?
    }

    struct State: Decodable {
        var items: [String: String]
        var read: [Int]
        var saved: [Int]

        func id(of headline: String) -> String? { items.first { $0.value == headline }?.key }
        func isRead(_ headline: String) -> Bool { id(of: headline).flatMap(Int.init).map(read.contains) ?? false }
        func isSaved(_ headline: String) -> Bool { id(of: headline).flatMap(Int.init).map(saved.contains) ?? false }
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Servers/coldsweat.py")

    let folder: URL
    let info: Info

    /// A Coldsweat with `items` items in five feeds (two in group "News", one in "Business", one in
    /// "Science", one in "Default"); or, with `fake`, a broken server ("html", "garbage", "hang").
    init(items: Int = 60, fake: String? = nil) throws {
        let path = try makeTemporaryDirectory("fever")
        folder = path
        let args = fake.map { ["fake", path.path, $0] } ?? ["up", path.path, "--items", String(items)]
        let result = try Self.helper(args)
        let last = result.split(separator: "\n").last.map(String.init) ?? ""
        info = try JSONDecoder().decode(Info.self, from: Data(last.utf8))
    }

    deinit { _ = try? Self.helper(["down", folder.path]) }

    @discardableResult
    static func helper(_ args: [String]) throws -> String {
        let result = try ChildProcess.run("/usr/bin/env", ["python3", script.path] + args)
        guard result.status == 0 else {
            throw CLIFailure("coldsweat.py \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
        return result.stdout
    }

    func stop() throws { try Self.helper(["stop", folder.path]) }
    func start() throws { try Self.helper(["start", folder.path]) }
    func state() throws -> State { try JSONDecoder().decode(State.self, from: Data(try Self.helper(["state", folder.path]).utf8)) }
}

struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One machine: its own home, store and state, and a [sync] account.
struct Machine {
    let sandbox: Sandbox
    let password: String

    init(server: FeverServer, password: String = "correct horse battery", timeout: Int = 10) throws {
        sandbox = try Sandbox()
        self.password = password
        try configure(endpoint: server.info.endpoint, timeout: timeout)
    }

    func configure(endpoint: String, timeout: Int = 10) throws {
        try sandbox.write("""
            [sync]
            kind = "fever"
            endpoint = "\(endpoint)"
            user = "reader@example.org"
            password_env = "TIDINGS_TEST_FEVER_PASSWORD"
            timeout_seconds = \(timeout)
            """, to: ".config/tidings/config.toml", in: sandbox.home)
    }

    @discardableResult
    func run(_ args: [String], password: String? = nil) throws -> RunResult {
        try sandbox.run(args, environment: ["TIDINGS_TEST_FEVER_PASSWORD": password ?? self.password])
    }

    func start(_ args: [String]) throws -> Sandbox.Running {
        try sandbox.start(args, environment: ["TIDINGS_TEST_FEVER_PASSWORD": password])
    }

    func sync(sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncResult {
        let result = try run(["sync", "--format", "json"])
        #expect(result.status == 0, "sync failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try result.json(SyncResult.self)
    }

    func list() throws -> [Row] { try run(["list", "--format", "json"]).json([Row].self) }

    func pending() throws -> Int {
        let result = try run(["sync", "--status", "--format", "json"])
        return try result.json(SyncStatus.self).pending
    }

    func mark(_ headlines: [String], _ flag: String? = nil) throws {
        let rows = try list()
        let ids = headlines.map { h in rows.first { $0.headline == h }!.id }
        let result = try run(["mark"] + ids + (flag.map { [$0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
    }

    struct Row: Decodable {
        var id: String
        var headline: String
        var category: String
        var read: Bool
        var starred: Bool
    }
}

struct SyncResult: Decodable {
    var pulled: Int
    var pushed: Int
    var marksChanged: Int
    var pending: Int
}

struct SyncStatus: Decodable {
    var pending: Int
    var lastError: String?
    var refused: Bool
}

@Suite(.serialized) struct SyncServerTests {
    @Test func aMarkAndAStarMadeOnOneMachineReachTheOther() throws {
        let server = try FeverServer(items: 60)
        let a = try Machine(server: server), b = try Machine(server: server)
        #expect(try a.sync().pulled == 60)
        #expect(try b.sync().pulled == 60)
        let rows = try a.list()
        #expect(rows.count == 60)
        #expect(Set(rows.map(\.category)) == ["News", "Business", "Science", "Default"])
        let (x, y) = (rows[0].headline, rows[1].headline)
        try a.mark([x])
        try a.mark([y], "--star")
        #expect(try a.pending() == 2)
        #expect(try a.sync().pushed == 2)
        #expect(try a.pending() == 0)
        let server1 = try server.state()
        #expect(server1.isRead(x) && !server1.isRead(y))
        #expect(server1.isSaved(y) && !server1.isSaved(x))
        #expect(server1.read.count == 1 && server1.saved.count == 1)

        _ = try b.sync()
        let seen = try b.list()
        #expect(seen.filter(\.read).map(\.headline) == [x])
        #expect(seen.filter(\.starred).map(\.headline) == [y])

        // And back: B unstars and marks unread; A follows.
        try b.mark([y], "--unstar")
        try b.mark([x], "--unread")
        #expect(try b.sync().pushed == 2)
        _ = try a.sync()
        #expect(try a.list().allSatisfy { !$0.read && !$0.starred })
        let server2 = try server.state()
        #expect(server2.read.isEmpty && server2.saved.isEmpty)
    }

    @Test func changesMadeOfflineAllArriveInOrderOnce() throws {
        let server = try FeverServer(items: 300)
        let a = try Machine(server: server, timeout: 3)
        _ = try a.sync()
        try server.stop()
        let rows = try a.list()
        let other = rows.filter { $0.category != "News" }
        #expect(other.count >= 60)
        // 100 marks in order, some undone later: only the order gives the right end state.
        let read = Array(other.prefix(60).map(\.headline))
        let unreadAgain = Array(read.prefix(20))
        let starred = Array(other.suffix(15).map(\.headline))
        let unstarred = Array(starred.prefix(5))
        for chunk in stride(from: 0, to: read.count, by: 10) { try a.mark(Array(read[chunk..<chunk + 10])) }
        try a.mark(unreadAgain, "--unread")
        try a.mark(starred, "--star")
        try a.mark(unstarred, "--unstar")
        // And a mark-all of one group, sent as the server's group mark.
        let all = try a.run(["mark", "--all", "--category", "News"])
        #expect(all.status == 0, "\(all.stderr)")
        let news = rows.filter { $0.category == "News" }
        #expect(!news.isEmpty)
        let waiting = try a.pending()
        #expect(waiting == 60 + 20 + 15 + 5 + news.count)

        let offline = try a.run(["sync"])
        #expect(offline.status == 3, "\(offline.stderr)")
        #expect(offline.stderr.contains("\(waiting) change(s) waiting"))
        #expect(try a.pending() == waiting)

        try server.start()
        let result = try a.sync()
        #expect(result.pushed == waiting)
        #expect(result.pending == 0)
        let state = try server.state()
        let expectedRead = Set(read.dropFirst(20)).union(news.map(\.headline))
        let serverRead = Set(state.read.compactMap { state.items[String($0)] })
        #expect(serverRead == expectedRead)
        let serverSaved = Set(state.saved.compactMap { state.items[String($0)] })
        #expect(serverSaved == Set(starred.dropFirst(5)))
        // The machine's own list agrees after taking the server's lists.
        let after = try a.list()
        #expect(Set(after.filter(\.read).map(\.headline)) == expectedRead)
        #expect(Set(after.filter(\.starred).map(\.headline)) == Set(starred.dropFirst(5)))
    }

    @Test func killedMidPushTwentyTimesLosesNothingAndDoublesNothing() throws {
        let server = try FeverServer(items: 200)
        let a = try Machine(server: server)
        _ = try a.sync()
        let rows = try a.list()
        var expectedRead = Set<String>(), expectedSaved = Set<String>()
        var random = SplitMix(state: 17)
        for round in 0..<20 {
            // Each round changes some articles (some back and forth) and then kills a sync mid-push.
            let picks = (0..<12).map { _ in rows[Int(random.next() % UInt64(rows.count))].headline }
            let toRead = Array(Set(picks.prefix(8))), toUnread = Array(Set(picks.suffix(4)))
            try a.mark(toRead)
            try a.mark(toUnread, "--unread")
            expectedRead.formUnion(toRead)
            expectedRead.subtract(toUnread)
            let star = rows[Int(random.next() % UInt64(rows.count))].headline
            if round % 3 == 2, expectedSaved.contains(star) {
                try a.mark([star], "--unstar")
                expectedSaved.remove(star)
            } else {
                try a.mark([star], "--star")
                expectedSaved.insert(star)
            }
            let running = try a.start(["sync"])
            usleep(UInt32(random.next() % 400_000))
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.wait()
        }
        let final = try a.sync()
        #expect(final.pending == 0)
        let state = try server.state()
        #expect(Set(state.read.compactMap { state.items[String($0)] }) == expectedRead)
        #expect(Set(state.saved.compactMap { state.items[String($0)] }) == expectedSaved)
        let after = try a.list()
        #expect(Set(after.filter(\.read).map(\.headline)) == expectedRead)
        #expect(Set(after.filter(\.starred).map(\.headline)) == expectedSaved)
    }

    @Test func aChangeStillWaitingWinsOtherwiseTheServerDoes() throws {
        let server = try FeverServer(items: 40)
        let a = try Machine(server: server, timeout: 3), b = try Machine(server: server)
        _ = try a.sync()
        _ = try b.sync()
        let rows = try a.list()
        let (w, y, z) = (rows[0].headline, rows[1].headline, rows[2].headline)

        // A is offline: it reads W, then marks it unread again, and stars Z.
        try server.stop()
        try a.mark([w])
        try a.mark([w], "--unread")
        try a.mark([z], "--star")
        #expect(try a.run(["sync"]).status == 3)
        try server.start()
        // Meanwhile B reads W and Y, and stars Y.
        try b.mark([w, y])
        try b.mark([y], "--star")
        _ = try b.sync()
        #expect(try server.state().isRead(w))

        // A's waiting changes win for W and Z; for Y, which A did not touch, the server's state is taken.
        _ = try a.sync()
        let state = try server.state()
        #expect(!state.isRead(w) && state.isRead(y))
        #expect(state.isSaved(y) && state.isSaved(z))
        let onA = try a.list()
        #expect(onA.first { $0.headline == w }?.read == false)
        #expect(onA.first { $0.headline == y }?.read == true)
        #expect(onA.first { $0.headline == y }?.starred == true)
        #expect(onA.first { $0.headline == z }?.starred == true)
        _ = try b.sync()
        let onB = try b.list()
        #expect(onB.first { $0.headline == w }?.read == false)
        #expect(onB.first { $0.headline == z }?.starred == true)
    }

    @Test func aRefusedPasswordABrokenServerAndAHangingOneKeepTheOutbox() throws {
        let server = try FeverServer(items: 20)
        let a = try Machine(server: server, timeout: 2)
        _ = try a.sync()
        let rows = try a.list()
        try a.mark(rows.prefix(3).map(\.headline))
        #expect(try a.pending() == 3)

        for (kind, words) in [("html", "web page"), ("garbage", "not the Fever API"), ("hang", "no answer")] {
            let fake = try FeverServer(fake: kind)
            try a.configure(endpoint: fake.info.endpoint, timeout: 2)
            let result = try a.run(["sync"])
            #expect(result.status == 3, "\(kind): \(result.stderr)")
            #expect(result.stderr.contains(words), "\(kind): \(result.stderr)")
            #expect(result.stderr.contains("3 change(s) waiting"), "\(kind): \(result.stderr)")
            #expect(try a.pending() == 3)
        }

        try a.configure(endpoint: server.info.endpoint)
        let refused = try a.run(["sync"], password: "wrong password here")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("refused the user and password"))
        #expect(try a.pending() == 3)
        // Not sent again until the settings change.
        let again = try a.run(["sync"], password: "wrong password here")
        #expect(again.status == 2)
        #expect(again.stderr.contains("not tried again"))
        let status = try a.run(["sync", "--status", "--format", "json"], password: "wrong password here").json(SyncStatus.self)
        #expect(status.refused && status.pending == 3)
        #expect(try server.state().read.isEmpty)

        let fixed = try a.sync()
        #expect(fixed.pushed == 3 && fixed.pending == 0)
        #expect(try server.state().read.count == 3)
    }

    @Test func theReaderSyncsAtStartPushesMarksWhileItRunsAndSaysSo() throws {
        let server = try FeverServer(items: 30)
        let a = try Machine(server: server)
        _ = try a.sync()
        let first = try a.list()[0].headline
        let reader = try ReaderEndToEndTests.startReader(a.sandbox, width: 140, height: 30,
                                                         environment: ["TIDINGS_TEST_FEVER_PASSWORD": a.password])
        defer { reader.close() }
        try reader.waitFor("synced")
        try reader.waitFor(String(first.prefix(30)))
        // The first row is the newest article: m marks it; the push follows within seconds.
        try reader.send("m")
        try reader.waitFor("1 change waiting", timeout: .seconds(5))
        try reader.waitFor("synced", timeout: .seconds(20))
        #expect(try server.state().isRead(first))
        // * stars it, and the star reaches the server the same way; the row shows it.
        try reader.send("*")
        try reader.waitFor("★")
        try reader.waitFor("1 change waiting", timeout: .seconds(5))
        try reader.waitFor("synced", timeout: .seconds(20))
        #expect(try server.state().isSaved(first))

        // With the server gone the marks wait, and the status line says how many.
        try server.stop()
        try reader.send("j", "m", "j", "m")
        try reader.waitFor("2 changes waiting", timeout: .seconds(20))
        try reader.waitFor("Sync:", timeout: .seconds(20))
        try server.start()
        // R syncs at once, whatever the back-off.
        try reader.send("R")
        try reader.waitFor("synced", timeout: .seconds(20))
        #expect(try server.state().read.count == 3)
        try reader.send("q")
        try reader.waitFor("EXITED 0")
    }
}
