import Foundation
import Testing
@testable import TidingsModel

/// toml++ aborts on these (fuzzing found them through categories.toml and themes), and on
/// much else outside the subset Tidings reads: a syntax error with the line, never TOMLKit.
@Suite struct TOMLGuardTests {
    @Test(arguments: [
        ("[[[x]]]", 1), ("[categories]\n[[[[[[[[[[[Tech = [\"ai\"]", 2), ("[[=", 1), ("[[.", 1), ("[[{", 1),
        ("[[#", 1), ("[[,", 1), ("[[\t[", 1), ("[[\n[", 1), ("[[é", 1), ("x = 1\n  [[[y]]]", 2), ("[é]", 1),
        ("[=", 1), ("[.", 1), ("[#", 1), ("[ é", 1), ("[\n=", 1), ("[\t=", 1), ("[\n]", 1), ("[[\n]]", 1),
        ("a = 1\n\n[\u{FFFD}list]\n", 3), ("\u{FEFF} [[[[[[0]T]]]", 1),
        // toml++ asserts in parse_time on this one (found by FuzzCategoryRules):
        ("x = 0e309\ny = 1\nz = 1979-05-27Tx\u{FFFD}07:( :00", 1), ("z = 1979-05-27Tx", 1),
        ("a = 1\nb = nan", 2), ("w = \"\"\"\nmulti\n\"\"\"", 1), ("a = 0x1F", 1), ("a = 1_000", 1),
        ("a = 1.5", 1), ("a = \"\\x\"", 1), ("a = \"\\uD800\"", 1), ("a = [1,\n2", 2), ("a = {b = 1", 1),
        ("a = \"open", 1), ("a = 1 b = 2", 1), ("a = tru", 1), ("a\r= 1", 1), ("[a]]", 1),
        (String(repeating: "x = [", count: 1) + String(repeating: "[", count: 40) + String(repeating: "]", count: 41), 1),
    ])
    func headersThatWouldAbortAreSyntaxErrors(text: String, line: Int) {
        #expect(TOMLGuard.problem(in: text)?.line == line)
        do {
            _ = try CategoryRules.parse(toml: text, path: "c.toml")
            Issue.record("parsed")
        } catch let error as CategoryRules.LoadError {
            let message = TOMLGuard.problem(in: text)?.message ?? ""
            #expect(error == .syntax(path: "c.toml", line: line, column: nil, message: message))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: ["[categories]\nTech = [\"ai\"]\n", "[[a]]\n[[ 'b' ]]\n[ \"c\" ]\n[d.e]\n",
                      "x = [\n  [1, 2], # two\n  [\"a\"],\n]\n", "", "  [_x]\n\t[-y]\n", "\u{FEFF}# c\r\na = -12\r\n",
                      "t = { fg = \"#fdf6e3\", bg = 236, bold = true, italic = false }\n", "\"Wörld \\u001b\" = ['über', \"日本\"]",
                      "a.b . c = \"x\\ty\\U0001F600\"\n[ a . \"b\" ]\n", "e = []\nf = {}\n"])
    func theSubsetTidingsUsesIsLeftToTheParser(text: String) {
        #expect(TOMLGuard.problem(in: text) == nil)
    }

    @Test func everyShippedThemeIsInsideTheSubset() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: themes.path).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 6)
        for file in files {
            let text = try String(contentsOf: themes.appendingPathComponent(file), encoding: .utf8)
            #expect(TOMLGuard.problem(in: text) == nil, "\(file)")
        }
    }

    @Test func theShippedExampleStillLoads() throws {
        let rules = try CategoryRules.parse(toml: "[categories]\nTech = [\"ai\", \"apple\"]\nFood = [\"street food\"]\n")
        #expect(rules.rules.map(\.category) == ["Food", "Tech"])
    }
}
