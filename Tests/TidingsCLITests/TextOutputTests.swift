import Foundation
import Testing
import TidingsModel
@testable import TidingsCLI
import TidingsUI

/// The one width function and wrap (TidingsUI) as the text output uses them.
@Suite struct DisplayWidthTests {
    @Test func countsColumnsNotCharacters() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("台风过后") == 8)
        #expect(TextWidth.of("한국어") == 6)
        #expect(TextWidth.of("ｆｕｌｌ") == 8)
        #expect(TextWidth.of("e\u{301}") == 1)  // e + combining acute
        #expect(TextWidth.of("🎉") == 2)
        #expect(TextWidth.of("👨‍👩‍👧") == 2)
        #expect(TextWidth.of("❤️") == 2)
        #expect(TextWidth.of("") == 0)
    }

    @Test func truncateEndsWithAnEllipsisWithinTheWidth() {
        #expect(TextWidth.truncate("short", to: 10) == "short")
        #expect(TextWidth.truncate("exactly10!", to: 10) == "exactly10!")
        #expect(TextWidth.truncate("a longer headline", to: 10) == "a longer…")
        // A wide character that would straddle the edge is left out.
        #expect(TextWidth.truncate("台风过后新加坡", to: 6) == "台风…")
        #expect(TextWidth.of(TextWidth.truncate("台风过后新加坡", to: 6)) <= 6)
        #expect(TextWidth.pad("台风过后新加坡", to: 6) == "台风… ")
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
    }

    /// Found by FuzzTextLayout: a word longer than the line was re-measured after every piece
    /// cut from it (quadratic); a 200,000-character token now wraps in one pass.
    @Test func aHugeWordIsCutInOnePass() {
        let word = String(repeating: "abcdefghij", count: 20_000)
        let lines = Wrap.lines("start " + word + " end", width: 80)
        #expect(lines.count == 2 + 200_000 / 80)
        #expect(lines.first == "start")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 80 })
        #expect(lines.last == "end")
        #expect(lines.dropFirst().dropLast().joined() == word)
        let narrow = Wrap.lines(String(repeating: "\u{FFFD}", count: 400), width: 1)
        #expect(narrow.count == 400)
    }

    @Test func wrapBreaksAtSpacesAndSplitsLongWords() {
        #expect(Wrap.lines("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(Wrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(Wrap.lines("台风过后新加坡", width: 5) == ["台风", "过后", "新加", "坡"])
        #expect(Wrap.lines("", width: 10) == [""])
    }
}

@Suite struct ListTextTests {
    func article(_ headline: String, category: String = "Tech", kind: Article.Kind = .article) -> Article {
        Article(id: ArticleID(headline: headline), headline: headline, summary: nil,
                date: CivilDate(year: 2025, month: 11, day: 4), category: category, kind: kind, sourcePath: nil)
    }

    @Test func rowsAreAlignedWithinEightyColumnsWithAnUnreadMarker() {
        let articles = [
            article("Robots learn to fold laundry in Singapore lab, and the towels are next on the list"),
            article("台风过后新加坡街头恢复平静，市民陆续返回工作岗位，交通基本恢复正常运行", category: "World news and politics today"),
            article("Short", category: "Food"),
        ]
        let read: Set<ArticleID> = [articles[2].id]
        let rows = ArticleRows.render(articles, readIDs: read, width: 80)
        #expect(rows.count == 3)
        for row in rows { #expect(TextWidth.of(row) <= 80) }
        #expect(rows[0].hasPrefix("● \(articles[0].id.short)  2025-11-04  Tech "))
        #expect(rows[0].hasSuffix("…"))
        #expect(rows[1].contains("World news an…"))
        #expect(rows[1].hasSuffix("…"))
        #expect(rows[2].hasPrefix("  \(articles[2].id.short)  2025-11-04  Food "))
        #expect(rows[2].hasSuffix("  Short"))
        // Headlines start in the same column on every row.
        let starts = rows.map { row in TextWidth.of(row.prefix(1 + 1 + 8 + 2 + 10 + 2 + 14 + 2)) }
        #expect(Set(starts).count == 1)
    }

    @Test func hostileTextIsCleanedBeforeItIsPrinted() {
        let rows = ArticleRows.render([article("Evil \u{1B}]0;pwned\u{07}title \u{202E}gnp.exe")], readIDs: [], width: 80)
        #expect(!rows[0].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func celsiusHasOneDecimalAndNoNegativeZero() {
        #expect(WeatherCommand.celsius(30.3) == "30.3°C")
        #expect(WeatherCommand.celsius(-2) == "-2.0°C")
        #expect(WeatherCommand.celsius(-0.01) == "0.0°C")
        #expect(WeatherCommand.celsius(21.666) == "21.7°C")
    }
}
