/// Word wrapping by display width.
public enum Wrap {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces. A word longer
    /// than a whole line is split by grapheme. Runs of spaces collapse; explicit newlines break.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += wrapParagraph(paragraph, width: width)
        }
        return out
    }

    private static func wrapParagraph(_ text: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(whereSeparator: { $0 == " " }) {
            let w = TextWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " "
                line += word
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if w <= width {
                line = String(word)
                lineWidth = w
            } else {
                // Longer than a line: fill lines grapheme by grapheme.
                for g in word {
                    let gw = TextWidth.of(g)
                    if lineWidth + gw > width && lineWidth > 0 {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(g)
                    lineWidth += gw
                }
            }
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
