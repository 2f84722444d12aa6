import Foundation
import Testing
import TestSupport
import TidingsModel

/// Stores, state folders and names shaped to break a reader (issue "hostile stores, round two"):
/// each runs the built binary under the hang guard of `runBounded`.
@Suite(.serialized) struct HostileStoreTests {
    static let page = TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Only real page")

    private func indexPath(_ sandbox: Sandbox) -> URL {
        sandbox.state.deletingLastPathComponent().appendingPathComponent("index.sqlite")
    }

    /// A file Tidings did not make at the index's place is never deleted: the list comes from
    /// an index in memory and a message names the file.
    @Test(arguments: ["text", "sqlite"])
    func aFileAtTheIndexPlaceThatTidingsDidNotMakeIsLeftAlone(kind: String) throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(Self.page, to: "a.txt")
        let index = indexPath(sandbox)
        try FileManager.default.createDirectory(at: index.deletingLastPathComponent(), withIntermediateDirectories: true)
        var bytes = Data("notes I keep here\n".utf8)
        if kind == "sqlite" {
            // Another program's database: a valid SQLite header, application_id 0, one table.
            bytes = Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0, count: 84)
            bytes[16] = 0x10; bytes[18] = 1; bytes[19] = 1; bytes[21] = 64; bytes[22] = 32; bytes[23] = 32
            bytes.append(Data(repeating: 0, count: 4096 - 100))
        }
        try bytes.write(to: index)
        for _ in 0..<2 {
            let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
            #expect(list.status == 0)
            #expect(try list.json([ListedArticle].self).map(\.headline) == ["Only real page"])
            #expect(list.stderr.contains(index.path), "\(list.stderr)")
            #expect(list.stderr.contains("left as it is"))
        }
        #expect(try Data(contentsOf: index) == bytes)
        for suffix in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: index.path + suffix))
        }
    }

    /// A FIFO in place of the state, the index or any of their side files: every command ends,
    /// and says which file it could not use.
    @Test(arguments: ["state.sqlite", "state.sqlite-wal", "state.sqlite-shm", "state.sqlite-journal",
                      "index.sqlite", "index.sqlite-wal", "index.sqlite-shm", "index.sqlite-journal",
                      "index.sqlite-building", "index.sqlite-search"])
    func aFIFOBesideTheStateOrTheIndexIsReportedNotOpened(name: String) throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(Self.page, to: "a.txt")
        let first = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        let id = try #require(try first.json([ListedArticle].self).first?.id)
        #expect(try #require(try runBounded(sandbox, ["mark", id])).status == 0)
        let fifo = sandbox.state.deletingLastPathComponent().appendingPathComponent(name)
        try? FileManager.default.removeItem(at: fifo)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for command in [["list"], ["weather"], ["doctor"], ["mark", "--unread", id]] {
            let run = try #require(try runBounded(sandbox, command, seconds: 30), "\(command) hung on \(name)")
            if command != ["doctor"] && !(command == ["weather"] && name.hasPrefix("state")) {  // weather reads no marks
                #expect(run.stderr.contains(fifo.path) && run.stderr.contains("FIFO"), "\(command): \(run.stderr)")
            }
            if name.hasPrefix("index") {
                #expect(run.status == 0, "\(command): \(run.stderr)")  // answered from an index in memory
            }
        }
        var st = stat()
        #expect(lstat(fifo.path, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)  // left as it was
    }

    /// Links that leave the store are not followed (a store shows only what is in it), links
    /// inside it are; nothing under /proc is read, and `--store /proc` is refused.
    @Test func linksOutOfTheStoreAreNotFollowed() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(Self.page, to: "World/a.txt")
        let fm = FileManager.default
        let links = ["root": "/", "passwd.txt": "/etc/passwd", "etc": "/etc", "passwd": "/etc/passwd",
                     "kmsg.txt": "/proc/kmsg", "proc": "/proc", "up": "..", "Local": "World", "copy.txt": "World/a.txt"]
        for (name, target) in links {
            try fm.createSymbolicLink(atPath: sandbox.store.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json", "--verbose"]))
        #expect(list.status == 0)
        let articles = try list.json([ListedArticle].self)
        #expect(Set(articles.map(\.headline)) == ["Only real page"])
        #expect(!list.stdout.contains("root:"))
        let library = Library(store: sandbox.store)
        library.scan()
        #expect(Set(library.articles.map(\.headline)) == ["Only real page"])
        let reasons = Dictionary(library.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for name in ["root", "passwd.txt", "etc", "passwd", "kmsg.txt", "proc", "up"] {
            #expect(reasons[name] == "symbolic link out of the store (not followed)", "\(name): \(reasons[name] ?? "not reported")")
        }
        let proc = try #require(try runBounded(sandbox, ["list", "--store", "/proc", "--state", sandbox.state.path],
                                               seconds: 30, useSandboxPaths: false))
        #expect(proc.status != 0)
        #expect(proc.stderr.contains("/proc"))
        let empty = try #require(try runBounded(sandbox, ["list", "--store", "", "--state", sandbox.state.path],
                                                seconds: 30, useSandboxPaths: false))
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("--store is empty"))
    }

    /// File names are bytes: `x\xff.txt` beside `x\u{FFFD}.txt` are two pages, folders with
    /// Latin-1 names are walked, and names show without the raw bytes.
    @Test func namesThatAreNotUTF8AreWalkedAndOpenedByTheirBytes() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        func create(_ name: [UInt8], _ text: String) throws {
            let path = Array(sandbox.store.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            #expect(fd >= 0)
            _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress!, $0.count - 1) }
            close(fd)
        }
        try create(Array("x".utf8) + [0xFF] + Array(".txt".utf8), TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Raw byte page"))
        try create(Array("x\u{FFFD}.txt".utf8), TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Replacement page"))
        let folder = Array(sandbox.store.path.utf8) + Array("/Caf".utf8) + [0xE9] + [0]
        #expect(folder.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } } == 0)
        try create(Array("Caf".utf8) + [0xE9] + Array("/p".utf8) + [0xE2] + Array(".txt".utf8),
                   TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Latin one folder page"))
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        #expect(list.status == 0, "\(list.stderr)")
        let articles = try list.json([ListedArticle].self)
        #expect(Set(articles.map(\.headline)) == ["Raw byte page", "Replacement page", "Latin one folder page"])
        for article in articles {
            let show = try #require(try runBounded(sandbox, ["show", article.id]))
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains(article.headline))
        }
        let again = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        #expect(try again.json([ListedArticle].self).count == 3)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
    }
}

extension HostileStoreTests {
    /// A FIFO as categories.toml or config.toml is reported as such (not "permission"), never
    /// opened, and the built-in rules are used.
    @Test func aFIFOAsARulesFileIsReportedAsAFIFO() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try sandbox.write(Self.page, to: "a.txt")
        let config = sandbox.home.appendingPathComponent(".config/tidings")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        #expect(mkfifo(config.appendingPathComponent("categories.toml").path, 0o644) == 0)
        let run = try #require(try runBounded(sandbox, ["categories"], seconds: 30))
        #expect(run.status == 0)
        #expect(run.stderr.contains("categories.toml") && run.stderr.contains("FIFO"), "\(run.stderr)")
        #expect(!run.stderr.contains("permission"))
    }
}

extension HostileStoreTests {
    /// 20,000 ids on standard input (`mark -`): all marked, in one process, linear (it was
    /// quadratic in the ids: 18 s for 20,000). The hang guard is generous; timing is not the test.
    @Test func thousandsOfIdsOnStandardInputAreMarked() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let items = (0..<20_000).map { "<item><title>Story number \($0)</title><description>Text \($0).</description></item>" }
        try sandbox.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>\(items.joined())</channel></rss>",
                          to: "many.xml")
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        let ids = try list.json([ListedArticle].self).map(\.id)
        #expect(ids.count == 20_000)
        let input = sandbox.root.appendingPathComponent("ids.txt")
        try Data(ids.joined(separator: "\n").utf8).write(to: input)
        let running = try sandbox.start(["mark", "-", "--format", "json"], standardInput: input)
        let deadline = Date().addingTimeInterval(HostileInputTests.hangGuard)
        while running.process.isRunning && Date() < deadline { usleep(20_000) }
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        let mark = running.wait()
        #expect(mark.status == 0, "\(mark.stderr.prefix(300))")
        let after = try #require(try runBounded(sandbox, ["list", "--format", "json", "--unread"]))
        #expect(try after.json([ListedArticle].self).isEmpty)
    }

    /// An unknown option is named as one.
    @Test func anUnknownOptionOfMarkIsNamed() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let run = try sandbox.run(["mark", "-x"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("Unknown option '-x'"), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing expected argument"))
    }
}

extension HostileStoreTests {
    /// Feeds in legacy encodings with the characters their Windows supersets add: every item kept,
    /// decoded right, and nothing from libxml2 on stderr (in the reader it landed on the screen).
    @Test func legacyEncodedFeedsDecodeWithTheirSupersetsAndWriteNothingToStderr() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        func feed(_ encoding: String, _ items: [([UInt8], [UInt8])]) -> Data {
            var out = Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><rss version=\"2.0\"><channel><title>F</title>".utf8)
            for (n, (title, text)) in items.enumerated() {
                out += Array("<item><title>".utf8) + title + Array("</title><description>".utf8) + text
                out += Array("</description><link>http://e.com/\(encoding)/\(n)</link></item>".utf8)
            }
            return Data(out + Array("<item><title>Last item</title></item></channel></rss>".utf8))
        }
        // ①番目の記事 ㈱テスト / 髙橋さんの話 in CP932 (NEC and IBM extensions).
        try feed("Shift_JIS", [([0x87, 0x40, 0x94, 0xD4, 0x96, 0xDA, 0x82, 0xCC, 0x8B, 0x4C, 0x8E, 0x96, 0x20, 0x87, 0x8A, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67],
                                [0xEE, 0xE0, 0x8B, 0xB4, 0x82, 0xB3, 0x82, 0xF1, 0x82, 0xCC, 0x98, 0x62])])
            .write(to: sandbox.store.appendingPathComponent("sjis.xml"))
        // 똠방각하 뷁 / 한국어 본문 in CP949 (extended Hangul).
        try feed("EUC-KR", [([0x8C, 0x63, 0xB9, 0xE6, 0xB0, 0xA2, 0xC7, 0xCF, 0x20, 0x94, 0xEE],
                             [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xBA, 0xBB, 0xB9, 0xAE])])
            .write(to: sandbox.store.appendingPathComponent("euckr.xml"))
        // 日本語の見出し in ISO-2022-JP.
        try feed("ISO-2022-JP", [([0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x24, 0x4E, 0x38, 0x2B, 0x3D, 0x50, 0x24, 0x37, 0x1B, 0x28, 0x42],
                                  Array("text".utf8))])
            .write(to: sandbox.store.appendingPathComponent("jis.xml"))
        let list = try #require(try runBounded(sandbox, ["list", "--format", "json"]))
        #expect(list.status == 0)
        #expect(list.stderr.isEmpty, "\(list.stderr)")
        let articles = try list.json([ListedArticle].self)
        #expect(Set(articles.map(\.headline)) == ["①番目の記事 ㈱テスト", "똠방각하 뷁", "日本語の見出し", "Last item"])
        #expect(Set(articles.compactMap(\.summary)).isSuperset(of: ["髙橋さんの話", "한국어 본문"]))
        for file in ["sjis.xml", "euckr.xml"] {
            let parse = try sandbox.run(["parse", sandbox.store.appendingPathComponent(file).path], useSandboxPaths: false)
            #expect(parse.stderr.isEmpty, "\(file): \(parse.stderr)")
        }
    }
}
