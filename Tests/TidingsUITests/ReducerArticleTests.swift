import Testing
import TidingsModel
@testable import TidingsUI

@Suite struct ReducerArticleTests {
    /// The Singapore article open with its body, on a short screen so it scrolls.
    func reading(height: Int = 10) -> Reader {
        var s = Fixture.state(width: 60, height: height)
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        return s
    }

    @Test(arguments: [KeyEvent.character("h"), .left, .escape, .character("q")])
    func backToList(key: KeyEvent) {
        var s = reading()
        #expect(s.send(key) == [])
        #expect(s.focus == .list)
        #expect(s.mode == .list)
        #expect(s.openID == Fixture.ids[0])  // still shown in a split pane
    }

    @Test func scrollKeys() {
        var s = reading()
        let rows = s.layout.articleRows
        let total = s.articleLineCount
        #expect(rows == 8)
        #expect(total > 2 * rows)
        s.send(.character("j"), .down)
        #expect(s.articleScroll.offset == 2)
        s.send(.character("k"))
        #expect(s.articleScroll.offset == 1)
        s.send(.character(" "))
        #expect(s.articleScroll.offset == 8)
        s.send(.character("b"))
        #expect(s.articleScroll.offset == 1)
        s.send(.pageDown, .pageUp, .up, .up)
        #expect(s.articleScroll.offset == 0)
        s.send(.character("G"))
        #expect(s.articleScroll.offset == total - rows)
        s.send(.character("j"), .character(" "))
        #expect(s.articleScroll.offset == total - rows)  // stops at the end
        s.send(.character("g"))
        #expect(s.articleScroll.offset == 0)
        s.send(.end, .home)
        #expect(s.articleScroll.offset == 0)
        #expect(s.list.selected == 0)  // the list did not move
    }

    @Test func nextAndPreviousArticle() {
        var s = reading()
        let teaser = Fixture.articles[3]
        #expect(s.send(.character("J")) == [.setRead([teaser.id], read: true)])
        #expect(s.openID == teaser.id)
        #expect(s.list.selected == 1)
        #expect(s.articleScroll.offset == 0)
        let hawker = Fixture.articles[1]
        #expect(s.send(.character("J")) == [.loadBody(hawker), .setRead([hawker.id], read: true)])
        #expect(s.send(.character("K")) == [])  // teaser: read now, no body
        #expect(s.openID == teaser.id)
        s.send(.character("K"))
        #expect(s.openID == Fixture.ids[0])
        #expect(s.send(.character("K")) == [])
        #expect(s.message == StatusMessage("This is the first article"))
    }

    @Test func nextUnreadWhileReading() {
        var s = reading()
        s.send(.character("J"), .character("J"))  // folding phone, Hawker: now read
        let tokyo = Fixture.articles[4]
        #expect(s.send(.character("n")) == [.loadBody(tokyo), .setRead([tokyo.id], read: true)])  // skips MRT
        #expect(s.openID == tokyo.id)
        #expect(s.send(.character("p")) == [])
        #expect(s.message == StatusMessage("No unread article above"))
    }

    @Test func toggleReadWhileReading() {
        var s = reading()
        #expect(s.send(.character("m")) == [.setRead([Fixture.ids[0]], read: false)])
        #expect(!s.readIDs.contains(Fixture.ids[0]))
        #expect(s.send(.character("u")) == [.setRead([Fixture.ids[0]], read: true)])
        #expect(s.readIDs.contains(Fixture.ids[0]))
    }

    @Test func linksAndWebPage() {
        var s = reading()
        #expect(s.send(.character("o")) == [.openURL("https://example.com/quantum")])
        #expect(s.send(.character("1")) == [.openURL("https://example.com/company")])
        #expect(s.send(.character("2")) == [.openURL("https://example.com/round")])
        #expect(s.send(.character("3")) == [])
        #expect(s.message == StatusMessage("No link 3"))
    }

    /// Sixteen links: [1]-[16] all reachable; a second digit or Enter after a first that can
    /// begin a two-digit number.
    @Test func linksPastNineTakeTwoDigits() {
        var s = Fixture.state(width: 60, height: 10)
        s.send(.enter)
        let links = (1...16).map { ArticleLink(text: "link \($0)", url: "https://example.com/\($0)") }
        s.dispatch(.bodyLoaded(Fixture.ids[0], ArticleBody(blocks: [.paragraph("Text")], links: links)))
        #expect(s.send(.character("1")) == [])
        #expect(s.message?.text.contains("[10]-[16]") == true)
        #expect(s.send(.character("6")) == [.openURL("https://example.com/16")])
        #expect(s.send(.character("1")) == [])
        #expect(s.send(.enter) == [.openURL("https://example.com/1")])
        #expect(s.send(.character("2")) == [.openURL("https://example.com/2")])  // no [20]: at once
        #expect(s.send(.character("1")) == [])
        #expect(s.send(.character("7")) == [])
        #expect(s.message == StatusMessage("No link 17"))
    }

    @Test func articleWithoutURL() {
        var s = Fixture.state()
        s.send(.character("j"), .character("j"), .enter)  // Hawker
        #expect(s.send(.character("o")) == [])
        #expect(s.message == StatusMessage("This article has no web address"))
        #expect(s.send(.character("1")) == [])  // body not loaded yet
    }

    @Test func tabSwitchesFocusInSplitView() {
        var s = Fixture.state(width: 120, height: 40)
        s.send(.enter)
        #expect(s.focus == .article)
        s.send(.tab)
        #expect(s.focus == .list)
        #expect(s.mode == .list)
        s.send(.down)  // moving the list does not change the open article
        #expect(s.openID == Fixture.ids[0])
        s.send(.tab)
        #expect(s.focus == .article)
    }

    @Test func rescanWhileReading() {
        var s = reading()
        #expect(s.send(.character("r")) == [.rescan])
        #expect(s.mode == .article)
    }

    @Test func helpWhileReading() {
        var s = reading()
        s.send(.character("?"))
        #expect(s.mode == .help)
        s.send(.escape)
        #expect(s.mode == .article)
    }
}

@Suite struct ReducerActionTests {
    @Test func bodyLoaded() {
        var s = Fixture.state()
        s.send(.enter)
        #expect(s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body)) == [])
        #expect(s.bodies[Fixture.ids[0]] == .loaded(Fixture.body))
    }

    @Test func bodyFailed() {
        var s = Fixture.state()
        s.send(.enter)
        #expect(s.dispatch(.bodyFailed(Fixture.ids[0], "file vanished")) == [])
        #expect(s.bodies[Fixture.ids[0]] == .failed("file vanished"))
        #expect(s.message == StatusMessage("Could not load the article: file vanished", isError: true))
        // Reopening tries again.
        s.send(.character("h"))
        #expect(s.send(.enter) == [.loadBody(Fixture.articles[0])])
    }

    @Test func marksFailed() {
        var s = Fixture.state()
        #expect(s.dispatch(.marksFailed("disk full")) == [])
        #expect(s.message == StatusMessage("Could not save read marks: disk full", isError: true))
    }

    /// A mark that could not be saved is not shown as made: the view is read again from the
    /// store (which still holds the old flag) and `u` has nothing to undo.
    @Test func aMarkThatWasNotSavedIsReadBackAndCannotBeUndone() {
        var s = Fixture.state()
        let id = s.ids[0]
        let unread = s.view.unread
        #expect(s.send(.character("m")).contains(.setRead([id], read: true)))
        #expect(s.view.rows.first { $0.article.id == id }?.isRead == true)
        // The store refused the write: it still holds the article unread.
        s.source.setRead([id], read: false)
        s.dispatch(.marksFailed("read-only"))
        #expect(s.view.rows.first { $0.article.id == id }?.isRead == false)
        #expect(s.view.unread == unread)
        s.send(.character("u"))
        #expect(s.message == StatusMessage("Nothing to undo"))
    }

    @Test func status() {
        var s = Fixture.state()
        #expect(s.dispatch(.status("Hello")) == [])
        #expect(s.message == StatusMessage("Hello"))
        s.send(.down)
        #expect(s.message == nil)  // a message lasts until the next key
    }

    @Test func storeChangeKeepsSelection() {
        var s = Fixture.state()
        s.send(.down, .down)  // Hawker
        let newer = Fixture.article("Brand new story", "Fresh.", "2025-11-05", "World")
        s.source.replace(articles: [newer] + Fixture.articles)
        let effects = s.dispatch(.storeChanged(StoreSummary(newestDate: Fixture.date("2025-11-05"), skipped: 2)))
        #expect(effects == [])
        #expect(s.view.total == 9)
        #expect(!s.view.storeIsEmpty)
        #expect(s.visibleIDs.first == newer.id)
        #expect(s.selectedArticle?.id == Fixture.ids[1])
        #expect(s.list.selected == 3)
        #expect(s.weather == [])
        #expect(s.newestDate == Fixture.date("2025-11-05"))
        #expect(s.message == StatusMessage("2 pages skipped (unreadable): tidings doctor lists them", isError: true))
    }

    /// A cursor left on the first row follows the top as newer articles arrive.
    @Test func storeChangeKeepsACursorAtTheTopAtTheTop() {
        var s = Fixture.state()
        let newer = Fixture.article("Brand new story", "Fresh.", "2025-11-05", "World")
        s.storeChanged(articles: [newer] + Fixture.articles)
        #expect(s.list.selected == 0)
        #expect(s.selectedArticle?.id == newer.id)
    }

    @Test func storeChangeReloadsOpenBody() {
        var s = Fixture.state()
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        let effects = s.dispatch(.storeChanged(StoreSummary(weather: Fixture.weather)))
        #expect(effects == [.loadBody(Fixture.articles[0])])
        #expect(s.bodies == [Fixture.ids[0]: .loading])
        #expect(s.message == nil)
    }

    /// The open article stays on screen when its row leaves the store; the cursor stays put.
    @Test func storeChangeWithoutTheSelectedArticle() {
        var s = Fixture.state()
        s.send(.down, .down)
        s.storeChanged(articles: Fixture.articles.filter { $0.id != Fixture.ids[2] })
        #expect(s.view.total == 7)
        #expect(s.list.selected == 2)
        #expect(!s.visibleIDs.contains(Fixture.ids[2]))
    }

    @Test func storeEmptied() {
        var s = Fixture.state()
        s.send(.character("G"))
        s.storeChanged(articles: [])
        #expect(s.view.total == 0 && s.view.rows.isEmpty)
        #expect(s.list == ListState())
        #expect(s.send(.enter, .character("m"), .character("A"), .character("n"), .character("o")) == [])
        #expect(render(s.state, theme: .builtInDefault).text.contains("No articles in the store"))
    }

    @Test func resizeKeepsSelectionVisible() {
        var s = longState()
        s.send(.character("G"))
        #expect(s.list == ListState(selected: 49, offset: 41))
        #expect(s.dispatch(.resize(width: 40, height: 30)) == [])
        #expect(s.width == 40 && s.height == 30)
        #expect(s.list == ListState(selected: 49, offset: 23))
        s.dispatch(.resize(width: 40, height: 6))
        #expect(s.list == ListState(selected: 49, offset: 47))
        s.dispatch(.resize(width: 0, height: 0))
        #expect(s.list.selected == 49)
        _ = render(s.state, theme: .builtInDefault)
    }

    @Test func resizeClampsArticleScroll() {
        var s = Fixture.state(width: 60, height: 10)
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        s.send(.character("G"))
        s.dispatch(.resize(width: 60, height: 60))
        #expect(s.articleScroll.offset == 0)
    }

    @Test func mouse() {
        var s = Fixture.state()
        // Row 0 is the weather bar, row 1 the list header: row 4 is the third headline.
        s.send(.mouse(MouseEvent(kind: .click, x: 5, y: 4)))
        #expect(s.list.selected == 2)
        s.send(.mouse(MouseEvent(kind: .wheelDown, x: 5, y: 4)))
        #expect(s.list.selected == 5)
        s.send(.mouse(MouseEvent(kind: .click, x: 5, y: 20)))  // below the last headline
        #expect(s.list.selected == 5)
        let effects = s.send(.mouse(MouseEvent(kind: .doubleClick, x: 5, y: 2)))
        #expect(effects == [.loadBody(Fixture.articles[0]), .setRead([Fixture.ids[0]], read: true)])
        #expect(s.openID == Fixture.ids[0])
    }
}

@Suite struct ReducerArticleListKeysTests {
    @Test func filterKeysWhileReadingGoBackToTheList() {
        var s = Fixture.state()
        s.send(.enter, .character("/"))
        #expect(s.focus == .list)
        #expect(s.mode == .search)
        s.send(.escape, .enter, .character("U"))
        #expect(s.mode == .list)
        #expect(s.filter.unreadOnly)
        s.send(.enter, .character("s"))
        #expect(s.sort == .oldestFirst)
        s.send(.enter, .character("c"))
        #expect(s.mode == .picker)
        s.send(.escape, .enter, .character("A"))
        #expect(s.mode == .confirm)
    }
}
