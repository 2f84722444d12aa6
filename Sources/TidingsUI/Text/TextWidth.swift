/// Display width of text in terminal columns, measured per grapheme cluster (what a user sees
/// as one character): East Asian Wide/Fullwidth and emoji presentation take 2 columns, a lone
/// combining mark or format character takes 0, everything else 1.
public enum TextWidth {
    /// Columns one grapheme cluster occupies.
    public static func of(_ grapheme: Character) -> Int {
        // Fast path: ASCII is the bulk of all text.
        if let ascii = grapheme.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji followed by VS16, a keycap or a ZWJ sequence renders as one wide emoji.
        if scalars.count > 1 {
            if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
            if scalars.contains(where: { $0.value == 0x200D }) && first.properties.isEmoji { return 2 }
            // A pair of regional indicators is a flag.
            if isRegionalIndicator(first) { return 2 }
            // A prepended mark (U+0600, U+070F, ...) takes the width of the base it joins.
            if scalarWidth(first) == 0, let base = scalars.dropFirst().first(where: { scalarWidth($0) > 0 }) {
                return scalarWidth(base)
            }
        }
        return scalarWidth(first)
    }

    /// Columns of a whole string.
    public static func of(_ text: some StringProtocol) -> Int {
        var asciiOnly = true
        var count = 0
        for b in text.utf8 {
            if b >= 0x80 { asciiOnly = false; break }
            if b >= 0x20 && b != 0x7F { count += 1 }
        }
        if asciiOnly { return count }
        var width = 0
        for g in text { width += of(g) }
        return width
    }

    /// Width of a single scalar standing at the start of a cluster.
    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        let p = s.properties
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }  // ZWSP, Hangul medial jamo
        if p.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    /// East Asian Wide (W) and Fullwidth (F) ranges, from Unicode's EastAsianWidth.txt,
    /// merged into blocks; emoji are handled above through `isEmojiPresentation`.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        var lo = 0
        var hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// The longest prefix of `text` that fits in `width` columns, ending in `ellipsis` when cut.
    /// The result may be one column narrower than `width` when a wide grapheme would straddle it.
    public static func truncate(_ text: some StringProtocol, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return String(text) }
        let ellipsisWidth = of(ellipsis)
        guard ellipsisWidth <= width else { return "" }
        let room = width - ellipsisWidth
        // Printable ASCII: a byte is a column (the list truncates every row at every frame).
        var out = isPrintableASCII(text) ? String(decoding: text.utf8.prefix(room), as: UTF8.self)
                                         : prefix(of: text, fitting: room)
        // Do not leave trailing spaces before the ellipsis: "word …" reads worse than "word…".
        while out.last == " " { out.removeLast() }
        return out + ellipsis
    }

    /// The longest prefix of `text` whose graphemes fit in `room` columns.
    static func prefix(of text: some StringProtocol, fitting room: Int) -> String {
        var out = ""
        var used = 0
        for g in text {
            let w = of(g)
            if used + w > room { break }
            out.append(g)
            used += w
        }
        return out
    }

    /// Only bytes 0x20-0x7E: each is a grapheme of one column.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy(isPrintableASCII)
    }

    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// `text` cut to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ text: some StringProtocol, to width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? fill + cut : cut + fill
    }
}
