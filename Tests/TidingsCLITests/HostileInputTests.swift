import Foundation
import Testing
import TestSupport
import TidingsModel

/// Hostile pages (HostilePages.swift) through the parser and through the built binary: no crash,
/// no hang (a generous hang guard, not a benchmark), and nothing but printable text on stdout
/// and stderr, in text and in JSON (whose strings are checked after decoding too).
@Suite(.serialized) struct HostileInputTests {
    static let hangGuard: TimeInterval = 60

    @Test(arguments: HostilePage.small)
    func theParserGivesOnlyCleanTextOrASkipReason(page: HostilePage) throws {
        do {
            let parsed = try TextPageParser().parsePage(page.bytes)
            #expect(TerminalSafety.problems(in: parsed) == [])
            if let headline = page.headline { #expect(parsed.headline == headline) }
        } catch let reason as SkipReason {
            #expect(page.headline == nil, "skipped: \(reason)")
            #expect(TerminalSafety.firstForbidden(in: reason.description) == nil)
        }
    }

    @Test(arguments: HostilePage.small)
    func everyCommandPrintsOnlyPrintableText(page: HostilePage) throws {
        try checkCommands(on: page)
    }

    @Test(arguments: HostilePage.large)
    func largePagesLoadOrAreSkippedInBoundedTime(page: HostilePage) throws {
        try checkCommands(on: page, shows: 1)
    }

    @Test func impossibleValuesGiveNoReadingAndNoDate() throws {
        let sandbox = try Sandbox()
        for page in HostilePage.small where ["temperatures-out-of-range", "impossible-dates"].contains(page.name) {
            try write(page, into: sandbox)
        }
        let weather = try #require(try runBounded(sandbox, ["weather", "--format", "json"]))
        let readings = try weather.json([Reading].self)
        // Only the plausible reading: `-0 C` is 0; infinities, NaN and 999999 F are not weather.
        #expect(readings.map(\.region) == ["Zeroland"])
        #expect(readings.first { $0.region == "Zeroland" }?.celsius == 0)
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        let dates = try #require(try list.json([ListedArticle].self).first { $0.headline == "Dates gone wrong" })
        #expect(dates.date == nil)
    }

    /// Feeds: nothing outside the document is read or fetched, and no entity is expanded a
    /// billion times; the rest of the store still loads.
    @Test func feedEntitiesStayUnexpanded() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        for page in HostilePage.small where page.name.hasPrefix("feed-") { try write(page, into: sandbox) }
        try sandbox.write(String(decoding: HostilePage.page(headline: "Plain page"), as: UTF8.self), to: "plain.txt")
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        let articles = try list.json([ListedArticle].self)
        #expect(articles.map(\.headline).contains("Plain page"))
        var everything = list.stdout
        for article in articles {
            everything += try runBounded(sandbox, ["show", article.id, "--format", "json"])?.stdout ?? ""
        }
        #expect(!everything.contains("root:x:0:0"), "the contents of /etc/passwd reached the output")
        #expect(!everything.contains("lollollollollollollollollollol"), "an entity was expanded")
        #expect(everything.utf8.count < 1 << 20)
    }

    // MARK: - Helpers

    private func write(_ page: HostilePage, into sandbox: Sandbox) throws {
        let url = sandbox.store.appendingPathComponent(page.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(page.bytes).write(to: url)
    }

    /// list, weather, categories, doctor and show of every article (at most `shows`), text and JSON.
    private func checkCommands(on page: HostilePage, shows: Int = 20, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try write(page, into: sandbox)

        var runs: [[String]] = [["list"], ["weather"], ["weather", "--format", "json"], ["doctor"]]
        if shows > 2 {  // the small pages: every command and form
            runs += [["categories"], ["categories", "--format", "json"], ["list", "--verbose"]]
        }
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"], sourceLocation: sourceLocation))
        let articles = try list.json([ListedArticle].self)
        if let headline = page.headline {
            #expect(articles.contains { $0.headline == headline && $0.kind == "article" },
                    "\(articles.prefix(3).map(\.headline))", sourceLocation: sourceLocation)
        }
        for article in articles.prefix(shows) {
            runs += [["show", article.id], ["show", article.id, "--format", "json"]]
        }
        for arguments in runs {
            guard let result = try runBounded(sandbox, arguments, sourceLocation: sourceLocation) else { continue }
            #expect(result.status == 0, "tidings \(arguments): \(result.stderr.prefix(300))", sourceLocation: sourceLocation)
            for (stream, bytes) in [("stdout", result.stdoutData), ("stderr", Data(result.stderr.utf8))] {
                if let problem = TerminalSafety.problem(inOutput: bytes) {
                    Issue.record("tidings \(arguments) \(stream): \(problem)", sourceLocation: sourceLocation)
                }
            }
            if arguments.contains("json") {
                for string in try jsonStrings(result.stdoutData) {
                    if let bad = TerminalSafety.firstForbidden(in: string) {
                        Issue.record("tidings \(arguments): JSON string holds U+\(String(bad.scalar.value, radix: 16))",
                                     sourceLocation: sourceLocation)
                        break
                    }
                }
            }
        }
    }
}

/// Runs the binary, killing it (and recording an issue) when it outlives the hang guard; a
/// crash (death by a signal) is recorded too. Returns nil when it had to be killed.
func runBounded(_ sandbox: Sandbox, _ arguments: [String], seconds: TimeInterval = HostileInputTests.hangGuard,
                useSandboxPaths: Bool = true, environment: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult? {
    let running = try sandbox.start(arguments, useSandboxPaths: useSandboxPaths, environment: environment, sourceLocation: sourceLocation)
    let deadline = Date().addingTimeInterval(seconds)
    while running.process.isRunning && Date() < deadline { usleep(10_000) }
    if running.process.isRunning {
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        Issue.record("tidings \(brief(arguments)) still running after \(Int(seconds)) s", sourceLocation: sourceLocation)
        return nil
    }
    let result = running.wait()
    if running.process.terminationReason == .uncaughtSignal {
        Issue.record("tidings \(brief(arguments)) died of signal \(result.status): \(result.stderr.prefix(500))",
                     sourceLocation: sourceLocation)
    }
    return result
}

/// Arguments for a message: thousands of ids are cut to the first few and a count.
func brief(_ arguments: [String]) -> String {
    arguments.count <= 6 ? arguments.joined(separator: " ")
        : arguments.prefix(4).joined(separator: " ") + " ... (\(arguments.count) arguments)"
}
