import TidingsModel
import TOMLKit

/// Reads a theme file:
///
///     name = "default"
///     description = "Dark background, soft colours"
///     [weather_bar]
///     fg = "brightWhite"     # 16 ANSI names, 0-255, "#rrggbb", or "default"
///     bg = 236
///     bold = true            # also dim, italic, underline, reverse
public enum ThemeParser {
    public static func parse(_ text: String, file: String, fallbackName: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLFile.parse(text, path: file)
        } catch {
            throw ThemeError(file: file, line: error.line, message: error.message)
        }
        let lines = LineFinder(text: text)
        func fail(_ message: String, table: String?, key: String?) -> ThemeError {
            ThemeError(file: file, line: lines.line(table: table, key: key), message: message)
        }

        var theme = Theme(name: fallbackName)
        for (key, value) in table {
            switch key {
            case "name":
                guard let s = value.string else { throw fail("name must be a string", table: nil, key: key) }
                theme.name = TextSanitizer.clean(s)  // shown by `tidings themes`: a theme file is untrusted text
            case "description":
                guard let s = value.string else { throw fail("description must be a string", table: nil, key: key) }
                theme.description = TextSanitizer.clean(s)
            default:
                guard let element = ThemeElement(rawValue: key) else {
                    throw fail("unknown element '\(key)'", table: nil, key: key)
                }
                guard let styleTable = value.table else {
                    throw fail("'\(key)' must be a table of fg, bg and attributes", table: nil, key: key)
                }
                theme[element] = try parseStyle(styleTable, element: key, fail: fail)
            }
        }
        return theme
    }

    private static func parseStyle(_ table: TOMLTable, element: String,
                                   fail: (String, String?, String?) -> ThemeError) throws(ThemeError) -> Style {
        var style = Style()
        let attributeNames: [String: Attributes] = [
            "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
        ]
        for (key, value) in table {
            if key == "fg" || key == "bg" {
                guard let color = parseColor(value) else {
                    throw fail("unknown colour \(describe(value)) for \(element).\(key) (use an ANSI name, 0-255 or #rrggbb)",
                               element, key)
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            } else if let attribute = attributeNames[key] {
                guard let on = value.bool else { throw fail("\(element).\(key) must be true or false", element, key) }
                if on { style.attributes.insert(attribute) }
            } else {
                throw fail("unknown key '\(key)' in \(element) (fg, bg, bold, dim, italic, underline, reverse)",
                           element, key)
            }
        }
        return style
    }

    private static func describe(_ value: TOMLValueConvertible) -> String {
        if let s = value.string { return "'\(s)'" }
        if let i = value.int { return String(i) }
        return "\(value)"
    }

    static func parseColor(_ value: TOMLValueConvertible) -> Color? {
        if let i = value.int { return (0...255).contains(i) ? .indexed(UInt8(i)) : nil }
        guard let s = value.string else { return nil }
        return parseColor(s)
    }

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// "red", "brightRed" / "bright_red" / "bright-red", "grey"/"gray", "default", "#rrggbb", "123".
    public static func parseColor(_ text: String) -> Color? {
        if let i = Int(text) { return (0...255).contains(i) ? .indexed(UInt8(i)) : nil }
        let s = text.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
        if s == "default" || s == "none" || s == "reset" { return .default }
        if s == "gray" || s == "grey" { return .indexed(8) }
        if let i = ansiNames.firstIndex(of: s) { return .indexed(UInt8(i)) }
        if s.hasPrefix("bright"), let i = ansiNames.firstIndex(of: String(s.dropFirst(6))) { return .indexed(UInt8(i + 8)) }
        if let i = Int(s), (0...255).contains(i) { return .indexed(UInt8(i)) }
        if s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }
}

/// TOMLKit gives line numbers only for syntax errors; for a bad value we find the line ourselves.
struct LineFinder {
    let lines: [Substring]
    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The line of `key` inside `[table]` (or at top level), else of the table header.
    func line(table: String?, key: String?) -> Int? {
        var current: String? = nil
        var headerLine: Int? = nil
        for (i, raw) in lines.enumerated() {
            let l = raw.trimmingSpaces
            if l.hasPrefix("[") {
                current = String(l.dropFirst().prefix { $0 != "]" }).trimmingSpaces
                if current == table { headerLine = i + 1 }
                // A bad table name is reported at its header.
                if table == nil && current == key { return i + 1 }
                continue
            }
            guard let key else { continue }
            let name = l.prefix { $0 != "=" }.trimmingSpaces
            if current == table && name == key { return i + 1 }
            // Inline table: `weather_bar = { fg = "x" }` at top level.
            if current == nil, let table, name == table, l.contains("{"), l.contains(key) { return i + 1 }
        }
        return headerLine
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let chars = Array(self)
        var start = 0, end = chars.count
        while start < end && (chars[start] == " " || chars[start] == "\t" || chars[start] == "\r") { start += 1 }
        while end > start && (chars[end - 1] == " " || chars[end - 1] == "\t" || chars[end - 1] == "\r") { end -= 1 }
        return String(chars[start..<end])
    }
}
