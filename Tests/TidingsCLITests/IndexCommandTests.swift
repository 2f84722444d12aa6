import Foundation
import Testing
import TidingsModel
@testable import TidingsCLI

/// The commands read through the on-disk index beside the state (issue 5), run as a user would.
@Suite struct IndexCommandTests {
    let sandbox: Sandbox
    var indexPath: String { sandbox.state.deletingLastPathComponent().appendingPathComponent("index.sqlite").path }

    init() throws {
        sandbox = try Sandbox()
        try FixtureStore.write(into: sandbox)
    }

    private func listed(_ extra: [String] = []) throws -> [ListedArticle] {
        let result = try sandbox.run(["list", "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.json([ListedArticle].self)
    }

    @Test func theIndexIsBuiltBesideTheStateWithoutCreatingTheState() throws {
        let first = try listed()
        #expect(FileManager.default.fileExists(atPath: indexPath))
        #expect(!FileManager.default.fileExists(atPath: sandbox.state.path))
        #expect(try listed() == first)
        let doctor = try sandbox.run(["doctor"]).stdout
        #expect(doctor.contains(indexPath))
        #expect(doctor.contains("0 added, 0 changed, 0 removed"))
    }

    @Test func searchAlsoMatchesBodyText() throws {
        // "collar" is only in the robots page's body.
        #expect(try listed(["--search", "collar"]).map(\.id) == [FixtureStore.robotsID])
        #expect(try listed(["--search", "COLLAR sleeves"]).map(\.id) == [FixtureStore.robotsID])
        #expect(try listed(["--search", "collar", "--category", "food"]).isEmpty)
    }

    @Test func aNewPageShowsOnTheNextRun() throws {
        #expect(try listed().count == 3)
        try sandbox.write(TemporaryPage.text(headline: "Ferry services resume after the storm"), to: "World/ferry.txt")
        let after = try listed()
        #expect(after.count == 4)
        #expect(after.contains { $0.headline == "Ferry services resume after the storm" && $0.category == "World" })
        try FileManager.default.removeItem(at: sandbox.store.appendingPathComponent("World/ferry.txt"))
        #expect(try listed().count == 3)
    }

    @Test func aDeletedOrDamagedIndexIsRebuiltAndMarksStay() throws {
        #expect(try sandbox.run(["mark", FixtureStore.robotsID]).status == 0)
        let before = try listed()
        #expect(before.first { $0.id == FixtureStore.robotsID }?.read == true)

        try FileManager.default.removeItem(atPath: indexPath)
        #expect(try listed() == before)

        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: indexPath + suffix) }
        try Data(repeating: 0x5A, count: 40_000).write(to: URL(fileURLWithPath: indexPath))
        #expect(try listed() == before)
        let doctor = try sandbox.run(["doctor"])
        #expect(doctor.stdout.contains("ok, 1 marked read"))
    }

    @Test func twoProcessesAtOnceBothSucceed() throws {
        try FileManager.default.createDirectory(at: sandbox.store.appendingPathComponent("Bulk"), withIntermediateDirectories: true)
        for i in 0..<300 {
            try sandbox.write(TemporaryPage.text(headline: "Bulk story number \(i)"), to: "Bulk/\(i).txt")
        }
        let a = try sandbox.start(["list", "--format", "json"])
        let b = try sandbox.start(["categories", "--format", "json"])
        let ra = a.wait(), rb = b.wait()
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        #expect(try ra.json([ListedArticle].self).count == 303)
        let bulk = try rb.json([CategoryCount].self).first { $0.name == "Bulk" }
        #expect(bulk == CategoryCount(name: "Bulk", articles: 300, unread: 300))
    }
}

enum TemporaryPage {
    static func text(headline: String) -> String {
        """
        Friday, 7 November 2025
        29.0 C
        Singapore

        \(headline)

        A one-sentence summary of what happened.

        The first paragraph of the story.
        """
    }
}
