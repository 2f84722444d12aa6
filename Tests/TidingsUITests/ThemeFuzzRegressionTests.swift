import Testing
import TidingsUI

/// Theme files that made toml++ abort the program (found by Fuzz/FuzzTheme): now a ThemeError
/// naming the file and line, so the reader falls back to the default theme.
@Suite struct ThemeFuzzRegressionTests {
    @Test(arguments: [
        // The fuzzer's input: a header whose name starts with an invalid UTF-8 byte (U+FFFD here).
        ("[\u{FFFD}l\u{FFFD}ist_selected]g\n=f  \"bright_rad\"\n", 1),
        ("name = \"x\"\n[[[list_selected]]]\nfg = \"red\"\n", 2),
        ("[list_selected]\nfg = \"red\"\n[ é]\n", 3),
    ])
    func headersThatAbortedTOMLAreErrorsWithALine(text: String, line: Int) {
        do {
            _ = try ThemeParser.parse(text, file: "bad.toml", fallbackName: "bad")
            Issue.record("parsed")
        } catch {
            #expect(error.file == "bad.toml")
            #expect(error.line == line)
        }
    }

    /// Also found by FuzzTheme: name and description went to `tidings themes` uncleaned.
    @Test func nameAndDescriptionAreCleaned() throws {
        let text = "name = \"evil\\u001b]0;title\\u0007 theme\"\ndescription = \"\\u202eright to left \\u009b31m\"\n"
        let theme = try ThemeParser.parse(text, file: "t.toml", fallbackName: "t")
        #expect(theme.name == "evil theme")
        #expect(theme.description == "right to left ")
    }
}
