import Testing
import TidingsModel
@testable import TidingsUI

/// `/` searches bodies too: headline and summary matches show at once, the body search runs in
/// the wiring (`Effect.searchBodies`) and its answer (`Action.bodyMatches`) joins the view.
@Suite struct ReducerBodySearchTests {
    @Test func eachKeyAsksForTheBodiesOfTheNewTerm() {
        var s = Fixture.state()
        #expect(s.send(.character("/")) == [])
        #expect(s.bodySearch == nil)
        #expect(s.type("j") == [.searchBodies("j")])
        #expect(s.visibleIDs == [Fixture.ids[0]])  // "Jurong" in the summary, at once
        #expect(s.type("x") == [.searchBodies("jx")])
        #expect(s.bodySearch == BodySearch(query: "jx", ids: nil))
        #expect(s.isSearchingBodies)
        // No headline or summary holds "jx": nothing shown until the bodies answer.
        #expect(s.visibleIDs == [])
        #expect(s.send(.backspace) == [.searchBodies("j")])
        #expect(s.filter.search == "j")
        #expect(s.bodySearch == BodySearch(query: "j", ids: nil))
    }

    @Test func answerForTheCurrentTermAddsBodyMatches() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("physicists")
        #expect(s.visibleIDs == [])
        #expect(reduce(&s, .bodyMatches(query: "physicists", ids: [Fixture.ids[0], Fixture.ids[2]])) == [])
        #expect(s.bodySearch == BodySearch(query: "physicists", ids: [Fixture.ids[0], Fixture.ids[2]]))
        #expect(!s.isSearchingBodies)
        // In the view's sort order: Singapore (11-04) before MRT (11-02).
        #expect(s.visibleIDs == [Fixture.ids[0], Fixture.ids[2]])
        #expect(s.list == ListState(selected: 0, offset: 0))
        // Enter keeps the filter without asking again: the answer is in.
        #expect(s.send(.enter) == [])
        #expect(s.searchPrompt == nil)
        #expect(s.visibleIDs == [Fixture.ids[0], Fixture.ids[2]])
    }

    @Test func bodyMatchesJoinHeadlineMatches() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("solar")
        #expect(s.visibleIDs == [Fixture.ids[1]])
        _ = reduce(&s, .bodyMatches(query: "solar", ids: [Fixture.ids[4], Fixture.ids[1]]))
        #expect(s.visibleIDs == [Fixture.ids[1], Fixture.ids[4]])
    }

    @Test func staleAnswerIsDropped() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("jx")
        // The answer for "j" arrives after "jx" was typed: it says nothing about "jx".
        #expect(reduce(&s, .bodyMatches(query: "j", ids: [Fixture.ids[2]])) == [])
        #expect(s.bodySearch == BodySearch(query: "jx", ids: nil))
        #expect(s.visibleIDs == [])
        // After Esc no answer counts either.
        s.send(.escape)
        _ = reduce(&s, .bodyMatches(query: "jx", ids: [Fixture.ids[2]]))
        #expect(s.bodySearch == nil)
        #expect(s.filter.search == "")
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func escapeAndClearDropTheBodySearch() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("wx")
        #expect(s.send(.escape) == [])
        #expect(s.bodySearch == nil)
        s.send(.character("/"))
        s.type("wx")
        _ = reduce(&s, .bodyMatches(query: "wx", ids: [Fixture.ids[2]]))
        s.send(.enter)
        #expect(s.visibleIDs == [Fixture.ids[2]])
        // Esc on the list clears a kept search, body matches included.
        #expect(s.send(.escape) == [])
        #expect(s.bodySearch == nil)
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func erasingTheWholeTermAsksNothing() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("a")
        #expect(s.send(.backspace) == [])
        #expect(s.bodySearch == nil)
        #expect(s.visibleIDs == newestOrder)
    }

    @Test func rescanSearchesTheNewLibraryAgain() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("physicists")
        _ = reduce(&s, .bodyMatches(query: "physicists", ids: [Fixture.ids[0]]))
        s.send(.enter)
        let effects = reduce(&s, .libraryLoaded(articles: Fixture.articles, weather: Fixture.weather,
                                                newestDate: nil, skipped: 0))
        #expect(effects == [.searchBodies("physicists")])
        #expect(s.bodySearch == BodySearch(query: "physicists", ids: nil))
        #expect(s.visibleIDs == [])
        _ = reduce(&s, .bodyMatches(query: "physicists", ids: [Fixture.ids[0]]))
        #expect(s.visibleIDs == [Fixture.ids[0]])
    }

    @Test func bodyMatchesKeepTheCursorOnItsArticle() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("the")
        s.send(.down, .down)
        let before = s.selectedArticle?.id
        _ = reduce(&s, .bodyMatches(query: "the", ids: [Fixture.ids[7]]))
        #expect(s.selectedArticle?.id == before)
        #expect(s.visibleIDs.last == Fixture.ids[7])
    }
}

@Suite struct SearchHighlightTests {
    /// Every match of the kept search is drawn in the `search_match` style in the article.
    @Test func articlePaneMarksEveryMatch() throws {
        let theme = Theme.builtInDefault
        var s = Fixture.state(width: 80, height: 24)
        s.send(.character("/"))
        s.type("JURONG")
        s.send(.enter, .enter)
        _ = reduce(&s, .bodyLoaded(Fixture.ids[0], Fixture.body))
        let buffer = render(s, theme: theme)
        var marked = 0
        for y in 0..<buffer.height {
            let line = buffer.line(y)
            guard let r = line.range(of: "Jurong") else { continue }
            let x = line.distance(from: line.startIndex, to: r.lowerBound)
            for col in x..<x + 6 { #expect(buffer[col, y].style == theme[.searchMatch], "row \(y)") }
            #expect(buffer[x - 1, y].style != theme[.searchMatch])
            #expect(buffer[x + 6, y].style != theme[.searchMatch])
            marked += 1
        }
        // The standfirst and the subheading.
        #expect(marked == 2)
    }
}
