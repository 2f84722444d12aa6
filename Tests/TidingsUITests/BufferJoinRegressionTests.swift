import Testing
import TidingsUI

/// Found by Fuzz/FuzzTextWidth: once a zero-width cluster between them is dropped, two graphemes
/// can sit in neighbouring cells and join into one when the row reaches the terminal (an emoji
/// modifier after a letter, two lone regional indicators), shifting every column after them.
/// The joining one is drawn as blanks; the row keeps its width.
@Suite struct BufferJoinRegressionTests {
    @Test(arguments: ["a\u{200B}\u{1F3FD}b", "\u{FFFD}\0\0\u{1F3FD}x", "\u{1F1E6}\u{200B}\u{1F1E7}z", "\u{915}\u{2060}\u{93E}y",
                      "👍\n \0\0\u{1F3FD}\t",
                      // A lone indicator, a dropped control, then a pair: drawn apart, the three
                      // regroup as two flags on the terminal (found by the CI fuzz run).
                      "\u{1F1EF}\u{02}\u{1F1F5}\u{1F1EF}\u{1F1F5}x"])
    func aRowNeverJoinsGraphemesAcrossDroppedOnes(text: String) {
        var buffer = Buffer(width: 10, height: 1)
        buffer.write(text, x: 0, y: 0, style: .plain)
        #expect(TextWidth.of(buffer.line(0)) == 10, "\(buffer.line(0).debugDescription)")
        #expect(buffer.line(0).count == (0..<10).filter { !buffer[$0, 0].isContinuation }.count)
    }

    @Test func graphemesThatBelongTogetherStayTogether() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("👍🏽e\u{301}🇸🇬", x: 0, y: 0, style: .plain)
        #expect(buffer[0, 0].grapheme == "👍🏽")
        #expect(buffer[2, 0].grapheme == "e\u{301}")
        #expect(buffer[3, 0].grapheme == "🇸🇬")
        #expect(TextWidth.of(buffer.line(0)) == 6)
    }
}
