import Testing
import TestSupport
import TidingsModel
@testable import TidingsUI

/// `*` stars the article under the cursor (or the open one), the row shows ★, `u` puts the star
/// back as it was, and the picker's "Starred" entry shows only starred articles.
@Suite struct StarTests {
    @Test func starShowsAtOnceAndUndoRestoresIt() {
        var reader = Fixture.state(width: 80, height: 24)
        let id = reader.state.view.rows[0].article.id
        #expect(reader.send(.character("*")) == [.setStarred([id], starred: true)])
        #expect(reader.state.view.rows[0].isStarred)
        #expect(reader.state.message?.text == "Starred (u undoes)")
        // Stars leave the read mark alone.
        #expect(!reader.state.view.rows[0].isRead)
        #expect(reader.send(.character("u")) == [.setStarred([id], starred: false)])
        #expect(!reader.state.view.rows[0].isStarred)
    }

    @Test func starWhileReadingStarsTheOpenArticle() {
        var reader = Fixture.state(width: 80, height: 24)
        _ = reader.send(.character("j"), .enter)
        let open = try! #require(reader.state.openID)
        #expect(reader.send(.character("*")).contains(.setStarred([open], starred: true)))
    }

    @Test func theStarredPickerEntryFiltersToStars() {
        var reader = Fixture.state(width: 80, height: 24)
        _ = reader.send(.character("c"))
        _ = reduce(&reader.state, .categoriesLoaded([PickerEntry(category: nil, unread: 5, total: 9),
                                                 PickerEntry(category: nil, unread: 1, total: 2, starred: true),
                                                 PickerEntry(category: "Tech", unread: 2, total: 3)]))
        let picker = render(reader.state, theme: .builtInDefault).text
        #expect(picker.contains("★ Starred"))
        _ = reader.send(.down, .enter)
        #expect(reader.state.filter.starredOnly)
        #expect(reader.state.filter.category == nil)
        #expect(reader.state.message?.text == "Starred articles")
    }

    @Test func aStarredRowIsMarked() {
        var reader = Fixture.state(width: 80, height: 24)
        _ = reader.send(.character("*"))
        assertGolden(render(reader.state, theme: .builtInDefault), "starred_80x24")
    }
}
