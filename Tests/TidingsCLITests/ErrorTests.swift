import Foundation
import Testing
import TestSupport
import TidingsModel

/// Exit codes (1 runtime, 64 usage), messages on stderr, and state files that must not be lost.
@Suite struct ErrorTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try FixtureStore.write(into: sandbox)
    }

    @Test(arguments: [
        ["list", "--bogus"],
        ["list", "--format", "xml"],
        ["show"],
        ["mark"],
        ["weather", "extra-argument"],
        ["no-such-command"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try sandbox.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownIDExits1WithAMessage() throws {
        let result = try sandbox.run(["show", "ffffffffffffffff"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tidings: "))
        #expect(result.stderr.contains("ffffffffffffffff"))
        #expect(result.stdout.isEmpty)
    }

    @Test func controlCharactersInAnIDNeverReachTheTerminal() throws {
        let result = try sandbox.run(["show", "ab\u{1B}]0;owned\u{07}cd"])
        #expect(result.status == 1)
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func anAmbiguousPrefixListsTheCandidates() throws {
        // Two headlines whose ids share their first two digits, found by trying.
        var seen: [String: String] = [:]
        var pair: (String, String)?
        for n in 0..<2000 where pair == nil {
            let headline = "Ambiguous story \(n)"
            let prefix = String(ArticleID(headline: headline).rawValue.prefix(2))
            if let other = seen[prefix] { pair = (other, headline) } else { seen[prefix] = headline }
        }
        let (first, second) = try #require(pair)
        try sandbox.write("Monday, 10 November 2025\n\n\(first)\n\nOne.\n\nBody one.\n", to: "Tech/one.txt")
        try sandbox.write("Monday, 10 November 2025\n\n\(second)\n\nTwo.\n\nBody two.\n", to: "Tech/two.txt")
        let prefix = String(ArticleID(headline: first).rawValue.prefix(2))

        let result = try sandbox.run(["show", prefix])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tidings: "))
        #expect(result.stderr.contains(ArticleID(headline: first).rawValue))
        #expect(result.stderr.contains(ArticleID(headline: second).rawValue))
        #expect(try sandbox.run(["mark", prefix]).status == 1)
    }

    @Test func aMissingStoreFolderExits1() throws {
        let missing = sandbox.root.appendingPathComponent("no-such-store").path
        let result = try sandbox.run(["list", "--store", missing, "--state", sandbox.state.path], useSandboxPaths: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains(missing))
        let fromEnvironment = try sandbox.run(["list"], useSandboxPaths: false, environment: ["TIDINGS_STORE": missing])
        #expect(fromEnvironment.status == 1)
        #expect(fromEnvironment.stderr.contains("TIDINGS_STORE"))
    }

    @Test func aCorruptStateFileIsSetAsideAndANewOneStarted() throws {
        try FileManager.default.createDirectory(at: sandbox.state.deletingLastPathComponent(), withIntermediateDirectories: true)
        let junk = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try junk.write(to: sandbox.state)

        let result = try sandbox.run(["mark", FixtureStore.robotsID])
        #expect(result.status == 0, "\(result.stderr)")
        // The message names where the old file went, and the bytes are there.
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("moved to") })
        let movedPath = try #require(line.range(of: "moved to ").map { line[$0.upperBound...] }?
            .split(separator: " ").first.map(String.init))
        #expect(movedPath.hasPrefix(sandbox.state.path + ".broken-"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: movedPath)) == junk)
        // The new state works and is seen by the next process, with no further message.
        let doctor = try sandbox.run(["doctor"])
        #expect(doctor.stdout.contains("ok, 1 marked read"))
        let next = try sandbox.run(["list", "--unread", "--format", "json"])
        #expect(next.stderr.isEmpty)
        #expect(!(try next.json([ListedArticle].self).map(\.id).contains(FixtureStore.robotsID)))
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func anUnwritableStateExits1SayingMarksCannotBeSaved() throws {
        let locked = sandbox.root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        let lock = try ReadOnlyFolder(locked)
        defer { lock.unlock() }
        let state = locked.appendingPathComponent("state.sqlite").path
        let result = try sandbox.run(["mark", FixtureStore.robotsID, "--store", sandbox.store.path, "--state", state],
                                     useSandboxPaths: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("marks cannot be saved"))
        #expect(result.stderr.contains(state))
        // Commands that need no marks still work.
        let weather = try sandbox.run(["weather", "--store", sandbox.store.path, "--state", state], useSandboxPaths: false)
        #expect(weather.status == 0)
    }

    @Test(.enabled(if: ReadOnlyFolder.isPossible, "needs a non-root user or chattr"))
    func anExistingStateInAReadOnlyFolderIsStillListed() throws {
        #expect(try sandbox.run(["mark", FixtureStore.robotsID]).status == 0)
        let lock = try ReadOnlyFolder(sandbox.state.deletingLastPathComponent())
        defer { lock.unlock() }
        let list = try sandbox.run(["list", "--format", "json"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(try list.json([ListedArticle].self).first { $0.id == FixtureStore.robotsID }?.read == true)
        let mark = try sandbox.run(["mark", FixtureStore.hawkerID])
        #expect(mark.status == 1)
        #expect(mark.stderr.contains("marks cannot be saved"))
        let doctor = try sandbox.run(["doctor"])
        #expect(doctor.stdout.contains("read-only, 1 marked read"))
    }
}
