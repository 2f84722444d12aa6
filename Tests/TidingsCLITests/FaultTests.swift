import Foundation
import Testing
import TestSupport
import TidingsModel
import TidingsStore

/// Faults injected from outside: a mark process killed with SIGKILL at many points of its run,
/// and stores that change, loop or misbehave while they are scanned.
@Suite(.serialized) struct FaultTests {
    // MARK: - kill -9 while marking

    /// A page whose teasers are so many articles, so that one `mark` writes thousands of ids.
    static func manyArticlesPage(count: Int) -> String {
        var text = "Tuesday, 4 November 2025\n\nThe page that points at everything\n\nIts summary.\n\nHot this week\n\n"
        for n in 0..<count { text += "Teaser headline number \(n)\nTeaser number \(n) has a summary.\n" }
        return text
    }

    /// Size and modification time of a file, to see a write start.
    static func stamp(_ path: String) -> [Int] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }

    /// `tidings mark` of 2,000 ids killed with SIGKILL as soon as its write reaches the WAL, and
    /// at growing delays after: every time, either all 2,000 marks are saved or none, the 100
    /// earlier marks are all there, and the file is never taken for broken. (2,000 rather than
    /// 5,000 ids: swift-argument-parser takes time quadratic in the number of arguments, about
    /// 15 s for 5,000 in a debug build, and the write is what this test is about.)
    @Test func aMarkKilledDuringItsWriteSavesAllOrNothingAndKeepsEarlierMarks() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(Self.manyArticlesPage(count: 2_100), to: "many.txt")
        let listed = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        let ids = try listed.json([ListedArticle].self).map(\.id)
        #expect(ids.count == 2_101)
        let earlier = Array(ids.prefix(100)), batch = Array(ids.dropFirst(100).prefix(2_000))
        let marked = try #require(try runBounded(sandbox, ["mark"] + earlier))
        #expect(marked.status == 0, "\(marked.stderr)")

        let before = Set(earlier)
        let after = before.union(batch)
        let wal = sandbox.state.path + "-wal"
        var outcomes: [String: Int] = [:]
        for delay in [0, 0, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000] as [useconds_t] {
            do {  // Undo the batch so that each kill can land on a write.
                let state = try ReadStateStore(path: sandbox.state)
                try state.setRead(batch.compactMap(ArticleID.init(rawValue:)), read: false)
            }
            let walBefore = Self.stamp(wal)
            let running = try sandbox.start(["mark"] + batch)
            let deadline = Date().addingTimeInterval(HostileInputTests.hangGuard)
            // Opening creates an empty WAL; the write starts when it grows.
            func writing() -> Bool { let now = Self.stamp(wal); return now != walBefore && (now.first ?? 0) > 0 }
            while running.process.isRunning && !writing() && Date() < deadline { usleep(100) }
            if delay > 0 { usleep(delay) }
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()

            let state = try ReadStateStore(path: sandbox.state)
            #expect(state.setAside == nil, "a killed writer must not leave a file taken for broken")
            let read = Set(try state.readIDs().map(\.rawValue))
            #expect(read == before || read == after, "killed \(delay) µs into the write: \(read.count) marked")
            outcomes[read == after ? "all" : read == before ? "none" : "partial", default: 0] += 1
        }
        // The next process sees and changes the same state, with no complaint.
        let final = try #require(try runBounded(sandbox, ["mark"] + batch.prefix(3)))
        #expect(final.status == 0, "\(final.stderr)")
        #expect(final.stderr.isEmpty)
        print("kill -9 during mark of 2,000 ids: \(outcomes)")
    }

    // MARK: - Stores that fight back

    @Test func symbolicLinkLoopsDevicesAndFIFOsAreSkippedWithAReason() throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        try store.write("World/a.txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Only real page"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: store.url.appendingPathComponent("World/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: store.url.appendingPathComponent("self").path, withDestinationPath: "self")
        try fm.createSymbolicLink(atPath: store.url.appendingPathComponent("zero.txt").path, withDestinationPath: "/dev/zero")
        try fm.createSymbolicLink(atPath: store.url.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere/x.txt")
        #expect(mkfifo(store.url.appendingPathComponent("pipe.txt").path, 0o644) == 0)

        let library = Library(store: store.url)
        library.scan()
        #expect(library.articles.map(\.headline) == ["Only real page"])
        let reasons = Dictionary(library.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["World/loop"]?.contains("symbolic link loop") == true)
        #expect(reasons["zero.txt"] == "symbolic link out of the store (not followed)")
        #expect(reasons["pipe.txt"] == "it is a FIFO (named pipe), not a file")
        #expect(reasons["self"] != nil)
        #expect(reasons["dangling.txt"] != nil)
    }

    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func anUnreadableFileIsSkippedAndTheRestLoads() throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        try store.write("a.txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Readable"))
        let locked = try store.write("b.txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Locked"))
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let library = Library(store: store.url)
        library.scan()
        #expect(library.articles.map(\.headline) == ["Readable"])
        #expect(library.skipped.first { $0.path == "b.txt" }?.reason.contains("not readable") == true)
    }

    /// Pages appear, grow, shrink and vanish while other threads scan: no crash, and every
    /// scan's articles come from pages that were really there.
    @Test func filesRemovedAndGrowingDuringScans() async throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        for n in 0..<50 {
            try store.write("p\(n).txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Steady page \(n)"))
        }
        let library = Library(store: store.url)
        let churn = store.url
        let known = Set((0..<50).map { "Steady page \($0)" } + (0..<40).map { "Churning page \($0)" })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<40 {
                    let url = churn.appendingPathComponent("c\(round % 8).txt")
                    let page = TemporaryStore.page(date: "Tuesday, 4 November 2025", headline: "Churning page \(round)")
                    try Data(page.utf8).write(to: url)
                    // Grow it by appending, then cut it mid-line, then remove it.
                    let handle = try FileHandle(forWritingTo: url)
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(String(repeating: "More body text. ", count: 2000).utf8))
                    try handle.truncate(atOffset: 37)
                    try handle.close()
                    if round % 2 == 0 { try FileManager.default.removeItem(at: url) }
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<15 {
                        library.scan()
                        for article in library.articles {
                            // A page caught mid-write may show a cut headline, never anything else.
                            #expect(known.contains { $0.hasPrefix(article.headline) }, "\(article.headline)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        // Once the churn stops, one more scan sees exactly what is on disk.
        library.scan()
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: store.url.path))
        #expect(library.articles.filter { $0.kind == .article }.count + library.skipped.count == onDisk.count)
    }

    @Test func aHundredThousandFilesInOneFolder() throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        let count = 100_000
        // POSIX calls: Foundation's createFile writes through a temporary file and a rename.
        for n in 0..<count {
            let bytes = Array("Monday, 3 November 2025\n\nPage number \(n) of many\n\nSummary \(n).\n".utf8)
            let fd = open(store.url.appendingPathComponent("p\(n).txt").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0, write(fd, bytes, bytes.count) == bytes.count else {
                Issue.record("cannot create file \(n): \(String(cString: strerror(errno)))")
                return
            }
            close(fd)
        }
        let library = Library(store: store.url)
        let first = library.scan()
        #expect(first.added == count)
        #expect(library.articles.count == count)
        #expect(library.skipped.isEmpty)
        // A rescan reads nothing again.
        let second = library.scan()
        #expect(second.unchanged == count && second.added == 0 && second.changed == 0)
    }
}
