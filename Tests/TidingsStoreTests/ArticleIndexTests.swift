import Foundation
import GRDB
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

/// A store, a state file and an index file in one temporary folder.
final class IndexSandbox: @unchecked Sendable {
    let root: URL
    let store: TemporaryStore
    var statePath: URL { root.appendingPathComponent("state/state.sqlite") }
    var indexPath: URL { ArticleIndex.defaultPath(forState: statePath) }

    init() throws {
        root = try makeTemporaryDirectory("tidings-index")
        store = try TemporaryStore("tidings-index-store")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The read state (created), and an index reading marks from it.
    func open(parsers: [any PageFileParser] = [TextPageParser()], rules: CategoryRules = .builtIn,
              store storeURL: URL? = nil) throws -> (ArticleIndex, ReadStateStore) {
        let state = try ReadStateStore(path: statePath)
        let index = try ArticleIndex(path: indexPath, store: storeURL ?? store.url, categoryRules: rules,
                                     parsers: parsers, marks: .database(statePath))
        return (index, state)
    }

    func index(parsers: [any PageFileParser] = [TextPageParser()], rules: CategoryRules = .builtIn) throws -> ArticleIndex {
        try open(parsers: parsers, rules: rules).0
    }

    /// Copies the demo pages (every page variation the team wrote, teasers pointing at each other).
    func copyDemoPages() throws {
        let demo = Library.demo().storeURL
        let files = FileManager.default.enumerator(at: demo, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "txt" {
            let relative = String(file.standardizedFileURL.path.dropFirst(demo.path.count + 1))
            try store.copy(file, to: relative)
        }
    }
}

/// A text parser whose version the test chooses, counting what it parses.
final class VersionedParser: PageFileParser, @unchecked Sendable {
    let version: String
    private let lock = NSLock()
    private var _parsed: [String] = []
    var parsed: [String] { lock.withLock { _parsed } }

    init(version: String) { self.version = version }

    func accepts(path: String) -> Bool { TextPageParser().accepts(path: path) }
    func parse(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        lock.withLock { _parsed.append(path) }
        return try TextPageParser().parse(bytes, path: path)
    }
}

private func headlines(_ index: ArticleIndex, _ filter: ArticleFilter = ArticleFilter(),
                       sort: ArticleSort = .newest) throws -> [String] {
    try index.articles(filter, sort: sort).map(\.article.headline)
}

@Suite struct ArticleIndexTests {
    let sandbox: IndexSandbox
    init() throws { sandbox = try IndexSandbox() }

    @Test func mergesExactlyAsTheLibraryDoes() throws {
        try sandbox.copyDemoPages()
        // Extra cases: the same page stored twice (earliest date wins, newest copy speaks),
        // a teaser seen before its page, a page in a folder.
        try sandbox.store.write("copy-a.txt", TemporaryStore.page(date: "Monday, 10 November 2025", headline: "Twice stored story",
                                                               standfirst: "Old copy.", teasers: [("Later page", "Teaser summary.")]))
        try sandbox.store.write("copy-b.txt", TemporaryStore.page(date: "Friday, 14 November 2025", weather: [("12 C", "Oslo")],
                                                               headline: "Twice stored story", standfirst: "New copy."))
        try sandbox.store.write("Travel/later.txt", TemporaryStore.page(date: "Saturday, 15 November 2025", headline: "Later page"))
        let library = Library(store: sandbox.store.url)
        library.scan()
        let index = try sandbox.index()
        let report = try index.refresh(batchSize: 3)
        #expect(report.added == 14 && report.skipped == 0)
        #expect(try index.articles().map(\.article) == library.articles)
        #expect(try index.weather() == library.weather)
        #expect(try index.categories().map(\.name) == library.categories)
        #expect(try index.newestDate() == library.newestDate)

        let twice = try #require(try index.articles().first { $0.article.headline == "Twice stored story" }?.article)
        #expect(twice.summary == "New copy.")
        #expect(twice.date == CivilDate(year: 2025, month: 11, day: 10))
        let later = try #require(try index.articles().first { $0.article.headline == "Later page" }?.article)
        #expect(later.kind == .article)
        #expect(later.category == "Travel")
        #expect(later.date == CivilDate(year: 2025, month: 11, day: 10))
    }

    /// Many pages, dates, folders, teasers and headline spellings of the same id, changed in
    /// several rounds: after every refresh the index equals a fresh Library of the same store.
    @Test(arguments: [1, 4, 25])
    func staysEqualToTheLibraryThroughChanges(batchSize: Int) throws {
        var random = SplitMix(state: 42)
        func next(_ n: Int) -> Int { random.below(n) }
        let dates = ["Monday, 3 November 2025", "Tuesday, 4 November 2025", "Saturday, November 8, 2025",
                     "Sunday, 9 November 2025", "Tuesday, 4 November 2025"]
        let folders = ["", "", "Tech/", "World/", "Food/"]
        func headline(_ i: Int) -> String {
            // Two spellings of one id: the newest copy of a page speaks for it.
            next(3) == 0 ? "STORY number \(i)!" : "Story number \(i)"
        }
        func write(_ i: Int) throws {
            let teasers = (0..<next(4)).map { _ in
                let t = next(50)  // pages 40..49 are never stored: teasers only
                return (headline(t), next(2) == 0 ? "Teaser summary \(t)." : nil) as (String, String?)
            }
            try sandbox.store.write("\(folders[next(folders.count)])p\(i)-\(next(3)).txt", TemporaryStore.page(
                date: dates[next(dates.count)], weather: [("\(20 + next(10)) C", ["Oslo", "Rome", "Lima"][next(3)])],
                headline: headline(i), standfirst: "Summary of \(i), version \(next(4)).", teasers: teasers))
        }
        for i in 0..<40 { try write(i) }
        try write(3)
        try write(7)  // second copies of some pages
        let index = try sandbox.index()
        let library = Library(store: sandbox.store.url)  // lives through the same history
        // A teaser's text is the first one seen (as MergeTable keeps it), which depends on the
        // order files came and went: compared for pages only. Everything else must be equal.
        func comparable(_ a: Article) -> Article {
            var a = a
            if a.kind == .teaser { a.headline = ""; a.summary = nil }
            return a
        }
        func check(_ round: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            library.scan()
            let got = Set(try index.articles().map { comparable($0.article) })
            let want = Set(library.articles.map(comparable))
            #expect(got == want, "\(round): \(got.subtracting(want)) vs \(want.subtracting(got))", sourceLocation: sourceLocation)
            #expect(try index.weather() == library.weather, "\(round)", sourceLocation: sourceLocation)
        }
        try index.refresh(batchSize: batchSize)
        try check("first refresh")
        for round in 0..<3 {
            let files = try FileManager.default.subpathsOfDirectory(atPath: sandbox.store.url.path)
                .filter { $0.hasSuffix(".txt") }.sorted()
            for (k, path) in files.enumerated() where k % 7 == round {
                try sandbox.store.delete(path)
            }
            for _ in 0..<6 { try write(next(45)) }
            try index.refresh(batchSize: batchSize)
            try check("round \(round)")
        }
    }

    @Test func aPageAddedChangedAndRemoved() throws {
        try sandbox.store.write("a.txt", TemporaryStore.page(headline: "First story", teasers: [("Second story", "Seen as a teaser.")]))
        let index = try sandbox.index()
        var report = try index.refresh()
        #expect(report.added == 1)
        #expect(try index.articles().map(\.article.kind) == [.article, .teaser])

        try sandbox.store.write("b.txt", TemporaryStore.page(date: "Wednesday, 5 November 2025", headline: "Second story",
                                                          standfirst: "Now a full page."))
        report = try index.refresh()
        #expect(report.added == 1 && report.unchanged == 1 && report.changed == 0)
        let second = try #require(try index.articles().first { $0.article.headline == "Second story" }?.article)
        #expect(second.kind == .article)
        #expect(second.summary == "Now a full page.")
        #expect(second.date == CivilDate(year: 2025, month: 11, day: 4))  // the teaser was seen first

        try sandbox.store.write("a.txt", TemporaryStore.page(headline: "First story, corrected"))
        try sandbox.store.touch("a.txt", secondsAgo: -5)
        report = try index.refresh()
        #expect(report.changed == 1 && report.unchanged == 1)
        #expect(Set(try headlines(index)) == ["First story, corrected", "Second story"])
        let again = try #require(try index.articles().first { $0.article.headline == "Second story" }?.article)
        #expect(again.date == CivilDate(year: 2025, month: 11, day: 5))  // the teaser is gone

        try sandbox.store.delete("b.txt")
        report = try index.refresh()
        #expect(report.removed == 1)
        #expect(try headlines(index) == ["First story, corrected"])
        #expect(try index.refresh() == { var r = IndexRefreshReport(); r.unchanged = 1; return r }())
    }

    /// A warm refresh compares the walk with the files table as it goes, both in byte order of
    /// the path: names around "/" ("a-b.txt" sorts before "a/", "a0.txt" after it) and folders
    /// added or removed whole must not put them out of step.
    @Test func aWarmRefreshInStepWithTheWalkAcrossFolders() throws {
        func page(_ headline: String) -> String { TemporaryStore.page(headline: headline) }
        for path in ["a-b.txt", "a/x.txt", "a/y/z.txt", "a0.txt", "a.txt", "b/c.txt", "é.txt", "Z.txt", "zz/last.txt"] {
            try sandbox.store.write(path, page("Story \(path)"))
        }
        let parser = VersionedParser(version: "text-1")
        let index = try sandbox.open(parsers: [parser]).0
        #expect(try index.refresh().added == 9)
        var report = try index.refresh()
        #expect(report.unchanged == 9 && report.parsed == 0 && report.removed == 0)

        try sandbox.store.write("a/y/new.txt", page("Story new"))
        try sandbox.store.write("a-c.txt", page("Story a-c"))
        try sandbox.store.write("a/x.txt", page("Story a/x, corrected"))
        try sandbox.store.touch("a/x.txt", secondsAgo: -5)
        try FileManager.default.removeItem(at: sandbox.store.url.appendingPathComponent("b"))
        try sandbox.store.delete("a0.txt")
        try sandbox.store.delete("zz/last.txt")  // after the walk's last file
        let parsedBefore = parser.parsed.count
        report = try index.refresh()
        #expect(report.added == 2 && report.changed == 1 && report.removed == 3 && report.unchanged == 5)
        #expect(Set(parser.parsed.dropFirst(parsedBefore)) == ["a/y/new.txt", "a-c.txt", "a/x.txt"])
        #expect(Set(try headlines(index)) == ["Story a-b.txt", "Story a/x, corrected", "Story a/y/z.txt", "Story a.txt",
                                              "Story é.txt", "Story Z.txt", "Story new", "Story a-c"])
        report = try index.refresh()
        #expect(report.unchanged == 8 && report.parsed == 0 && report.removed == 0)
    }

    @Test func theStreamedWalkComesInByteOrderOfThePath() throws {
        for path in ["a-b.txt", "a/x.txt", "a/y/z.txt", "a0.txt", "a.txt", "ab/c.txt", "é.txt", "Z.txt", ".hidden.txt"] {
            try sandbox.store.write(path, "x")
        }
        var paths: [String] = []
        let problems = StoreWalker.stream(root: sandbox.store.url.path) { paths.append($0.path) }
        #expect(problems.isEmpty)
        #expect(paths == ["Z.txt", "a-b.txt", "a.txt", "a/x.txt", "a/y/z.txt", "a0.txt", "ab/c.txt", "é.txt"])
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(paths) == Set(StoreWalker.list(root: sandbox.store.url.path).files.map(\.path)))
    }

    @Test func aMovedStoreKeepsItsIndex() throws {
        try sandbox.copyDemoPages()
        let parser = VersionedParser(version: "text-1")
        var (index, _) = try sandbox.open(parsers: [parser])
        try index.refresh()
        let before = try index.articles()
        let moved = sandbox.root.appendingPathComponent("moved-store")
        try FileManager.default.moveItem(at: sandbox.store.url, to: moved)
        defer { try? FileManager.default.moveItem(at: moved, to: sandbox.store.url) }
        let parsedBefore = parser.parsed.count
        (index, _) = try sandbox.open(parsers: [parser], store: moved)
        let report = try index.refresh()
        #expect(report.parsed == 0 && report.removed == 0)
        #expect(parser.parsed.count == parsedBefore)
        #expect(try index.articles() == before)
        #expect(try index.body(of: before[0].article).blocks.isEmpty == false)
    }

    @Test func aDeletedIndexIsRebuiltAndMarksSurvive() throws {
        try sandbox.copyDemoPages()
        var (index, state) = try sandbox.open()
        try index.refresh()
        let first = try index.articles()[0].article.id
        try state.setRead([first], read: true)
        let before = try index.articles()
        #expect(before[0].isRead)

        try ArticleIndex.discard(at: sandbox.indexPath)
        #expect(!FileManager.default.fileExists(atPath: sandbox.indexPath.path))
        (index, state) = try sandbox.open()
        #expect(try index.articles().isEmpty)
        #expect(try index.refresh().added > 0)
        #expect(try index.articles() == before)
        #expect(try state.readIDs() == [first])
    }

    @Test func aDamagedIndexCarryingTheMarkIsDiscardedAndRebuilt() throws {
        try sandbox.copyDemoPages()
        let before: [IndexedArticle]
        do {
            let (index, _) = try sandbox.open()
            try index.refresh()
            before = try index.articles()
        }  // its connections close here
        let bytes = try Data(contentsOf: sandbox.indexPath)
        try ArticleIndex.discard(at: sandbox.indexPath)
        // A valid header (with Tidings' mark), then garbage where the tables were.
        var damaged = bytes.prefix(100)
        damaged.append(Data(repeating: 0xA5, count: max(8192, bytes.count - 100)))
        try damaged.write(to: sandbox.indexPath)
        let (index, _) = try sandbox.open()
        #expect(index.discardedBecause != nil)
        try index.refresh()
        #expect(try index.articles() == before)
    }

    /// Only a file with Tidings' mark is ever deleted or rebuilt: a text file or another program's
    /// database at the index's place is refused (`.foreign`) and left byte for byte as it was.
    @Test(arguments: ["text", "junk", "another database", "another database with user_version 11"])
    func aFileTidingsDidNotMakeIsLeftAlone(kind: String) throws {
        try sandbox.copyDemoPages()
        _ = try ReadStateStore(path: sandbox.statePath)
        try FileManager.default.createDirectory(at: sandbox.indexPath.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch kind {
        case "text":
            try Data("my notes, not an index\n".utf8).write(to: sandbox.indexPath)
        case "junk":
            try Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: sandbox.indexPath)
        default:
            let other = try DatabaseQueue(path: sandbox.indexPath.path)
            try other.write { db in
                try db.execute(sql: "CREATE TABLE files (path TEXT, size INTEGER)")
                try db.execute(sql: "INSERT INTO files VALUES ('mine', 1)")
                if kind.hasSuffix("11") { try db.execute(sql: "PRAGMA user_version = 11") }
            }
            try other.close()
        }
        let bytes = try Data(contentsOf: sandbox.indexPath)
        #expect(throws: ArticleIndexError.self) { _ = try sandbox.open() }
        do {
            _ = try sandbox.open()
        } catch let error as ArticleIndexError {
            #expect(error.kind == .foreign)
            #expect(error.description.contains(sandbox.indexPath.path))
        }
        #expect(try Data(contentsOf: sandbox.indexPath) == bytes)
    }

    /// An index made before the mark existed (the last unmarked layout, exactly its tables and
    /// user_version) is Tidings' own: kept (not rebuilt) and marked.
    @Test func anUnmarkedIndexOfTheLastLayoutIsAdoptedAndMarked() throws {
        try sandbox.copyDemoPages()
        let before: [IndexedArticle]
        do {
            let (index, _) = try sandbox.open()
            try index.refresh()
            before = try index.articles()
        }
        func mark() throws -> Int32 {
            try DatabaseQueue(path: sandbox.indexPath.path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id")! }
        }
        #expect(try mark() == IndexOwnership.applicationID)
        // The layout of that time: its user_version, unmarked.
        try DatabaseQueue(path: sandbox.indexPath.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "PRAGMA user_version = \(IndexOwnership.legacyVersion)")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        #expect(try mark() == 0)
        let (index, _) = try sandbox.open()
        // Ours, so Tidings may rebuild it in today's layout (an older version is never migrated).
        if IndexSchema.version == IndexOwnership.legacyVersion {
            #expect(index.discardedBecause == nil)
            #expect(try index.refresh().added == 0)
        } else {
            #expect(index.discardedBecause != nil)
            _ = try index.refresh()
        }
        #expect(try index.articles() == before)
        #expect(try mark() == IndexOwnership.applicationID)
    }

    @Test func twoIndexesRefreshingAtOnceAgree() async throws {
        for i in 0..<120 {
            try sandbox.store.write("p\(i).txt", TemporaryStore.page(
                headline: "Story number \(i)", teasers: [("Story number \((i + 1) % 120)", "Teaser \(i).")]))
        }
        _ = try ReadStateStore(path: sandbox.statePath)
        let a = try sandbox.index()
        let b = try sandbox.index()  // its own connections, as another process has
        async let ra = Task.detached { try a.refresh(batchSize: 7) }.value
        async let rb = Task.detached { try b.refresh(batchSize: 5) }.value
        let (reportA, reportB) = try await (ra, rb)
        #expect(reportA.added + reportB.added >= 120)
        #expect(reportA.added + reportA.unchanged == 120)
        #expect(reportB.added + reportB.unchanged == 120)
        let rows = try a.articles()
        #expect(rows.count == 120)
        #expect(rows.allSatisfy { $0.article.kind == .article })
        #expect(try b.articles() == rows)
        #expect(try a.refresh().unchanged == 120)
    }

    @Test func aNewParserVersionReparsesEveryFile() throws {
        try sandbox.copyDemoPages()
        let v1 = VersionedParser(version: "text-1")
        try sandbox.index(parsers: [v1]).refresh()
        let files = v1.parsed.count
        #expect(files > 5)
        #expect(try sandbox.index(parsers: [v1]).refresh().parsed == 0)
        let v2 = VersionedParser(version: "text-2")
        let index = try sandbox.index(parsers: [v2])
        let report = try index.refresh()
        #expect(report.changed == files)
        #expect(Set(v2.parsed) == Set(v1.parsed))
    }

    @Test func newCategoryRulesRecategorise() throws {
        try sandbox.store.write("a.txt", TemporaryStore.page(headline: "Hawker centre serves record crowds"))
        try sandbox.index().refresh()
        #expect(try sandbox.index().categories().map(\.name) == ["Food"])
        let rules = CategoryRules([("Markets", ["hawker"])])
        let index = try sandbox.index(rules: rules)
        #expect(try index.refresh().parsed == 0)
        #expect(try index.categories().map(\.name) == ["Markets"])
    }

    @Test func refreshReportsProgressAndCanBeCancelled() throws {
        for i in 0..<30 { try sandbox.store.write("p\(i).txt", TemporaryStore.page(headline: "Story \(i)")) }
        let index = try sandbox.index()
        var seen: [IndexProgress] = []
        let report = try index.refresh(batchSize: 10, progress: { seen.append($0) },
                                       isCancelled: { seen.count >= 2 })
        #expect(report.cancelled)
        #expect(report.added == 10)
        #expect(try index.counts().total == 10)  // the first batch is committed and visible
        #expect(seen == [IndexProgress(done: 0, total: 30), IndexProgress(done: 10, total: 30)])
        seen = []
        let rest = try index.refresh(batchSize: 10, progress: { seen.append($0) })
        #expect(rest.added == 20 && rest.unchanged == 10 && !rest.cancelled)
        #expect(seen.last == IndexProgress(done: 30, total: 30))
        #expect(try index.counts().total == 30)
    }

    @Test func skippedFilesAreListedWithReasons() throws {
        try sandbox.store.write("good.txt", TemporaryStore.page(headline: "Good"))
        try sandbox.store.write("empty.txt", "")
        try sandbox.store.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47])
        let index = try sandbox.index()
        let report = try index.refresh()
        #expect(report.added == 1 && report.skipped == 2)
        #expect(try index.skipped().map(\.path) == ["empty.txt", "image.png"])
        #expect(try index.refresh().skipped == 2)
    }
}

/// A first run shows articles at once even when the store's first file is a big feed: the first
/// batch is the smallest files, and a batch stops before a file that would take it past its
/// byte limit (2 MiB for the first, 16 MiB after), unless that file is alone.
@Test func theFirstBatchIsTheSmallestFilesAndBatchesStayUnderTheirLimit() {
    let sizes: [Int64] = [33 << 20, 16 << 20, 1 << 20, 700 << 10, 5 << 20, 2 << 20]
    let todo = sizes.enumerated().map { StoreWalker.Entry(path: "f\($0.offset).xml", size: $0.element, mtime: 0) }
    let ordered = ArticleIndex.quickFirst(todo, batchSize: 200)
    #expect(ordered.map(\.path) == ["f2.xml", "f3.xml", "f0.xml", "f1.xml", "f4.xml", "f5.xml"])
    let batches = ArticleIndex.batches(ordered, batchSize: 200, growingTo: 10)
    #expect(batches.map { $0.map(\.path) } == [["f2.xml", "f3.xml"], ["f0.xml"], ["f1.xml"], ["f4.xml", "f5.xml"]])
    // By count when the files are small: 3, then doubling up to ten times 3.
    let small = (0..<100).map { StoreWalker.Entry(path: String(format: "p%03d.txt", $0), size: 10_000, mtime: 0) }
    #expect(ArticleIndex.quickFirst(small, batchSize: 3).map(\.path) == small.map(\.path))
    #expect(ArticleIndex.batches(small, batchSize: 3, growingTo: 10).map(\.count) == [3, 6, 12, 24, 30, 25])
}

/// A file's readings come back from their stored form exactly, in order, and a cut value gives
/// what it holds before the cut.
@Test func readingsSurviveTheirStoredForm() {
    let readings: [(region: String, celsius: Double)] = [("Oslo", -3.5), ("", 0), ("Zürich 日本", 28.7), ("Oslo", -0.0),
                                                          ("Lima", 1e-300), ("Rome", 31.000000000000004)]
    let blob = ReadingsBlob.encode(readings)
    let back = ReadingsBlob.decode(blob)
    #expect(back.map(\.region) == readings.map(\.region))
    #expect(back.map(\.celsius.bitPattern) == readings.map(\.celsius.bitPattern))
    #expect(ReadingsBlob.decode(blob.prefix(blob.count - 1)).map(\.region) == ["Oslo", "", "Zürich 日本", "Oslo", "Lima"])
    #expect(ReadingsBlob.decode(Data([0xFF, 0xFF, 0xFF, 0xFF, 1])).isEmpty)
    #expect(ReadingsBlob.decode(Data()).isEmpty)
}
