import Foundation
import Testing
import TestSupport
@testable import TidingsModel

private func day(_ d: Int, _ m: Int = 11) -> CivilDate { CivilDate(year: 2025, month: m, day: d)! }
private func dateLine(_ d: Int) -> String { "Monday, \(d) November 2025" }

private func article(_ library: Library, _ headline: String) -> Article? {
    library.article(id: ArticleID(headline: headline))
}

@Suite struct LibraryMergeTests {
    @Test func samePageStoredTwiceIsOneArticleWithTheEarliestDate() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(date: dateLine(10), headline: "Ferry services resume, after storm",
                                                     standfirst: "Old standfirst."))
        try store.write("b.txt", TemporaryStore.page(date: dateLine(12), headline: "ferry services RESUME after storm!",
                                                     standfirst: "New standfirst."))
        let library = Library(store: store.url)
        library.scan()
        #expect(library.articles.count == 1)
        let a = try #require(library.articles.first)
        #expect(a.date == day(10))
        #expect(a.kind == .article)
        // The newest stored copy speaks for the article.
        #expect(a.sourcePath == "b.txt")
        #expect(a.summary == "New standfirst.")
        #expect(a.id == ArticleID(headline: "Ferry services resume after storm"))
    }

    @Test func fullPageBeatsTeaserAndTeaserGivesEarliestDate() throws {
        let store = try TemporaryStore()
        try store.write("early.txt", TemporaryStore.page(
            date: dateLine(3), headline: "Page with teasers",
            teasers: [("Second story arrives later", "Teaser summary of the second story."),
                      ("Story never stored", "Only ever a teaser.")]))
        let library = Library(store: store.url)
        #expect(library.scan() == ScanReport(added: 1))
        let teaser = try #require(article(library, "Second story arrives later"))
        #expect(teaser.kind == .teaser)
        #expect(teaser.summary == "Teaser summary of the second story.")
        #expect(teaser.sourcePath == nil)
        #expect(throws: LibraryError.noBody(teaser.id)) { try library.body(of: teaser) }

        try store.write("later.txt", TemporaryStore.page(date: dateLine(9), headline: "Second story arrives later",
                                                         standfirst: "The page's own standfirst."))
        #expect(library.scan() == ScanReport(added: 1, unchanged: 1))
        let full = try #require(article(library, "Second story arrives later"))
        #expect(full.kind == .article)
        #expect(full.summary == "The page's own standfirst.")
        #expect(full.sourcePath == "later.txt")
        #expect(full.date == day(3))
        #expect(library.articles.count == 3)
        #expect(try library.body(of: full).blocks.first == .paragraph("The first paragraph of the story, told plainly."))
    }

    @Test func articlesAreNewestFirstThenByHeadline() throws {
        let store = try TemporaryStore()
        try store.write("1.txt", TemporaryStore.page(date: dateLine(1), headline: "Oldest"))
        try store.write("2.txt", TemporaryStore.page(date: dateLine(5), headline: "Banana"))
        try store.write("3.txt", TemporaryStore.page(date: dateLine(5), headline: "Apple"))
        try store.write("4.txt", TemporaryStore.page(date: nil, weather: [], headline: "No date at all"))
        let library = Library(store: store.url)
        library.scan()
        #expect(library.articles.map(\.headline) == ["Apple", "Banana", "Oldest", "No date at all"])
        #expect(library.newestDate == day(5))
    }

    @Test func weatherIsTheNewestReadingPerRegion() throws {
        let store = try TemporaryStore()
        try store.write("old.txt", TemporaryStore.page(date: dateLine(2), weather: [("30 C", "Singapore"), ("25 C", "Thailand")],
                                                       headline: "Old page"))
        try store.write("new.txt", TemporaryStore.page(date: dateLine(8), weather: [("27.5 C", "Singapore"), ("50 F", "Tokyo")],
                                                       headline: "New page"))
        let library = Library(store: store.url)
        library.scan()
        #expect(library.weather == [
            WeatherReading(region: "Singapore", celsius: 27.5, date: day(8)),
            WeatherReading(region: "Thailand", celsius: 25, date: day(2)),
            WeatherReading(region: "Tokyo", celsius: 10, date: day(8)),
        ])
        try store.delete("new.txt")
        library.scan()
        #expect(library.weather.map(\.region) == ["Singapore", "Thailand"])
        #expect(library.weather.first?.celsius == 30)
    }

    @Test func categoriesComeFromFolderThenRulesThenGeneral() throws {
        let store = try TemporaryStore()
        try store.write("Culture/x.txt", TemporaryStore.page(headline: "Football final draws record crowd"))
        try store.write("y.txt", TemporaryStore.page(headline: "Football final draws record crowd again"))
        try store.write("z.txt", TemporaryStore.page(headline: "Volunteers paint a mural",
                                                     standfirst: "Neighbours helped over six weekends."))
        let library = Library(store: store.url)
        library.scan()
        #expect(article(library, "Football final draws record crowd")?.category == "Culture")
        #expect(article(library, "Football final draws record crowd again")?.category == "Sport")
        #expect(article(library, "Volunteers paint a mural")?.category == "General")
        #expect(library.categories == ["Culture", "General", "Sport"])
    }

    @Test func teaserTakesTheFolderOfThePageItWasSeenOn() throws {
        let store = try TemporaryStore()
        try store.write("Tech/a.txt", TemporaryStore.page(headline: "A page", teasers: [("Something about gardens", nil)]))
        let library = Library(store: store.url)
        library.scan()
        #expect(article(library, "Something about gardens")?.category == "Tech")
    }

    @Test func pageCategoryAndPublishedDateFromOtherParsersWin() throws {
        let store = try TemporaryStore()
        try store.write("Tech/feed.fake", "unused")
        try store.write("Tech/page.txt", TemporaryStore.page(date: dateLine(1), headline: "Story in a feed"))
        let library = Library(store: store.url, parsers: [FakeFeedParser(), TextPageParser()])
        library.scan()
        let item = try #require(article(library, "Feed item one"))
        #expect(item.category == "Gardening")
        #expect(item.date == day(20, 10))
        #expect(item.url == "https://example.com/one")
        #expect(item.sourcePath == "Tech/feed.fake")
        // A feed item with no category falls back to the folder; its published date counts as an appearance.
        let story = try #require(article(library, "Story in a feed"))
        #expect(story.category == "Tech")
        #expect(story.date == day(21, 10), "the feed's published date is the earliest appearance")
        #expect(story.sourcePath == "Tech/page.txt", "the newest copy speaks for the article")
        #expect(try library.body(of: item).blocks == [.paragraph("Body of Feed item one.")])
    }

    @Test func customRulesFromTOMLReplaceTheBuiltIns() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(headline: "New hawker stall opens", standfirst: "Chicken rice and laksa."))
        try store.write("b.txt", TemporaryStore.page(headline: "Football final draws record crowd"))
        let rulesFile = try store.write(".config/categories.toml", """
            # my rules
            [categories]
            Food = ["hawker", "laksa", "chicken rice"]
            Games = ["final fantasy"]
            """)
        let rules = try CategoryRules.load(contentsOf: rulesFile)
        #expect(rules.rules.map(\.category) == ["Food", "Games"])
        let library = Library(store: store.url, categoryRules: rules)
        library.scan()
        #expect(article(library, "New hawker stall opens")?.category == "Food")
        // Built-in Sport rules are replaced, so football is General now.
        #expect(article(library, "Football final draws record crowd")?.category == "General")
        #expect(rules.category(headline: "Chicken rice prices", summary: nil) == "Food")
        #expect(rules.category(headline: "Rice prices", summary: nil) == nil)
        #expect(library.skipped.isEmpty, "the hidden .config folder is not scanned")
    }

    @Test func builtInRulesMatchWholeWordsOnly() {
        let rules = CategoryRules.builtIn
        #expect(rules.category(headline: "Apple unveils new chip", summary: nil) == "Tech")
        #expect(rules.category(headline: "APPLE UNVEILS NEW CHIP", summary: nil) == "Tech")
        #expect(rules.category(headline: "Pineapple harvest", summary: "Farmers in the south.") == nil)
        #expect(rules.category(headline: "Quiet day", summary: "Scientists publish a study.") == "Science")
    }

    @Test func badTOMLNamesFileAndLine() throws {
        let store = try TemporaryStore()
        let file = try store.write("rules.toml", "[categories]\nTech = [\"ai\",\n\nBroken = = 3\n")
        do {
            _ = try CategoryRules.load(contentsOf: file)
            Issue.record("loaded broken TOML")
        } catch let error as CategoryRules.LoadError {
            #expect(error.description.hasPrefix(file.path + ":"))
            guard case .syntax(_, let line, _, _) = error else { Issue.record("\(error)"); return }
            #expect(line != nil && line! >= 2)
        }
        let wrongShape = try store.write("shape.toml", "[categories]\nTech = \"ai\"\n")
        #expect(throws: CategoryRules.LoadError.self) { try CategoryRules.load(contentsOf: wrongShape) }
        let missing = try store.write("missing.toml", "title = \"no categories\"\n")
        #expect(throws: CategoryRules.LoadError.self) { try CategoryRules.load(contentsOf: missing) }
        #expect(throws: CategoryRules.LoadError.self) {
            try CategoryRules.load(contentsOf: store.url.appendingPathComponent("absent.toml"))
        }
    }
}

@Suite struct IncrementalScanTests {
    @Test func addChangeRemove() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(date: dateLine(1), headline: "First",
                                                     teasers: [("Only a teaser", "Seen on the first page.")]))
        try store.write("b.txt", TemporaryStore.page(date: dateLine(2), headline: "Second"))
        let library = Library(store: store.url)
        #expect(library.scan() == ScanReport(added: 2))
        #expect(library.articles.count == 3)
        #expect(library.scan() == ScanReport(unchanged: 2))

        try store.write("c.txt", TemporaryStore.page(date: dateLine(3), headline: "Third"))
        #expect(library.scan() == ScanReport(added: 1, unchanged: 2))
        #expect(library.articles.map(\.headline) == ["Third", "Second", "First", "Only a teaser"])

        try store.write("b.txt", TemporaryStore.page(date: dateLine(2), headline: "Second, rewritten with a longer headline"))
        #expect(library.scan() == ScanReport(changed: 1, unchanged: 2))
        #expect(article(library, "Second") == nil)
        #expect(article(library, "Second, rewritten with a longer headline")?.sourcePath == "b.txt")

        try store.delete("a.txt")
        #expect(library.scan() == ScanReport(removed: 1, unchanged: 2))
        #expect(article(library, "First") == nil)
        #expect(article(library, "Only a teaser") == nil, "its only mention is gone")
        #expect(library.articles.count == 2)
    }

    @Test func sameSizeRewriteIsNoticedByModificationTime() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(headline: "Headline AAAA"))
        try store.touch("a.txt", secondsAgo: 60)
        let library = Library(store: store.url)
        library.scan()
        try store.write("a.txt", TemporaryStore.page(headline: "Headline BBBB"))
        #expect(library.scan() == ScanReport(changed: 1))
        #expect(library.articles.map(\.headline) == ["Headline BBBB"])
    }

    @Test func removingThePageLeavesTheTeaser() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(date: dateLine(1), headline: "Hub", teasers: [("Spoke", "Spoke teaser summary.")]))
        try store.write("b.txt", TemporaryStore.page(date: dateLine(4), headline: "Spoke", standfirst: "Spoke page standfirst."))
        let library = Library(store: store.url)
        library.scan()
        #expect(article(library, "Spoke")?.kind == .article)
        try store.delete("b.txt")
        library.scan()
        let spoke = try #require(article(library, "Spoke"))
        #expect(spoke.kind == .teaser)
        #expect(spoke.summary == "Spoke teaser summary.")
        #expect(spoke.date == day(1))
    }

    @Test func aFileThatBecomesBrokenIsRemovedAndReported() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(headline: "Fine for now"))
        let library = Library(store: store.url)
        library.scan()
        try store.write("a.txt", bytes: [])
        #expect(library.scan() == ScanReport(removed: 1, skipped: 1))
        #expect(library.articles.isEmpty)
        #expect(library.skipped == [SkippedFile(path: "a.txt", reason: "empty file")])
    }
}

@Suite struct SkippedFileTests {
    @Test func badFilesAreSkippedWithReasonsAndTheRestLoads() throws {
        let store = try TemporaryStore()
        try store.write("good.txt", TemporaryStore.page(headline: "The good page"))
        try store.write("empty.txt", bytes: [])
        try store.write("binary.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3])
        try store.write("picture.jpg", bytes: [0xFF, 0xD8, 0xFF])
        try store.write("huge.txt", bytes: [UInt8](repeating: 0x61, count: TextPageParser.sizeLimit + 1))
        try store.write(".hidden.txt", TemporaryStore.page(headline: "Hidden page"))
        try store.write(".git/objects/x.txt", TemporaryStore.page(headline: "Hidden folder page"))
        try FileManager.default.createSymbolicLink(atPath: store.url.appendingPathComponent("dangling.txt").path,
                                                   withDestinationPath: "/nonexistent/tidings/page.txt")
        let library = Library(store: store.url)
        let report = library.scan()
        #expect(report.added == 1)
        #expect(report.skipped == 5)
        #expect(library.articles.map(\.headline) == ["The good page"])
        let reasons = Dictionary(library.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons.keys.sorted() == ["binary.txt", "dangling.txt", "empty.txt", "huge.txt", "picture.jpg"])
        #expect(reasons["empty.txt"] == "empty file")
        #expect(reasons["binary.txt"]?.contains("binary") == true)
        #expect(reasons["picture.jpg"]?.contains("no parser") == true)
        #expect(reasons["huge.txt"]?.contains("too large") == true)
        #expect(reasons["dangling.txt"] == "symbolic link that leads nowhere")
        // Unchanged skipped files are not read again, and still reported.
        #expect(library.scan() == ScanReport(unchanged: 1, skipped: 5))
        #expect(library.skipped.count == 5)
    }

    @Test func symbolicLinkLoopsEndAndLinksOutOfTheStoreAreNotFollowed() throws {
        let store = try TemporaryStore()
        try store.write("Tech/a.txt", TemporaryStore.page(headline: "Linked folder page"))
        try FileManager.default.createSymbolicLink(atPath: store.url.appendingPathComponent("Tech/loop").path,
                                                   withDestinationPath: store.url.path)
        let outside = try TemporaryStore("tidings-outside")
        try outside.write("b.txt", TemporaryStore.page(headline: "Page outside the store"))
        try FileManager.default.createSymbolicLink(atPath: store.url.appendingPathComponent("Science").path,
                                                   withDestinationPath: outside.url.path)
        let library = Library(store: store.url)
        library.scan()
        // A link that leaves the store is not followed: a store shows only what is in it.
        #expect(Set(library.articles.map(\.headline)) == ["Linked folder page"])
        #expect(library.skipped.map(\.path) == ["Science", "Tech/loop"])
        #expect(library.skipped.first?.reason == "symbolic link out of the store (not followed)")
        #expect(library.skipped.last?.reason.contains("loop") == true)
    }

    @Test func missingStoreIsReportedNotFatal() {
        let library = Library(store: URL(fileURLWithPath: "/nonexistent/tidings-store"))
        let report = library.scan()
        #expect(report.skipped == 1)
        #expect(library.articles.isEmpty)
        #expect(library.skipped.first?.reason.contains("store folder") == true)
    }

    @Test func bodyOfAPageWhoseFileVanishedThrows() throws {
        let store = try TemporaryStore()
        try store.write("a.txt", TemporaryStore.page(headline: "Soon gone"))
        let library = Library(store: store.url)
        library.scan()
        let a = try #require(library.articles.first)
        try store.delete("a.txt")
        #expect(throws: LibraryError.self) { try library.body(of: a) }
    }
}

@Suite struct IDPrefixTests {
    @Test func uniqueAmbiguousAndUnknownPrefixes() throws {
        let store = try TemporaryStore()
        for n in 0..<40 {
            try store.write("p\(n).txt", TemporaryStore.page(headline: "Headline number \(n)"))
        }
        let library = Library(store: store.url)
        library.scan()
        let articles = library.articles
        #expect(articles.count == 40)

        // Full ids and the short form resolve; upper case works too.
        for a in articles {
            #expect(try library.resolve(idPrefix: a.id.rawValue) == a)
            #expect(try library.resolve(idPrefix: a.id.rawValue.uppercased()) == a)
        }
        // The shortest unique prefix of some article.
        let a = articles[0]
        let prefix = try #require((1...16).lazy.map { String(a.id.rawValue.prefix($0)) }
            .first { p in articles.filter { $0.id.rawValue.hasPrefix(p) }.count == 1 })
        #expect(try library.resolve(idPrefix: prefix) == a)

        // 40 ids over 16 first digits: some digit is shared.
        let shared = try #require(Dictionary(grouping: articles, by: { $0.id.rawValue.prefix(1) }).first { $0.value.count > 1 })
        do {
            _ = try library.resolve(idPrefix: String(shared.key))
            Issue.record("ambiguous prefix resolved")
        } catch LibraryError.ambiguous(let p, let candidates) {
            #expect(p == String(shared.key))
            #expect(Set(candidates.map(\.id)) == Set(shared.value.map(\.id)))
        }

        let unused = try #require((0..<4096).lazy.map { String(format: "%03x", $0) }
            .first { p in !articles.contains { $0.id.rawValue.hasPrefix(p) } })
        #expect(throws: LibraryError.notFound(unused)) { try library.resolve(idPrefix: unused) }
        #expect(throws: LibraryError.notFound("not-hex")) { try library.resolve(idPrefix: "not-hex") }
        #expect(throws: LibraryError.notFound("")) { try library.resolve(idPrefix: "") }
    }
}

/// Stands in for the HTML/feed parsers: pages with a category, published date and URL.
struct FakeFeedParser: PageFileParser {
    func accepts(path: String) -> Bool { path.hasSuffix(".fake") }
    func parse(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        let one = ParsedPage(publishedDate: CivilDate(year: 2025, month: 10, day: 20), headline: "Feed item one",
                             summary: "First item.", body: ArticleBody(blocks: [.paragraph("Body of Feed item one.")]),
                             category: "Gardening", url: "https://example.com/one")
        let two = ParsedPage(publishedDate: CivilDate(year: 2025, month: 10, day: 21), headline: "Story in a feed",
                             summary: "Also a stored text page.")
        return ParsedFile(kind: .feed, pages: [one, two])
    }
}

@Suite struct UserRulesFileTests {
    @Test func xdgConfigHomeFileReplacesBuiltInsAndMissingFileGivesBuiltIns() throws {
        let dir = try TemporaryStore("tidings-config")
        let env = ["XDG_CONFIG_HOME": dir.url.path, "HOME": "/nonexistent"]
        #expect(CategoryRules.userFileURL(environment: env).path == dir.url.path + "/tidings/categories.toml")
        #expect(try CategoryRules.userOrBuiltIn(environment: env) == .builtIn)
        try dir.write("tidings/categories.toml", "[categories]\nPets = [\"cat\", \"dog\"]\n")
        let rules = try CategoryRules.userOrBuiltIn(environment: env)
        #expect(rules.rules.map(\.category) == ["Pets"])
        #expect(rules.category(headline: "Dog rescued from drain", summary: nil) == "Pets")
        #expect(CategoryRules.userFileURL(environment: ["HOME": "/home/u"]).path == "/home/u/.config/tidings/categories.toml")
        try dir.write("tidings/categories.toml", "[categories\n")
        #expect(throws: CategoryRules.LoadError.self) { try CategoryRules.userOrBuiltIn(environment: env) }
    }
}

@Suite struct ConcurrentReadTests {
    /// Readers during a scan see the previous snapshot or the finished one, never half a scan.
    @Test func readersSeeWholeScansOnly() async throws {
        let store = try TemporaryStore()
        for n in 0..<60 { try store.write("a\(n).txt", TemporaryStore.page(headline: "First batch \(n)")) }
        let library = Library(store: store.url)
        library.scan()
        for n in 0..<60 { try store.write("b\(n).txt", TemporaryStore.page(headline: "Second batch \(n)")) }
        let scanning = Task.detached { library.scan() }
        var counts = Set<Int>()
        for _ in 0..<2000 {
            counts.insert(library.articles.count)
            _ = library.weather
            await Task.yield()
        }
        let report = await scanning.value
        #expect(report.added == 60)
        #expect(counts.isSubset(of: [60, 120]))
        #expect(library.articles.count == 120)
    }
}
