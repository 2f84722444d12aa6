import Foundation

/// Fitting text into columns for the text output.
package enum TextLayout {
    /// `text` cut to at most `width` columns, ending in `…` when it was cut.
    package static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        // Trailing spaces before the ellipsis read as a gap.
        while out.last == " " { out.removeLast() }
        return out + "…"
    }

    /// `text` cut to `width` columns and padded with spaces to exactly `width`.
    package static func fit(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// Lines of at most `width` columns, broken at spaces; a word longer than a line is split.
    package static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { lines.append(line) }
            line = ""
            lineWidth = 0
            if wordWidth > width {
                // One pass over a word longer than the line: cut it into line-wide pieces (the
                // last piece starts the next line). Re-measuring the rest after every piece was
                // quadratic: a 1 MB token took minutes (found by FuzzTextLayout).
                var head = ""
                var headWidth = 0
                for c in word {
                    let w = DisplayWidth.of(c)
                    if headWidth + w > width && !head.isEmpty {
                        lines.append(head)
                        head = ""
                        headWidth = 0
                    }
                    head.append(c)
                    headWidth += w
                }
                word = head
                wordWidth = headWidth
            }
            line = word
            lineWidth = wordWidth
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Columns of the terminal on stdout, or 80 when stdout is not a terminal.
    static func terminalColumns() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 {
            return Int(size.ws_col)
        }
        return 80
    }
}
