/// One screen cell. A wide grapheme (CJK, most emoji) occupies its cell and marks the next
/// one as a continuation, so painting never shifts the columns after it.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, already free of control characters; " " for an empty cell.
    public var grapheme: String
    public var style: Style
    /// True for the right half of a two-column grapheme: the backend skips it.
    public var isContinuation: Bool

    public init(grapheme: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }
    public static let blank = Cell()
}

/// A grid of cells that widgets draw into; the terminal backend paints what changed.
/// Pure value: the renderer never touches the terminal.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (a text prompt), if anywhere.
    public var cursor: Position?

    public struct Position: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) { self.x = x; self.y = y }
    }

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The text of row `y`, continuation cells left out: what golden screens compare.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].grapheme }
        return s
    }

    /// All rows joined with newlines, trailing spaces kept so widths are visible in goldens.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
