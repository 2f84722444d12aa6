import Testing
import TidingsModel
@testable import TidingsUI

/// Styles the golden text files cannot show, asserted cell by cell.
@Suite struct StyleTests {
    let theme = Theme.builtInDefault

    func firstColumn(of text: String, in buffer: Buffer, row y: Int) -> Int? {
        let line = buffer.line(y)
        guard let r = line.range(of: text) else { return nil }
        return TextWidth.of(line[..<r.lowerBound])
    }

    @Test func temperaturesStyledColdMildHot() {
        let s = Fixture.state(width: 120, height: 10)
        let b = render(s.state, theme: theme)
        #expect(b[try! #require(firstColumn(of: "30.3°C", in: b, row: 0)), 0].style == theme[.tempHot])
        #expect(b[try! #require(firstColumn(of: "14.2°C", in: b, row: 0)), 0].style == theme[.tempCold])
        #expect(b[try! #require(firstColumn(of: "22.0°C", in: b, row: 0)), 0].style == theme[.tempMild])
        #expect(b[try! #require(firstColumn(of: "Singapore", in: b, row: 0)), 0].style == theme[.weatherBar])
        #expect(WeatherBar.temperatureElement(15) == .tempMild)
        #expect(WeatherBar.temperatureElement(14.9) == .tempCold)
        #expect(WeatherBar.temperatureElement(28) == .tempHot)
    }

    @Test func weatherUsesEachRegionsLatestReading() {
        #expect(WeatherBar.latest(Fixture.weather).map(\.celsius) == [30.3, 14.2, 9.5, 22.0])
        let older = [WeatherReading(region: "X", celsius: 1, date: Fixture.date("2025-01-02")),
                     WeatherReading(region: "X", celsius: 2, date: Fixture.date("2025-01-01"))]
        #expect(WeatherBar.latest(older).map(\.celsius) == [1])
    }

    @Test func listRowStyles() {
        var s = Fixture.state(width: 80, height: 24)
        let b = render(s.state, theme: theme)
        // Row 2 is the selected first headline: the whole row highlighted.
        #expect((0..<80).allSatisfy { b[$0, 2].style == theme[.listSelected] })
        #expect(b[3, 3].style == theme[.listTeaser])  // the teaser marker
        #expect(b[try! #require(firstColumn(of: "Why the MRT", in: b, row: 5)), 5].style == theme[.listRead])
        #expect(b[try! #require(firstColumn(of: "Hawker", in: b, row: 4)), 4].style == theme[.listUnread])
        #expect(b[try! #require(firstColumn(of: "Environment", in: b, row: 4)), 4].style == theme[.category])
        #expect(b[try! #require(firstColumn(of: "2025-11-03", in: b, row: 4)), 4].style == theme[.date])
        s.send(.character("/"))
        s.type("solar")
        let searched = render(s.state, theme: theme)
        let col = try! #require(firstColumn(of: "solar", in: searched, row: 2))
        #expect((col..<col + 5).allSatisfy { searched[$0, 2].style == theme[.searchMatch] })
        #expect(searched[col - 1, 2].style != theme[.searchMatch])
    }

    @Test func articleStyles() {
        var s = Fixture.state(width: 80, height: 40)
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        let b = render(s.state, theme: theme)
        func style(of text: String) -> Style? {
            for y in 0..<b.height { if let x = firstColumn(of: text, in: b, row: y) { return b[x, y].style } }
            return nil
        }
        #expect(style(of: "Singapore startup") == theme[.articleHeadline])
        #expect(style(of: "2025-11-04 · Technology") == theme[.articleMeta])
        #expect(style(of: "The round was led") == theme[.articleStandfirst])
        #expect(style(of: "A lab in Jurong") == theme[.articleSubheading])
        #expect(style(of: "Image credit: Salon") == theme[.articleCredit])
        #expect(style(of: "[1] Company site") == theme[.articleLink])
        #expect(style(of: "The company, founded") == theme[.articleBody])
    }

    @Test func errorMessagesUseTheErrorStyle() {
        var s = Fixture.state()
        s.dispatch(.marksFailed("disk full"))
        let b = render(s.state, theme: theme)
        #expect(b[1, 23].style == theme[.statusError])
        #expect(b.line(23).hasPrefix(" Could not save read marks: disk full"))
    }
}

@Suite struct OverlayStyleTests {
    @Test func pickerHighlightsTheChosenRow() {
        var s = Fixture.state()
        s.send(.character("c"), .down)
        let b = render(s.state, theme: .builtInDefault)
        let row = try! #require((0..<b.height).first { b.line($0).contains("Environment ") && b.line($0).contains("1/1") })
        let x = try! #require((0..<b.width).first { b[$0, row].grapheme == "E" })
        #expect(b[x, row].style == Theme.builtInDefault[.listSelected])
        let allRow = row - 1
        #expect(b[x, allRow].style == Theme.builtInDefault[.dialog])
    }

    @Test func articlePositionInStatusLine() {
        var s = Fixture.state(width: 60, height: 10)
        s.send(.enter)
        s.dispatch(.bodyLoaded(Fixture.ids[0], Fixture.body))
        #expect(render(s.state, theme: .builtInDefault).line(9).hasSuffix(" 0% "))
        s.send(.character("G"))
        #expect(render(s.state, theme: .builtInDefault).line(9).hasSuffix(" 100% "))
    }
}
