import Testing
import TestSupport
import TidingsModel
@testable import TidingsUI

/// Whole screens compared with text files in Golden/ (run with UPDATE_GOLDEN=1 to rewrite them,
/// then review the diff).
@Suite struct GoldenScreenTests {
    static let sizes = [(120, 40), (80, 24), (60, 20), (30, 10)]
    let theme = Theme.builtInDefault

    func screen(_ w: Int, _ h: Int, _ setup: (inout Reader) -> Void = { _ in }) -> Buffer {
        var reader = Fixture.state(width: w, height: h)
        setup(&reader)
        return render(reader.state, theme: theme)
    }

    @Test(arguments: sizes) func list(w: Int, h: Int) {
        assertGolden(screen(w, h), "list_\(w)x\(h)")
    }

    /// Opened and its body loaded: full screen when narrow, split when wide.
    @Test(arguments: sizes) func article(w: Int, h: Int) {
        assertGolden(screen(w, h) { s in
            s.send(.enter)
            s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        }, "article_\(w)x\(h)")
    }

    @Test func articleLoading() {
        assertGolden(screen(80, 24) { s in s.send(.enter) }, "article_loading_80x24")
    }

    @Test func articleScrolledToEnd() {
        assertGolden(screen(60, 20) { s in
            s.send(.enter)
            s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
            s.send(.character("G"))
        }, "article_end_60x20")
    }

    /// Split view before anything is opened, and with focus back on the list.
    @Test func splitView() {
        assertGolden(screen(120, 40), "split_preview_120x40")
        assertGolden(screen(100, 30) { s in
            s.send(.down, .enter)
            s.dispatch(.bodyLoaded(Fixture.ids[1], ArticleBody(blocks: [.paragraph("Short body.")])))
            s.send(.tab)
        }, "split_focus_list_100x30")
    }

    @Test(arguments: sizes) func help(w: Int, h: Int) {
        assertGolden(screen(w, h) { s in s.send(.character("?")) }, "help_\(w)x\(h)")
    }

    @Test(arguments: sizes) func categoryPicker(w: Int, h: Int) {
        assertGolden(screen(w, h) { s in s.send(.character("c"), .down) }, "picker_\(w)x\(h)")
    }

    @Test(arguments: sizes) func search(w: Int, h: Int) {
        assertGolden(screen(w, h) { s in
            s.send(.character("/"))
            s.type("the")
        }, "search_\(w)x\(h)")
    }

    /// A body-only match joins the list; opened, the match is marked in the article.
    @Test func searchBodyMatchOpened() {
        assertGolden(screen(80, 24) { s in
            s.source.bodies[Fixture.ids[0]] = Fixture.body
            s.send(.character("/"))
            s.type("physicists")
            s.send(.enter, .enter)
            s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        }, "search_body_match_article_80x24")
    }

    @Test func searchKeptAndFiltered() {
        assertGolden(screen(80, 24) { s in
            s.send(.character("/"))
            s.type("solar")
            s.send(.enter, .character("U"))
        }, "search_kept_unread_80x24")
    }

    @Test(arguments: sizes) func teaser(w: Int, h: Int) {
        // The teaser is the second newest: g, then j onto it.
        assertGolden(screen(w, h) { s in
            s.send(.character("g"), .down, .enter)
        }, "teaser_\(w)x\(h)")
    }

    @Test func confirmMarkAll() {
        assertGolden(screen(80, 24) { s in s.send(.character("A")) }, "confirm_80x24")
    }

    @Test func sortedByCategory() {
        assertGolden(screen(80, 24) { s in s.send(.character("s"), .character("s")) }, "sort_category_80x24")
    }

    /// CJK and emoji rows: the category and date columns stay aligned with ASCII rows.
    @Test func wideCharacters() {
        let headlines = ["東京の新しい図書館が開館しました、ロボットの書庫も", "Emoji 🎉🎉🎉 party at the 🏟️ stadium",
                         "Family 👨‍👩‍👧 day out", "Plain ASCII headline here", "한국어 기사 제목이 길어요 정말 길어요",
                         "Ｆｕｌｌｗｉｄｔｈ letters", "Combining: e\u{301}te\u{301} cafe\u{301}"]
        let articles = headlines.enumerated().map { i, h in
            Fixture.article(h, "Summary \(i).", "2025-11-0\(i + 1)", i % 2 == 0 ? "世界" : "Fun🎈")
        }
        for (w, h) in [(80, 12), (61, 12), (30, 10)] {
            var state = Reader(articles: articles, readIDs: [], width: w, height: h)
            state.weather = [
                WeatherReading(region: "東京", celsius: 12, date: nil),
                WeatherReading(region: "Zürich", celsius: -3.5, date: nil),
            ]
            state.newestDate = nil
            assertGolden(render(state.state, theme: theme), "wide_\(w)x\(h)")
            state.send(.enter)
            state.dispatch(.bodyLoaded(state.openID!, ArticleBody(blocks: [
                .paragraph("日本語の文章は単語の間に空白がないので、行の幅で折り返されます。これは長い段落です。"),
                .paragraph("Mixed: 東京 and 🎉 and words that wrap around nicely."),
            ])))
            assertGolden(render(state.state, theme: theme), "wide_article_\(w)x\(h)")
        }
    }

    /// Tiny and degenerate sizes: a notice, never a crash or an overflowing row.
    @Test func tinySizes() {
        for (w, h) in [(1, 1), (10, 3), (19, 24), (80, 4), (20, 5)] {
            let buffer = screen(w, h) { s in s.send(.enter, .character("?")) }
            #expect(buffer.width == w && buffer.height == h)
            assertGolden(buffer, "tiny_\(w)x\(h)")
        }
        #expect(screen(0, 0).cells.isEmpty)
        #expect(screen(0, 5).cells.isEmpty)
    }

    @Test func weatherOverflowShowsPlusN() {
        var state = Fixture.state(width: 40, height: 10)
        state.weather = (1...6).map { WeatherReading(region: "Region\($0)", celsius: Double($0 * 7), date: nil) }
        let bar = render(state.state, theme: theme).line(0)
        #expect(bar == " 2025-11-04  Region1 7.0°C  +5          ")
    }

    /// Every overlay at every size keeps each row exactly the screen's width.
    @Test func rowsNeverOverflow() {
        for w in [1, 2, 5, 19, 20, 21, 33, 59, 60, 99, 100, 101, 140] {
            for h in [1, 2, 5, 6, 11, 30] {
                for keys in [[KeyEvent](), [.enter], [.character("?")], [.character("c")], [.character("/")], [.character("A")]] {
                    var state = Fixture.state(width: w, height: h)
                    for k in keys { state.dispatch(.key(k)) }
                    state.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
                    let buffer = render(state.state, theme: theme)
                    for y in 0..<h {
                        #expect(TextWidth.of(buffer.line(y)) + (0..<w).filter { buffer[$0, y].grapheme.isEmpty && !buffer[$0, y].isContinuation }.count == w,
                                "row \(y) at \(w)x\(h) after \(keys)")
                        // A continuation cell always follows a wide grapheme.
                        for x in 0..<w where buffer[x, y].isContinuation {
                            #expect(x > 0 && TextWidth.of(buffer[x - 1, y].grapheme) == 2)
                        }
                    }
                }
            }
        }
    }
}

/// The demo store that ships inside the program, as a first start shows it. These change when
/// the demo pages change: regenerate with UPDATE_GOLDEN=1 and review.
@Suite struct DemoStoreGoldenTests {
    static let library = Library.demo()

    func state(_ w: Int, _ h: Int) -> Reader {
        let lib = Self.library
        var reader = Reader(articles: lib.articles, readIDs: [], width: w, height: h)
        reader.dispatch(.storeChanged(StoreSummary(weather: lib.weather, newestDate: lib.newestDate)))
        return reader
    }

    @Test(arguments: GoldenScreenTests.sizes) func demoList(w: Int, h: Int) {
        assertGolden(render(state(w, h).state, theme: .builtInDefault), "demo_list_\(w)x\(h)")
    }

    @Test(arguments: GoldenScreenTests.sizes) func demoArticle(w: Int, h: Int) throws {
        var s = state(w, h)
        s.send(.down, .enter)
        let article = try #require(s.openArticle)
        s.dispatch(.bodyLoaded(article.id, try Self.library.body(of: article)))
        assertGolden(render(s.state, theme: .builtInDefault), "demo_article_\(w)x\(h)")
    }
}
