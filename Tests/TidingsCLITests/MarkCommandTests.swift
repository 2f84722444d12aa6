import Foundation
import Testing
import TidingsModel

/// Marks written by one process are seen by the next; concurrent processes lose nothing.
@Suite struct MarkCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try FixtureStore.write(into: sandbox)
    }

    private func listed(_ extra: [String] = []) throws -> [ListedArticle] {
        try sandbox.run(["list", "--format", "json"] + extra).json([ListedArticle].self)
    }

    @Test func aMarkIsSeenByTheNextProcess() throws {
        let mark = try sandbox.run(["mark", String(FixtureStore.robotsID.prefix(8))])
        #expect(mark.status == 0, "\(mark.stderr)")
        #expect(mark.stdout.contains("Marked read"))
        #expect(mark.stdout.contains(String(FixtureStore.robotsID.prefix(8))))

        let all = try listed()
        #expect(all.first { $0.id == FixtureStore.robotsID }?.read == true)
        #expect(all.filter { $0.id != FixtureStore.robotsID }.allSatisfy { !$0.read })
        let unread = try listed(["--unread"])
        #expect(!unread.map(\.id).contains(FixtureStore.robotsID))
        #expect(unread.count == all.count - 1)

        let shown = try sandbox.run(["show", FixtureStore.robotsID, "--format", "json"]).json(ShownArticle.self)
        #expect(shown.read == true)
        // The marks live in the state file given with --state.
        #expect(FileManager.default.fileExists(atPath: sandbox.state.path))
    }

    @Test func markSeveralThenUnmarkOne() throws {
        let json = try sandbox.run(["mark", FixtureStore.robotsID, FixtureStore.hawkerID, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let marked = try json.json([ListedArticle].self)
        #expect(marked.map(\.id) == [FixtureStore.robotsID, FixtureStore.hawkerID])
        #expect(marked.allSatisfy { $0.read })

        let undo = try sandbox.run(["mark", "--unread", FixtureStore.hawkerID])
        #expect(undo.status == 0)
        #expect(undo.stdout.contains("Marked unread"))
        let unread = try listed(["--unread"]).map(\.id)
        #expect(unread.contains(FixtureStore.hawkerID))
        #expect(!unread.contains(FixtureStore.robotsID))

        // Marking again is harmless.
        #expect(try sandbox.run(["mark", FixtureStore.robotsID]).status == 0)
        #expect(try listed().first { $0.id == FixtureStore.robotsID }?.read == true)
    }

    @Test func starAndUnstarKeepTheReadMarkAndShowInJSONAndText() throws {
        struct Starred: Decodable { var id: String; var read: Bool; var starred: Bool }
        let star = try sandbox.run(["mark", "--star", FixtureStore.robotsID, "--format", "json"])
        #expect(star.status == 0, "\(star.stderr)")
        #expect(try star.json([Starred].self).map { [$0.read, $0.starred] } == [[false, true]])

        let rows = try sandbox.run(["list", "--format", "json"]).json([Starred].self)
        #expect(rows.filter(\.starred).map(\.id) == [FixtureStore.robotsID])
        #expect(rows.allSatisfy { !$0.read })
        let text = try sandbox.run(["list"]).stdout
        let line = try #require(text.split(separator: "\n").first { $0.contains(FixtureStore.robotsID.prefix(8)) })
        #expect(line.contains("★"))
        #expect(try sandbox.run(["show", FixtureStore.robotsID, "--format", "json"]).json(Starred.self).starred)

        #expect(try sandbox.run(["mark", "--unstar", FixtureStore.robotsID]).status == 0)
        #expect(try sandbox.run(["list", "--format", "json"]).json([Starred].self).allSatisfy { !$0.starred })
        #expect(try sandbox.run(["mark", "--star", "--unread", FixtureStore.robotsID]).status == 64)
    }

    @Test func oneUnknownIDMarksNothing() throws {
        let result = try sandbox.run(["mark", FixtureStore.robotsID, "0000ffff0000ffff"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("0000ffff0000ffff"))
        #expect(try listed().allSatisfy { !$0.read })
    }

    @Test func marksSurviveARestoredPage() throws {
        #expect(try sandbox.run(["mark", FixtureStore.hawkerID]).status == 0)
        // The same page stored again on a later day, in another file.
        try sandbox.write(FixtureStore.foodPage.replacingOccurrences(of: "Saturday, November 8, 2025",
                                                                     with: "Monday, November 10, 2025"),
                          to: "Food/2025-11-10-hawker-again.txt")
        let hawker = try #require(try listed().first { $0.id == FixtureStore.hawkerID })
        #expect(hawker.read)
    }

    @Test func concurrentProcessesLoseNoMarks() throws {
        // Extra articles so each process has its own ids to mark.
        var teasers = ""
        var ids: [String] = []
        for n in 0..<8 {
            let headline = "Extra story number \(n) for the concurrency test"
            teasers += "\(headline)\n\nSummary of extra story \(n).\n\n"
            ids.append(ArticleID(headline: headline).rawValue)
        }
        try sandbox.write("Monday, 10 November 2025\n\nHost page for extra stories\n\nA summary.\n\nBody text of the host page.\n\nHot this week\n\n\(teasers)Related Articles\n",
                          to: "Tech/extra.txt")
        // Four rounds of two processes started together, each marking different ids.
        for round in 0..<4 {
            let a = try sandbox.start(["mark", ids[round * 2]])
            let b = try sandbox.start(["mark", ids[round * 2 + 1]])
            let (ra, rb) = (a.wait(), b.wait())
            #expect(ra.status == 0, "\(ra.stderr)")
            #expect(rb.status == 0, "\(rb.stderr)")
        }
        let read = Set(try listed().filter(\.read).map(\.id))
        #expect(read == Set(ids))
    }
}
