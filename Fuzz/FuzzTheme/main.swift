// libFuzzer target: theme files (TOML through TOMLKit/toml++). Beyond "no crash": a theme either
// loads, with a name and description that are terminal-safe, or fails with a ThemeError whose
// line (when given) is a line of the file.
import TestSupport
import TidingsUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let theme = try ThemeParser.parse(text, file: "fuzz.toml", fallbackName: "fuzz")
        for field in [theme.name, theme.description] where TerminalSafety.firstForbidden(in: field) != nil {
            fatalError("unsafe theme text \(field.debugDescription)")
        }
    } catch {
        // Lines by LF bytes: "\r\n" is one Character, so splitting Characters on "\n" misses it.
        let lines = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        if let line = error.line, !(1...max(lines, 1)).contains(line) {
            fatalError("error at line \(line) of a \(lines)-line file: \(error)")
        }
        if error.file != "fuzz.toml" { fatalError("error names \(error.file)") }
    }
    // Colour names on their own: any text either maps to a colour or to nil.
    _ = ThemeParser.parseColor(String(text.prefix(16)))
    return 0
}
