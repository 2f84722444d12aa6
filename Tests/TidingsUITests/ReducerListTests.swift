import Testing
import TidingsModel
@testable import TidingsUI

/// Newest-first order of the fixture (ties by headline): 0 Singapore, 1 folding phone (teaser), 2 Hawker, 3 MRT (read),
/// 4 Rain (read), 5 東京, 6 long headline, 7 Café (no date).
let newestOrder = [0, 3, 1, 2, 5, 4, 6, 7].map { Fixture.ids[$0] }

/// A long list to test paging: 50 articles, one per day, at 40x12 (9 headline rows).
func longState() -> Reader {
    let articles = (0..<50).map { i in
        Fixture.article("Headline number \(i)", nil, "2025-01-\(String(format: "%02d", i % 28 + 1))", "Cat\(i % 3)")
    }
    return Reader(articles: articles, readIDs: [], width: 40, height: 12)
}

@Suite struct ReducerListTests {
    @Test func initialState() {
        let s = Fixture.state()
        #expect(s.visibleIDs == newestOrder)
        #expect(s.list == ListState(selected: 0, offset: 0))
        #expect(s.mode == .list)
        #expect(s.openID == nil)
    }

    @Test func moveDownAndUp() {
        var s = Fixture.state()
        #expect(s.send(.character("j")) == [])
        #expect(s.list.selected == 1)
        s.send(.down, .down)
        #expect(s.list.selected == 3)
        s.send(.character("k"))
        #expect(s.list.selected == 2)
        s.send(.up, .up, .up)
        #expect(s.list.selected == 0)  // stops at the top
    }

    @Test func jumpToEnds() {
        var s = Fixture.state()
        s.send(.character("G"))
        #expect(s.list.selected == 7)
        s.send(.down)
        #expect(s.list.selected == 7)  // stops at the bottom
        s.send(.character("g"))
        #expect(s.list.selected == 0)
        s.send(.end)
        #expect(s.list.selected == 7)
        s.send(.home)
        #expect(s.list.selected == 0)
    }

    @Test func paging() {
        var s = longState()
        #expect(s.layout.listRows == 9)
        s.send(.pageDown)
        #expect(s.list == ListState(selected: 9, offset: 9))
        s.send(.character(" "))
        #expect(s.list == ListState(selected: 18, offset: 18))
        s.send(.character("b"))
        #expect(s.list == ListState(selected: 9, offset: 9))
        s.send(.pageUp)
        #expect(s.list == ListState(selected: 0, offset: 0))
        s.send(.character("G"))
        #expect(s.list == ListState(selected: 49, offset: 41))
        s.send(.pageDown)
        #expect(s.list == ListState(selected: 49, offset: 41))
    }

    @Test func scrollingKeepsSelectionOnScreen() {
        var s = longState()
        for _ in 0..<10 { s.send(.down) }
        #expect(s.list == ListState(selected: 10, offset: 2))
    }

    @Test func openUnreadArticle() {
        var s = Fixture.state()
        let a = Fixture.articles[0]
        let effects = s.send(.enter)
        #expect(effects == [.loadBody(a), .setRead([a.id], read: true)])
        #expect(s.openID == a.id)
        #expect(s.focus == .article)
        #expect(s.mode == .article)
        #expect(s.bodies[a.id] == .loading)
        #expect(s.readIDs.contains(a.id))
        #expect(s.lastMark == nil)  // opening is not a marking action for undo
    }

    @Test(arguments: [KeyEvent.character("l"), .right])
    func openKeys(key: KeyEvent) {
        var s = Fixture.state()
        #expect(s.send(key) == [.loadBody(Fixture.articles[0]), .setRead([Fixture.ids[0]], read: true)])
        #expect(s.openID == Fixture.ids[0])
    }

    @Test func openReadArticleDoesNotWriteAgain() {
        var s = Fixture.state()
        s.send(.down, .down, .down, .enter)  // MRT, already read
        #expect(s.openID == Fixture.ids[2])
        #expect(s.readIDs.contains(Fixture.ids[2]))
    }

    @Test func openReadArticleEffects() {
        var s = Fixture.state()
        s.send(.down, .down, .down)  // MRT, already read
        #expect(s.send(.enter) == [.loadBody(Fixture.articles[2])])
    }

    @Test func openTeaserMarksReadWithoutLoading() {
        var s = Fixture.state()
        s.send(.down)
        #expect(s.selectedArticle?.kind == .teaser)
        #expect(s.send(.enter) == [.setRead([Fixture.ids[3]], read: true)])
        #expect(s.bodies[Fixture.ids[3]] == nil)
        #expect(s.openID == Fixture.ids[3])
    }

    @Test func reopeningLoadedArticleDoesNotReload() {
        var s = Fixture.state()
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        s.send(.character("h"))
        #expect(s.send(.enter) == [])
        #expect(s.bodies[Fixture.ids[0]] == .loaded(Fixture.body))
    }

    @Test func quitOnList() {
        var s = Fixture.state()
        #expect(s.send(.character("q")) == [.quit])
    }

    @Test func nextAndPreviousUnread() {
        var s = Fixture.state()
        s.send(.character("n"))
        #expect(s.list.selected == 1)
        s.send(.character("n"))
        #expect(s.list.selected == 2)  // Hawker
        s.send(.character("n"))
        #expect(s.list.selected == 5)  // 東京: MRT and Rain are read
        s.send(.character("n"))
        #expect(s.list.selected == 6)
        s.send(.character("G"))
        s.send(.character("n"))
        #expect(s.list.selected == 7)
        #expect(s.message == StatusMessage("No unread article below"))
        s.send(.character("g"), .down, .character("p"))
        #expect(s.list.selected == 0)
    }

    @Test func toggleRead() {
        var s = Fixture.state()
        #expect(s.send(.character("m")) == [.setRead([Fixture.ids[0]], read: true)])
        #expect(s.readIDs.contains(Fixture.ids[0]))
        #expect(s.lastMark == MarkRecord(ids: [Fixture.ids[0]], wasRead: [false]))
        #expect(s.send(.character("m")) == [.setRead([Fixture.ids[0]], read: false)])
        #expect(!s.readIDs.contains(Fixture.ids[0]))
        #expect(s.lastMark == MarkRecord(ids: [Fixture.ids[0]], wasRead: [true]))
        #expect(s.list.selected == 0)
    }

    @Test func undoSingleMark() {
        var s = Fixture.state()
        s.send(.down, .down, .down)  // MRT, read
        s.send(.character("m"))
        #expect(!s.readIDs.contains(Fixture.ids[2]))
        #expect(s.send(.character("u")) == [.setRead([Fixture.ids[2]], read: true)])
        #expect(s.readIDs.contains(Fixture.ids[2]))
        #expect(s.lastMark == nil)
        #expect(s.send(.character("u")) == [])
        #expect(s.message == StatusMessage("Nothing to undo"))
    }

    @Test func markAllAsksThenMarksTheView() {
        var s = Fixture.state()
        #expect(s.send(.character("A")) == [])
        #expect(s.overlay == .confirmMarkAll(ViewQuery(), count: 6))
        #expect(s.mode == .confirm)
        let unread = newestOrder.filter { !Fixture.state().readIDs.contains($0) }
        // The row source marks the view in one transaction; the list is read again.
        #expect(s.send(.character("y")) == [])
        #expect(s.view.unread == 0)
        #expect(s.view.rows.allSatisfy { $0.isRead })
        #expect(s.overlay == nil)
        #expect(s.readIDs == Set(Fixture.ids))
        #expect(s.lastMark == MarkRecord(ids: unread, wasRead: unread.map { _ in false }))
        // Undo restores exactly those six, leaving the two that were read before.
        #expect(s.send(.character("u")) == [.setRead(unread, read: false)])
        #expect(s.readIDs == [Fixture.ids[2], Fixture.ids[5]])
    }

    @Test(arguments: [KeyEvent.character("n"), .escape, .character("q")])
    func markAllDeclined(key: KeyEvent) {
        var s = Fixture.state()
        s.send(.character("A"))
        #expect(s.send(key) == [])
        #expect(s.overlay == nil)
        #expect(s.readIDs == Fixture.state().readIDs)
    }

    @Test func markAllIgnoresOtherKeys() {
        var s = Fixture.state()
        s.send(.character("A"), .character("j"), .character("q"))
        #expect(s.overlay == nil)  // q answered no
        s.send(.character("A"), .character("j"))
        #expect(s.mode == .confirm)
        #expect(s.list.selected == 0)
    }

    @Test func undoAfterMarkThenMarkAll() {
        var s = Fixture.state()
        s.send(.down, .down, .down, .character("m"))  // MRT unread
        s.send(.character("A"), .character("y"))
        // The undo belongs to A: the seven it marked go back to unread, MRT included.
        let effects = s.send(.character("u"))
        #expect(effects.count == 1)
        guard case .setRead(let ids, false)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(Set(ids) == Set(Fixture.ids).subtracting([Fixture.ids[5]]))
        #expect(s.readIDs == [Fixture.ids[5]])
    }

    /// A source whose unread counts are dear (the index) opens the picker with sizes alone and
    /// asks for the counts after the frame; they fill in without moving the selection.
    @Test func pickerCountsFollowItsFirstFrame() {
        var s = Fixture.state()
        let sizes = [PickerEntry(category: nil, unread: nil, total: 8), PickerEntry(category: "Politics", unread: nil, total: 3),
                     PickerEntry(category: "World", unread: nil, total: 5)]
        s.state.filter.category = "World"
        #expect(reduce(&s.state, .categoriesLoaded(sizes)) == [.countCategories])
        guard case .picker(let opened)? = s.overlay else { Issue.record("no picker"); return }
        #expect(opened.list.selected == 2)
        let screen = render(s.state, theme: .builtInDefault).text
        #expect(screen.contains("…/8") && screen.contains("…/5"))
        var counted = sizes
        counted[0].unread = 6
        counted[1].unread = 1
        counted[2].unread = 5
        #expect(reduce(&s.state, .categoriesCounted(counted)) == [])
        guard case .picker(let filled)? = s.overlay else { Issue.record("no picker"); return }
        #expect(filled.entries == counted)
        #expect(filled.list.selected == 2)
        let after = render(s.state, theme: .builtInDefault).text
        #expect(after.contains("6/8") && after.contains("1/3") && !after.contains("…/"))
        // Counts that come after the picker was closed change nothing.
        s.send(.escape)
        #expect(s.overlay == nil)
        #expect(reduce(&s.state, .categoriesCounted(counted)) == [])
        #expect(s.overlay == nil)
    }

    @Test func categoryPicker() {
        var s = Fixture.state()
        s.send(.character("c"))
        guard case .picker(let picker)? = s.overlay else { Issue.record("no picker"); return }
        #expect(picker.entries.first == PickerEntry(category: nil, unread: 6, total: 8))
        #expect(picker.entries.map { $0.category ?? "All" } ==
                ["All", "Environment", "Lifestyle", "Politics", "Technology", "Transport", "Weather", "World"])
        #expect(picker.entries[4] == PickerEntry(category: "Technology", unread: 2, total: 2))
        #expect(picker.entries[5] == PickerEntry(category: "Transport", unread: 0, total: 1))
        s.send(.down, .down, .down, .down, .enter)
        #expect(s.overlay == nil)
        #expect(s.filter.category == "Technology")
        #expect(s.visibleIDs == [Fixture.ids[0], Fixture.ids[3]])
        // Reopened, the picker starts on the current category; All clears.
        s.send(.character("c"))
        guard case .picker(let again)? = s.overlay else { Issue.record("no picker"); return }
        #expect(again.list.selected == 4)
        s.send(.character("g"), .enter)
        #expect(s.filter.category == nil)
        #expect(s.visibleIDs == newestOrder)
    }

    @Test(arguments: [KeyEvent.escape, .character("q"), .character("c")])
    func categoryPickerCancel(key: KeyEvent) {
        var s = Fixture.state()
        s.send(.character("c"), .down, key)
        #expect(s.overlay == nil)
        #expect(s.filter.category == nil)
    }

    @Test func searchIsIncrementalAndEnterKeepsIt() {
        var s = Fixture.state()
        s.send(.character("/"))
        #expect(s.mode == .search)
        #expect(s.searchPrompt == SearchPrompt(text: ""))
        s.type("SOL")
        #expect(s.filter.search == "SOL")
        #expect(s.visibleIDs == [Fixture.ids[1]])  // "solar", case-insensitive
        s.send(.backspace, .backspace)
        #expect(s.filter.search == "S")
        #expect(s.visibleIDs.count > 1)  // every word starting with s
        s.type("OLar")
        s.send(.enter)
        #expect(s.searchPrompt == nil)
        #expect(s.mode == .list)
        #expect(s.filter.search == "SOLar")
        #expect(s.visibleIDs == [Fixture.ids[1]])
    }

    @Test func searchTypingDoesNotRunCommands() {
        var s = Fixture.state()
        s.send(.character("/"))
        // No command runs: the list is searched, nothing else.
        #expect(s.type("q") == [])
        #expect(s.searchPrompt?.text == "q")
    }

    @Test func searchEscapeClears() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("tokyo")
        #expect(s.visibleIDs == [Fixture.ids[4]])  // summary match
        s.send(.escape)
        #expect(s.searchPrompt == nil)
        #expect(s.filter.search == "")
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func searchMatchesLoadedBody() {
        var s = Fixture.state()
        s.send(.enter, .character("h"))
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        s.source.bodies[Fixture.ids[0]] = Fixture.body  // what the index holds for it
        s.send(.character("/"))
        s.type("physicists")
        #expect(s.visibleIDs == [Fixture.ids[0]])
    }

    @Test func unreadOnly() {
        var s = Fixture.state()
        s.send(.character("U"))
        #expect(s.filter.unreadOnly)
        #expect(s.visibleIDs == newestOrder.filter { $0 != Fixture.ids[2] && $0 != Fixture.ids[5] })
        s.send(.character("U"))
        #expect(!s.filter.unreadOnly)
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func unreadOnlyKeepsTheArticleJustRead() {
        var s = Fixture.state()
        s.send(.character("U"), .character("m"))
        #expect(s.visibleIDs.first == Fixture.ids[0])  // read now, but under the cursor
    }

    @Test func sortCycles() {
        var s = Fixture.state()
        s.send(.down)  // the teaser
        s.send(.character("s"))
        #expect(s.sort == .oldestFirst)
        // The exact reverse of newest first (as the index orders it): undated first.
        #expect(s.visibleIDs == newestOrder.reversed())
        #expect(s.selectedArticle?.id == Fixture.ids[3])  // selection kept
        s.send(.character("s"))
        #expect(s.sort == .byCategory)
        #expect(s.visibleIDs.map { Fixture.articles[Fixture.ids.firstIndex(of: $0)!].category } ==
                ["Environment", "Lifestyle", "Politics", "Technology", "Technology", "Transport", "Weather", "World"])
        s.send(.character("s"))
        #expect(s.sort == .newestFirst)
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func rescan() {
        var s = Fixture.state()
        #expect(s.send(.character("r")) == [.rescan])
        #expect(s.message == StatusMessage("Rescanning the store…"))
    }

    @Test func help() {
        var s = Fixture.state(width: 80, height: 12)
        s.send(.character("?"))
        #expect(s.overlay == .help(ScrollState(offset: 0)))
        #expect(s.mode == .help)
        s.send(.character("j"), .character("j"))
        #expect(s.overlay == .help(ScrollState(offset: 2)))
        s.send(.character("q"))  // closes help, does not quit
        #expect(s.overlay == nil)
    }

    @Test func helpListsEveryBinding() {
        let text = render({ var s = Fixture.state(width: 80, height: 200); s.send(.character("?")); return s.state }(),
                          theme: .builtInDefault).text
        for section in Keymap.sections {
            #expect(text.contains(section.title))
            for b in section.bindings { #expect(text.contains(b.description), "\(b.description)") }
        }
    }

    @Test func openInBrowserFromList() {
        var s = Fixture.state()
        #expect(s.send(.character("o")) == [.openURL("https://example.com/quantum")])
        s.send(.down)
        #expect(s.send(.character("o")) == [])
        #expect(s.message == StatusMessage("This article has no web address"))
    }

    @Test func tabWithoutArticle() {
        var s = Fixture.state(width: 120, height: 40)
        #expect(s.send(.tab) == [])
        #expect(s.focus == .list)
        #expect(s.message != nil)
    }

    @Test func escapeOnListClearsAKeptSearch() {
        var s = Fixture.state()
        #expect(s.send(.escape) == [])
        #expect(s.mode == .list)
        #expect(s.message == nil)
        s.send(.character("/"))
        s.type("solar")
        s.send(.enter)
        #expect(s.visibleIDs == [Fixture.ids[1]])
        #expect(s.send(.escape) == [])
        #expect(s.filter.search == "")
        #expect(s.visibleIDs == newestOrder)
        #expect(s.selectedArticle?.id == Fixture.ids[1])  // the cursor stays on the article
    }

    @Test func functionKeyOneOpensHelp() {
        var s = Fixture.state()
        s.send(.function(1))
        #expect(s.mode == .help)
    }

    /// A big store's first frame shows its rows before the unread count: "…" until the count
    /// the reducer asks for arrives; a count for another view is ignored.
    @Test func rowsFirstThenCounts() throws {
        let s = Fixture.state(width: 80, height: 24)
        var state = s.state
        var uncounted = s.view
        uncounted.isCounted = false
        uncounted.unread = 0
        #expect(reduce(&state, .viewLoaded(uncounted, selected: 0)) == [.countView(uncounted.query)])
        var screen = render(state, theme: .builtInDefault).text
        #expect(screen.contains(" … unread / 8"))
        _ = reduce(&state, .viewCounted(ViewQuery(filter: Filter(unreadOnly: true)), unread: 1, categoryColumnWidth: 3))
        #expect(!state.view.isCounted)
        // A count of a newer state of the index (more articles than the rows know) waits for the
        // reload that follows.
        _ = reduce(&state, .viewCounted(uncounted.query, unread: 9, categoryColumnWidth: 11))
        #expect(!state.view.isCounted)
        #expect(render(state, theme: .builtInDefault).text.contains(" … unread / 8"))
        _ = reduce(&state, .viewCounted(uncounted.query, unread: 6, categoryColumnWidth: 11))
        screen = render(state, theme: .builtInDefault).text
        #expect(screen.contains(" 6 unread / 8"))
        #expect(state.view.categoryColumnWidth == 11)
        // A mark while a count is on its way asks for the count again.
        state.view.isCounted = false
        #expect(reduce(&state, .key(.character("m"))) == [.setRead([state.view.rows[0].article.id], read: true),
                                                         .countView(state.view.query)])
        // Asked to mark all before the count came, the prompt names the whole view.
        state.view.isCounted = false
        _ = reduce(&state, .key(.character("A")))
        #expect(state.overlay == .confirmMarkAll(uncounted.query, count: 8))
    }

    /// A y shows every row read in the key's own frame; the marks are written by the wiring
    /// (off the main loop in the reader), whose answer then makes `u` possible.
    @Test func markAllShowsAtOnceBeforeTheWriteAnswers() {
        var s = Fixture.state()
        s.send(.character("A"))
        var state = s.state
        let effects = reduce(&state, .key(.character("y")))
        #expect(effects == [.markView(s.view.query)])
        #expect(state.view.unread == 0)
        #expect(state.view.rows.allSatisfy { $0.isRead })
        #expect(state.message == StatusMessage("Marking read…"))
        #expect(render(state, theme: .builtInDefault).text.contains(" 0 unread / 8"))
        #expect(state.lastMark == nil)
    }
}
