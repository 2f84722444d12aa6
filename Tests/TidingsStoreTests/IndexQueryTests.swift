import Foundation
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

@Suite struct IndexQueryTests {
    let sandbox: IndexSandbox
    let index: ArticleIndex
    let state: ReadStateStore

    init() throws {
        sandbox = try IndexSandbox()
        let s = sandbox.store
        try s.write("Tech/robots.txt", TemporaryStore.page(
            date: "Monday, 3 November 2025", headline: "Robot arm learns to fold laundry",
            standfirst: "Researchers taught a robot to fold shirts.",
            body: ["The lab trained the arm on thousands of towels.", "Next it will try origami."]))
        try s.write("Tech/chips.txt", TemporaryStore.page(
            date: "Tuesday, 4 November 2025", headline: "Chip makers race to build smaller transistors",
            standfirst: "A new process node arrives.",
            body: ["One engineer said the robot assembly lines never stop."]))
        try s.write("Food/hawker.txt", TemporaryStore.page(
            date: "Wednesday, 5 November 2025", headline: "Hawker centre sells record chicken rice",
            standfirst: "Queues formed before dawn.",
            body: ["Stall owners cooked through the night."]))
        try s.write("World/typhoon.txt", TemporaryStore.page(
            date: "Thursday, 6 November 2025", headline: "台风过后新加坡街头恢复平静",
            standfirst: "台风过后，新加坡街头逐渐恢复正常。",
            body: ["Café owners reopened on Orchard Road."]))
        (index, state) = try sandbox.open()
        try index.refresh()
    }

    private func ids(_ filter: ArticleFilter, sort: ArticleSort = .relevance) throws -> [String] {
        try index.articles(filter, sort: sort).map(\.article.headline)
    }

    @Test func searchFindsBodyTextAndRanksHeadlineMatchesFirst() throws {
        // "robot" is in one headline and in another article's body only.
        #expect(try ids(ArticleFilter(search: "robot")) == ["Robot arm learns to fold laundry",
                                                            "Chip makers race to build smaller transistors"])
        #expect(try ids(ArticleFilter(search: "towels")) == ["Robot arm learns to fold laundry"])  // body only
        #expect(try ids(ArticleFilter(search: "ROBOT   arm")) == ["Robot arm learns to fold laundry"])  // every word
        #expect(try ids(ArticleFilter(search: "transist")) == ["Chip makers race to build smaller transistors"])  // prefix
        #expect(try ids(ArticleFilter(search: "t")).isEmpty)  // one character: a whole word only
        #expect(try ids(ArticleFilter(search: "cafe")) == ["台风过后新加坡街头恢复平静"])  // accents ignored
        #expect(try ids(ArticleFilter(search: "新加坡街头")) == ["台风过后新加坡街头恢复平静"])  // inside a CJK run
        #expect(try ids(ArticleFilter(search: "街头新加坡")).isEmpty)
        #expect(try ids(ArticleFilter(search: "no such words")).isEmpty)
        #expect(try ids(ArticleFilter(search: "\" * AND ( NEAR")).isEmpty)  // FTS syntax is only text
        #expect(try ids(ArticleFilter(search: "   ")).count == 4)  // blank: no search
        #expect(try index.counts(ArticleFilter(search: "robot")) == ArticleCounts(total: 2, unread: 2))
    }

    @Test func searchCombinesWithCategoryAndUnread() throws {
        #expect(try ids(ArticleFilter(category: "tech", search: "robot")).count == 2)
        #expect(try ids(ArticleFilter(category: "food", search: "robot")).isEmpty)
        let robot = try index.resolve(idPrefix: ArticleID(headline: "Robot arm learns to fold laundry").short)
        try state.setRead([robot.article.id], read: true)
        #expect(try ids(ArticleFilter(unreadOnly: true, search: "robot")) == ["Chip makers race to build smaller transistors"])
    }

    @Test func sortsAndPages() throws {
        let newest = try ids(ArticleFilter(), sort: .newest)
        #expect(newest.first == "台风过后新加坡街头恢复平静")
        #expect(try ids(ArticleFilter(), sort: .oldest) == newest.reversed())
        #expect(try index.articles(ArticleFilter(), sort: .category).map(\.article.category) == ["Food", "Tech", "Tech", "World"])
        #expect(try index.articles(sort: .newest, offset: 1, limit: 2).map(\.article.headline) == Array(newest[1...2]))
        #expect(try index.articles(sort: .newest, offset: 10, limit: 2).isEmpty)
    }

    @Test func positionsKeepASelectionAndGenerationsTellOfChanges() throws {
        let robot = ArticleID(headline: "Robot arm learns to fold laundry")
        let newest = try index.articles(sort: .newest).map(\.article.id)
        #expect(try index.position(of: robot) == newest.firstIndex(of: robot))
        #expect(try index.position(of: robot, sort: .oldest) == newest.count - 1 - newest.firstIndex(of: robot)!)
        #expect(try index.position(of: robot, in: ArticleFilter(search: "robot"), sort: .relevance) == 0)
        #expect(try index.position(of: robot, in: ArticleFilter(category: "Food")) == nil)

        let before = try index.generation()
        try index.refresh()  // nothing changed: nothing committed, readers need not read again
        let unchanged = try index.generation()
        #expect(unchanged == before)
        try state.setRead([robot], read: true)
        #expect(try index.generation() == unchanged)  // marks are not index changes
        try sandbox.store.write("Tech/new.txt", TemporaryStore.page(date: "Friday, 7 November 2025", headline: "Newer robot story"))
        try index.refresh()
        #expect(try index.generation() > unchanged)
        #expect(try index.position(of: robot) == newest.firstIndex(of: robot)! + 1)
    }

    @Test func countsAndCategoriesFollowTheMarks() throws {
        #expect(try index.counts() == ArticleCounts(total: 4, unread: 4))
        let tech = try index.articles(ArticleFilter(category: "TECH")).map(\.article.id)
        #expect(tech.count == 2)
        try state.setRead([tech[0]], read: true)  // another connection, as another process would
        #expect(try index.counts() == ArticleCounts(total: 4, unread: 3))
        #expect(try index.counts(ArticleFilter(category: "Tech")) == ArticleCounts(total: 2, unread: 1))
        #expect(try index.counts(ArticleFilter(category: "Tech", unreadOnly: true)) == ArticleCounts(total: 1, unread: 1))
        #expect(try index.categories() == [CategoryCount(name: "Food", articles: 1, unread: 1),
                                           CategoryCount(name: "Tech", articles: 2, unread: 1),
                                           CategoryCount(name: "World", articles: 1, unread: 1)])
        #expect(try index.article(id: tech[0])?.isRead == true)
        #expect(try index.article(id: tech[1])?.isRead == false)
    }

    @Test func markAllReadForAFilterInOneGo() throws {
        let when = Date(timeIntervalSince1970: 1_764_000_000)
        let first = try index.articles(ArticleFilter(category: "Tech"))[0].article.id
        try state.setRead([first], read: true, at: Date(timeIntervalSince1970: 1_000))
        let changed = try index.markAll(ArticleFilter(category: "tech"), read: true, at: when)
        #expect(changed.count == 1 && !changed.contains(first))  // already read: not changed
        #expect(try state.readIDs().count == 2)
        #expect(try state.changedAt(first) == Date(timeIntervalSince1970: 1_000))
        #expect(try state.changedAt(changed[0]) == when)
        #expect(try index.counts() == ArticleCounts(total: 4, unread: 2))

        // Undo is marking exactly the changed ids back.
        try state.setRead(changed, read: false)
        #expect(try index.counts(ArticleFilter(category: "Tech")) == ArticleCounts(total: 2, unread: 1))

        let searched = try index.markAll(ArticleFilter(search: "chicken"), read: true)
        #expect(try searched.map { try index.article(id: $0)?.article.headline } == ["Hawker centre sells record chicken rice"])
        let unmarked = try index.markAll(ArticleFilter(), read: false)
        #expect(unmarked.count == 2)
        #expect(try state.readIDs().isEmpty)
    }

    @Test func marksFromASnapshotAndNoWrites() throws {
        let robot = ArticleID(headline: "Robot arm learns to fold laundry")
        let snapshot = try ArticleIndex(path: sandbox.indexPath, store: sandbox.store.url, marks: .snapshot([robot]))
        #expect(try snapshot.counts() == ArticleCounts(total: 4, unread: 3))
        #expect(try snapshot.article(id: robot)?.isRead == true)
        #expect(throws: ArticleIndexError.self) { try snapshot.markAll(ArticleFilter(), read: true) }
    }

    @Test func idPrefixes() throws {
        let robot = ArticleID(headline: "Robot arm learns to fold laundry")
        #expect(try index.resolve(idPrefix: robot.rawValue).article.id == robot)
        #expect(try index.resolve(idPrefix: " " + robot.short.uppercased()).article.id == robot)
        #expect(throws: LibraryError.notFound("zz")) { try index.resolve(idPrefix: "zz") }
        #expect(throws: LibraryError.notFound("")) { try index.resolve(idPrefix: "") }
        // Every id starts with one of 16 digits: with 4 articles some one-digit prefix is shared or missing.
        let digits = "0123456789abcdef".map(String.init)
        let all = try index.articles().map(\.article.id.rawValue)
        for d in digits {
            let n = all.filter { $0.hasPrefix(d) }.count
            if n == 0 { #expect(throws: LibraryError.notFound(d)) { try index.resolve(idPrefix: d) } }
            if n > 1 {
                #expect { try index.resolve(idPrefix: d) } throws: { error in
                    if case LibraryError.ambiguous(_, let candidates) = error { return candidates.count == n }
                    return false
                }
            }
        }
    }

    @Test func highlightRangesAndSnippets() {
        let text = "Robots and a robotic arm; the ROBOT folds. Café crème. 台风过后新加坡街头"
        let ranges = SearchText.matchRanges(of: "robot cafe 新加坡", in: text).map { String(text[$0]) }
        #expect(ranges == ["Robot", "robot", "ROBOT", "Café", "新加坡"])
        #expect(SearchText.matchRanges(of: "bot", in: text).isEmpty)  // only at word starts
        let snippet = try! #require(SearchText.snippet(of: "folds", in: String(repeating: "word ", count: 50) + "it folds here", width: 20))
        #expect(snippet.text.hasPrefix("…"))
        #expect(snippet.matches.map { String(snippet.text[$0]) } == ["folds"])
        #expect(SearchText.matchExpression("e-mail \"x\"") == "\"e-mail\" * AND \"\"\"x\"\"\" *")
        #expect(SearchText.indexable("新加坡 news") == " 新 加 坡  news")
    }
}
