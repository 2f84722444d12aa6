import Testing
import TestSupport
@testable import TidingsUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("東", 2), ("한", 2), ("Ａ", 2), ("🎉", 2), ("🌧️", 2), ("👨‍👩‍👧", 2), ("🇸🇬", 2),
        ("e\u{301}", 1), ("\u{200B}", 0), ("\u{301}", 0), ("é", 1), ("°", 1), ("—", 1), ("…", 1), ("●", 1),
        ("\u{7}", 0), ("ß", 1), ("Ω", 1), ("ア", 2), ("ｱ", 1), ("1️⃣", 2),
        // A prepended mark joins the next base and takes its width (found by the CI fuzz run).
        ("\u{70F} ", 1), ("\u{600}1", 1), ("\u{70F}東", 2),
    ])
    func graphemeWidth(text: String, width: Int) {
        #expect(TextWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    /// Found by the CI fuzz run: a trailing prepended mark joined the first pad space, and the
    /// padded text came out one column short.
    @Test func padAfterAPrependedMarkIsExactlyTheWidth() {
        let padded = TextWidth.pad("\u{0E}\u{70F}", to: 32)
        #expect(TextWidth.of(padded) == 32)
        var buffer = Buffer(width: 8, height: 1)
        buffer.write("a\u{70F}", x: 0, y: 0, style: .plain)
        #expect(TextWidth.of(buffer.line(0)) == 8)
    }

    @Test func stringWidth() {
        #expect(TextWidth.of("Singapore 30.3°C") == 16)
        #expect(TextWidth.of("東京 and 🎉") == 11)
        #expect(TextWidth.of("") == 0)
    }

    @Test func truncate() {
        #expect(TextWidth.truncate("Hello world", to: 20) == "Hello world")
        #expect(TextWidth.truncate("Hello world", to: 11) == "Hello world")
        #expect(TextWidth.truncate("Hello world", to: 10) == "Hello wor…")
        #expect(TextWidth.truncate("Hello world", to: 7) == "Hello…")  // no space before the ellipsis
        #expect(TextWidth.truncate("Hello", to: 1) == "…")
        #expect(TextWidth.truncate("Hello", to: 0) == "")
        #expect(TextWidth.truncate("Hello", to: -3) == "")
        // A wide grapheme that would straddle the edge is left out: one column narrower.
        #expect(TextWidth.truncate("東京都庁", to: 6) == "東京…")
        #expect(TextWidth.of(TextWidth.truncate("東京都庁", to: 6)) == 5)
        #expect(TextWidth.truncate("東京都庁", to: 5) == "東京…")
        #expect(TextWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
    }

    @Test func pad() {
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
        #expect(TextWidth.pad("ab", to: 4, alignRight: true) == "  ab")
        #expect(TextWidth.pad("東京都", to: 5) == "東京…")
        #expect(TextWidth.pad("東京都", to: 4) == "東… ")
        #expect(TextWidth.of(TextWidth.pad("🎉🎉🎉", to: 4)) == 4)
    }
}

@Suite struct WrapTests {
    @Test func wrapsAtSpaces() {
        #expect(Wrap.lines("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(Wrap.lines("exactly ten", width: 11) == ["exactly ten"])
    }

    @Test func neverSplitsAWordThatFits() {
        for line in Wrap.lines("internationalisation is a long word indeed", width: 20) {
            #expect(TextWidth.of(line) <= 20)
        }
        #expect(Wrap.lines("a internationalisation", width: 20) == ["a", "internationalisation"])
    }

    @Test func splitsWordsLongerThanTheLine() {
        #expect(Wrap.lines("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
        #expect(Wrap.lines("東京都庁舎", width: 4) == ["東京", "都庁", "舎"])
        #expect(Wrap.lines("東京都庁舎", width: 3) == ["東", "京", "都", "庁", "舎"])
    }

    @Test func collapsesSpacesAndKeepsNewlines() {
        #expect(Wrap.lines("a   b", width: 10) == ["a b"])
        #expect(Wrap.lines("one\ntwo", width: 10) == ["one", "two"])
        #expect(Wrap.lines("", width: 10) == [""])
        #expect(Wrap.lines("abc", width: 0) == [])
    }

    @Test func wideAndEmojiWidths() {
        let lines = Wrap.lines("Mixed: 東京 and 🎉 and words that wrap", width: 12)
        #expect(lines == ["Mixed: 東京", "and 🎉 and", "words that", "wrap"])
        for l in lines { #expect(TextWidth.of(l) <= 12) }
    }
}

@Suite struct BufferDrawingTests {
    @Test func writesAndClips() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.write("Hello world", x: 1, y: 0, style: .plain) == 5)
        #expect(b.line(0) == " Hello")
        #expect(b.write("xyz", x: 0, y: 0, maxWidth: 2, style: .plain) == 2)
        #expect(b.line(0) == "xyello")
    }

    @Test func wideGraphemeUsesContinuation() {
        var b = Buffer(width: 6, height: 1)
        b.write("a東b", x: 0, y: 0, style: .plain)
        #expect(b[1, 0].grapheme == "東")
        #expect(b[2, 0].isContinuation)
        #expect(b[3, 0].grapheme == "b")
        #expect(b.line(0) == "a東b  ")
    }

    @Test func wideGraphemeAtTheEdgeBecomesASpace() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.write("abc東", x: 0, y: 0, style: .plain) == 4)
        #expect(b.line(0) == "abc ")
        #expect(!b[3, 0].isContinuation)
        var c = Buffer(width: 10, height: 1)
        c.write("東京", x: 0, y: 0, maxWidth: 3, style: .plain)
        #expect(c.line(0) == "東        ")
        #expect(c[2, 0].grapheme == " " && !c[2, 0].isContinuation)
    }

    @Test func zeroWidthIsDropped() {
        var b = Buffer(width: 4, height: 1)
        b.write("a\u{200B}b", x: 0, y: 0, style: .plain)
        #expect(b.line(0) == "ab  ")
    }

    @Test func combiningMarksStayInOneCell() {
        var b = Buffer(width: 4, height: 1)
        b.write("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].grapheme == "e\u{301}")
        #expect(b[1, 0].grapheme == "x")
    }

    @Test func overwritingHalfAWideGraphemeLeavesNoOrphan() {
        var b = Buffer(width: 4, height: 1)
        b.write("東京", x: 0, y: 0, style: .plain)
        b.write("x", x: 0, y: 0, style: .plain)
        #expect(b.line(0) == "x 京")
        #expect(!b[1, 0].isContinuation)
        b.fill(Rect(x: 3, y: 0, width: 1, height: 1), style: .plain)
        #expect(b.line(0) == "x   ")
        #expect(!b.cells.contains { $0.isContinuation })
    }

    @Test func outOfBoundsIsIgnored() {
        var b = Buffer(width: 3, height: 2)
        #expect(b.write("abc", x: 0, y: 5, style: .plain) == 0)
        #expect(b.write("abc", x: 7, y: 0, style: .plain) == 0)
        #expect(b.write("abcd", x: -2, y: 1, style: .plain) == 4)
        #expect(b.line(1) == "cd ")
        b.fill(Rect(x: -5, y: -5, width: 100, height: 100), style: .plain)
        var empty = Buffer(width: 0, height: 0)
        #expect(empty.write("x", x: 0, y: 0, style: .plain) == 0)
    }
}

/// The printable-ASCII fast paths of drawing give what the grapheme-by-grapheme paths give,
/// on 20,000 generated cases each (text, position, clip, and what the row held before).
@Suite struct ASCIIFastPathTests {
    private static let ascii = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }
    /// Text that is not printable ASCII, some of it joining the character before.
    private static let other = ["…", "é", "\u{301}", "東", "🎉", "\u{7}", "\r\n", "\u{200B}", "🏽", "\u{70F}", "🇸"]
    private static let earlier = ["東", "🎉", "é", "a", " ", "한"]

    private static func text(_ rng: inout SplitMix, upTo n: Int, otherEvery: Int) -> String {
        (0..<rng.below(n + 1)).map { _ in
            otherEvery > 0 && rng.below(otherEvery) == 0 ? rng.pick(other) : rng.below(4) == 0 ? " " : rng.pick(ascii)
        }.joined()
    }

    @Test func writeMatchesWritingByGraphemes() {
        var rng = SplitMix(state: 7)
        for _ in 0..<20_000 {
            var buffer = Buffer(width: 1 + rng.below(30), height: 1)
            // Wide and narrow graphemes already on the row, so edges over wide ones are covered.
            for _ in 0..<rng.below(6) {
                buffer.write(rng.pick(Self.earlier), x: rng.below(buffer.width), y: 0, style: .plain)
            }
            let text = Self.text(&rng, upTo: 40, otherEvery: rng.pick([3, 12, 1000]))
            let x = rng.below(buffer.width + 6) - 5
            let maxWidth: Int? = rng.below(3) == 0 ? nil : rng.below(buffer.width + 2)
            let style = Style(attributes: .bold)
            var fast = buffer, full = buffer
            let a = fast.write(text, x: x, y: 0, maxWidth: maxWidth, style: style)
            let b = full.writeByGraphemes(text, x: x, y: 0, maxWidth: maxWidth, style: style)
            #expect(a == b && fast == full, "\(text.debugDescription) at \(x) max \(String(describing: maxWidth))")
            if a != b || fast != full { return }
        }
    }

    @Test func asciiPrefixMatchesGraphemePrefix() {
        var rng = SplitMix(state: 11)
        for _ in 0..<20_000 {
            let text = Self.text(&rng, upTo: 60, otherEvery: 0)
            let room = rng.below(70)
            #expect(String(decoding: text.utf8.prefix(room), as: UTF8.self) == TextWidth.prefix(of: text, fitting: room))
        }
    }
}
