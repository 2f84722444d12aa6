/// A one-row sample of a theme for `tidings themes`: weather, an unread and a read headline,
/// a category and a date, each in its theme style.
public enum ThemeSample {
    public static func buffer(_ theme: Theme, width: Int = 72) -> Buffer {
        var b = Buffer(width: width, height: 1)
        var x = 0
        let parts: [(String, ThemeElement)] = [
            (" Singapore ", .weatherBar), ("30.3°C", .tempHot), (" ", .weatherBar), ("9.5°C", .tempCold), (" ", .weatherBar),
            (" ● Headline ", .listUnread), (" Read ", .listRead), (" ◌ Teaser ", .listTeaser), (" Selected ", .listSelected),
            (" Tech ", .category), (" 2025-11-04 ", .date), (" match ", .searchMatch),
        ]
        for (text, element) in parts { x += b.write(text, x: x, y: 0, style: theme[element]) }
        return b
    }
}

/// Buffer rows as text with ANSI SGR sequences, for printing a styled sample outside curses.
public enum ANSIText {
    public static func lines(_ buffer: Buffer, depth: ColorDepth) -> [String] {
        (0..<buffer.height).map { y in
            var out = ""
            var current: Style? = nil
            for x in 0..<buffer.width where !buffer[x, y].isContinuation {
                let cell = buffer[x, y]
                if cell.style != current {
                    out += sgr(cell.style, depth: depth)
                    current = cell.style
                }
                out += cell.grapheme
            }
            return out + "\u{1B}[0m"
        }
    }

    /// The full SGR for a style, starting from a reset so no attribute leaks from the cell before.
    public static func sgr(_ style: Style, depth: ColorDepth) -> String {
        var codes = ["0"]
        let a = style.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.reverse) { codes.append("7") }
        if let fg = colorCode(style.foreground.mapped(to: depth), background: false) { codes.append(fg) }
        if let bg = colorCode(style.background.mapped(to: depth), background: true) { codes.append(bg) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func colorCode(_ color: Color, background: Bool) -> String? {
        switch color {
        case .default: return nil
        case .indexed(let i) where i < 8: return String((background ? 40 : 30) + Int(i))
        case .indexed(let i) where i < 16: return String((background ? 100 : 90) + Int(i) - 8)
        case .indexed(let i): return (background ? "48;5;" : "38;5;") + String(i)
        case .rgb(let r, let g, let b): return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }
}
