/// A rectangle of cells, in buffer coordinates.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
}

extension Buffer {
    /// Writes `text` at (x, y), clipped to `maxWidth` columns and to the row. A wide grapheme
    /// fills its cell and marks the next as continuation; one that would straddle the clip edge
    /// becomes a space. Zero-width clusters are dropped. Returns the columns written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = maxWidth.map { min(width, x + max(0, $0)) } ?? width
        // Most text is printable ASCII, where a byte is a one-column grapheme: walking
        // Characters was most of the cost of drawing a frame (the list's rows at every key).
        // The byte before other text is left to the grapheme walk: it may join what follows
        // ("e" + U+0301 is one grapheme).
        let utf8 = text.utf8
        var run = 0
        var whole = true
        for b in utf8 {
            if TextWidth.isPrintableASCII(b) {
                run += 1
            } else {
                run = max(0, run - 1)
                whole = false
                break
            }
        }
        var col = writeASCII(utf8.prefix(run), from: x, y: y, limit: limit, style: style)
        if !whole {
            col = writeGraphemes(text[utf8.index(utf8.startIndex, offsetBy: run)...], from: col, y: y, limit: limit, style: style)
        }
        repairEdge(x: col, y: y)
        return max(0, col - x)
    }

    /// `write` by graphemes alone (what the ASCII path must match; tests).
    package mutating func writeByGraphemes(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = maxWidth.map { min(width, x + max(0, $0)) } ?? width
        let col = writeGraphemes(text, from: x, y: y, limit: limit, style: style)
        repairEdge(x: col, y: y)
        return max(0, col - x)
    }

    /// Printable ASCII bytes from column `col`; returns the column after them.
    private mutating func writeASCII(_ bytes: some Collection<UInt8>, from col: Int, y: Int, limit: Int, style: Style) -> Int {
        var col = col
        for b in bytes {
            if col >= limit { break }
            if col >= 0 { self[col, y] = Cell(grapheme: Self.asciiGraphemes[Int(b)], style: style) }
            col += 1
        }
        return col
    }

    /// One String per ASCII byte, made once.
    private static let asciiGraphemes: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Any text, grapheme by grapheme, from column `col`; returns the column after it.
    private mutating func writeGraphemes(_ text: some StringProtocol, from col: Int, y: Int, limit: Int, style: Style) -> Int {
        var col = col
        for g in text {
            if col >= limit { break }
            let w = TextWidth.of(g)
            if w == 0 { continue }
            if col < 0 { col += w; continue }
            if joinsPrevious(g, x: col, y: y) {
                // Dropping a zero-width cluster (ZWSP, a control) can leave an emoji modifier,
                // a spacing mark or a regional indicator next to a cell it joins: the terminal
                // would draw both as one and shift the columns after. Found by FuzzTextWidth.
                for k in col..<min(col + w, limit) { self[k, y] = Cell(grapheme: " ", style: style) }
                col += w
                continue
            }
            if w == 2 {
                if col + 1 >= limit {
                    self[col, y] = Cell(grapheme: " ", style: style)
                    col += 1
                    break
                }
                self[col, y] = Cell(grapheme: String(g), style: style)
                self[col + 1, y] = Cell(grapheme: "", style: style, isContinuation: true)
            } else {
                self[col, y] = Cell(grapheme: String(g), style: style)
            }
            col += w
        }
        return col
    }

    /// Whether `g` would not stay a grapheme of its own after the cell before (x, y): it merges
    /// into that cell, or regroups with it (a lone regional indicator before a pair of them).
    private func joinsPrevious(_ g: Character, x: Int, y: Int) -> Bool {
        guard let first = g.unicodeScalars.first, first.value >= 0x300, x > 0 else { return false }
        let base = self[x - 1, y].isContinuation ? x - 2 : x - 1
        guard base >= 0 else { return false }
        let previous = self[base, y].grapheme
        guard !previous.isEmpty else { return false }  // a space joins too: " 🏽" is one grapheme
        let regrouped = Array(previous + String(g))
        return regrouped.count != 2 || regrouped[1] != g
    }

    /// Writing over the left half of a wide grapheme leaves an orphan continuation: blank it.
    private mutating func repairEdge(x: Int, y: Int) {
        guard x >= 0, x < width, self[x, y].isContinuation else { return }
        let style = self[x, y].style
        self[x, y] = Cell(grapheme: " ", style: style)
    }

    /// Fills a rectangle (clipped to the buffer) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(grapheme: " ", style: style)
        for y in y0..<y1 {
            // A wide grapheme just left of the rectangle loses its right half: blank it too.
            if x0 > 0, self[x0, y].isContinuation { self[x0 - 1, y] = Cell(grapheme: " ", style: self[x0 - 1, y].style) }
            for x in x0..<x1 { self[x, y] = cell }
            repairEdge(x: x1, y: y)
        }
    }

    /// Restyles existing cells of a row span without changing their text (search highlights).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<max(max(0, x), min(width, x + w)) { self[col, y].style = style }
    }
}
