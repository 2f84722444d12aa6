import Foundation
import Testing
@testable import TidingsModel

/// toml++ aborts on these headers (fuzzing found them through categories.toml and themes);
/// they must come back as a syntax error with the line, never reach TOMLKit.
@Suite struct TOMLGuardTests {
    @Test(arguments: [
        ("[[[x]]]", 1), ("[categories]\n[[[[[[[[[[[Tech = [\"ai\"]", 2), ("[[=", 1), ("[[.", 1), ("[[{", 1),
        ("[[#", 1), ("[[,", 1), ("[[\t[", 1), ("[[\n[", 1), ("[[é", 1), ("x = 1\n  [[[y]]]", 2), ("[é]", 1),
        ("[=", 1), ("[.", 1), ("[#", 1), ("[ é", 1), ("[\n=", 1), ("[\t=", 1), ("[\n]", 1), ("[[\n]]", 1),
        ("a = 1\n\n[\u{FFFD}list]\n", 3), ("\u{FEFF} [[[[[[0]T]]]", 1),
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

    @Test(arguments: ["[categories]\nTech = [\"ai\"]\n", "[[a]]\n[[ 'b' ]]\n[ \"c\" ]\n[d.e]\n", "[]", "[ ]", "[[]]", "[ [",
                      "x = [\n  [1, 2],\n  [\"a\"],\n]\n", "[[", "", "  [_x]\n\t[-y]\n"])
    func everythingElseIsLeftToTheParser(text: String) {
        #expect(TOMLGuard.problem(in: text) == nil)
    }

    @Test func theShippedExampleStillLoads() throws {
        let rules = try CategoryRules.parse(toml: "[categories]\nTech = [\"ai\", \"apple\"]\nFood = [\"street food\"]\n")
        #expect(rules.rules.map(\.category) == ["Food", "Tech"])
    }
}
