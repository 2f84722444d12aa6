import Testing
import TidingsModel
@testable import TidingsUI

/// `/` asks the row source (FTS5 in the reader) for every key typed: headline, summary and body,
/// best matches first; stale answers are dropped; clearing the search puts the old sort back.
@Suite struct ReducerSearchTests {
    @Test func eachKeyReadsTheViewForTheNewTerm() {
        var s = Fixture.state()
        s.source.bodies[Fixture.ids[2]] = ArticleBody(blocks: [.paragraph("Jurong line signals were replaced.")])
        #expect(s.send(.character("/")) == [])
        s.type("j")
        // One character is a whole word, not a prefix: nothing has the word "j".
        #expect(s.visibleIDs == [])
        #expect(s.sort == .bestMatch)
        s.type("u")
        // "Jurong" in Singapore's summary ranks above a body match (MRT).
        #expect(s.visibleIDs == [Fixture.ids[0], Fixture.ids[2]])
        #expect(s.view.query.filter.search == "ju")
        s.type("x")
        #expect(s.visibleIDs == [])
        #expect(render(s.state, theme: .builtInDefault).text.contains("Nothing matches the filter"))
        // While the store is being read (a first build fills the search index at its end) the
        // empty result says so.
        s.dispatch(.indexing(StoreProgress(done: 3, total: 10)))
        #expect(render(s.state, theme: .builtInDefault).text.contains("Nothing matches yet: the store is still being read"))
        s.dispatch(.indexing(nil))
        #expect(render(s.state, theme: .builtInDefault).text.contains("Nothing matches the filter"))
        s.send(.backspace)
        #expect(s.filter.search == "ju")
        #expect(s.visibleIDs.count == 2)
    }

    @Test func bodyOnlyMatchIsFoundAndHighlightedWhenOpened() {
        var s = Fixture.state(width: 80, height: 24)
        s.source.bodies[Fixture.ids[0]] = Fixture.body
        s.send(.character("/"))
        s.type("physicists")
        #expect(s.visibleIDs == [Fixture.ids[0]])
        s.send(.enter, .enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        let screen = render(s.state, theme: .builtInDefault)
        // The word is drawn in the match style wherever it shows in the article (the status
        // line, last, shows the kept search term in its own style).
        var marked = 0
        for y in 0..<screen.height - 1 {
            let line = screen.line(y)
            guard let r = line.range(of: "physicists") else { continue }
            let x = TextWidth.of(line[..<r.lowerBound])
            #expect(screen[x, y].style == Theme.builtInDefault[.searchMatch])
            marked += 1
        }
        #expect(marked >= 1)
    }

    @Test func everyWordMustMatchAndWordsMatchTheirStarts() {
        var s = Fixture.state()
        s.send(.character("/"))
        s.type("solar roofs")
        #expect(s.visibleIDs == [Fixture.ids[1]])
        s.send(.escape, .character("/"))
        s.type("olar")  // inside a word: not a word start
        #expect(s.visibleIDs == [])
    }

    @Test func clearingTheSearchRestoresTheSort() {
        var s = Fixture.state()
        s.send(.character("s"))  // oldest first
        #expect(s.sort == .oldestFirst)
        s.send(.character("/"))
        s.type("the")
        #expect(s.sort == .bestMatch)
        // s cycles through best match while searching.
        s.send(.enter, .character("s"))
        #expect(s.sort == .newestFirst)
        s.send(.character("s"), .character("s"), .character("s"))
        #expect(s.sort == .bestMatch)
        s.send(.character("s"), .character("s"), .character("s"))
        #expect(s.sort == .byCategory)
        s.send(.character("/"), .escape)
        #expect(s.filter.search == "")
        #expect(s.sort == .oldestFirst)
        #expect(s.view.total == Fixture.articles.count)
        // Without a search, best match is not in the cycle.
        s.send(.character("s"), .character("s"), .character("s"))
        #expect(s.sort == .oldestFirst)
    }

    @Test func searchWithUnreadOnly() {
        var s = Fixture.state()
        s.send(.character("U"), .character("/"))
        s.type("the")
        #expect(!s.visibleIDs.isEmpty)
        #expect(s.visibleIDs.allSatisfy { !s.readIDs.contains($0) })
        #expect(s.view.total == s.view.unread)
    }

    /// An answer for a view that is no longer current changes nothing.
    @Test func staleAnswersAreDropped() {
        var s = Fixture.state()
        let old = s.view
        s.send(.character("/"))
        s.type("tokyo")
        #expect(s.visibleIDs == [Fixture.ids[4]])
        s.dispatch(.viewLoaded(old, selected: 3))
        #expect(s.visibleIDs == [Fixture.ids[4]])
        #expect(s.list.selected == 0)
        s.dispatch(.rowsLoaded(old.query, offset: 0, rows: old.rows))
        #expect(s.visibleIDs == [Fixture.ids[4]])
    }

    /// The wiring answers a search off the main loop: until it does, the old rows stay and the
    /// status line says a search is running; a new search starts at the top.
    @Test func theStatusLineSaysSoWhileASearchIsUnanswered() throws {
        var s = Fixture.state()
        s.send(.down, .down, .character("/"))
        var state = s.state
        let effects = reduce(&state, .key(.character("h")))
        guard case .loadView(let query, let keeping, let near, _)? = effects.first, effects.count == 1 else {
            Issue.record("expected one loadView, got \(effects)")
            return
        }
        #expect(query.filter.search == "h" && keeping == nil && near == 0)
        #expect(state.isSearching)
        #expect(state.view.total == Fixture.articles.count)
        #expect(render(state, theme: .builtInDefault).text.contains("searching…"))
        let answer = try #require(perform(effects[0], with: s.source))
        _ = reduce(&state, answer)
        #expect(!state.isSearching)
        #expect(state.list.selected == 0)
        #expect(!render(state, theme: .builtInDefault).text.contains("searching…"))
    }
}
