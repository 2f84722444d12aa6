/// Where each part of the screen goes for a terminal size. Shared by the reducer (page sizes,
/// scroll limits) and the renderer, so both agree.
public struct Layout: Equatable, Sendable {
    public let width: Int
    public let height: Int

    public static let minWidth = 20
    public static let minHeight = 5
    /// From this width on, list and article sit side by side.
    public static let splitWidth = 100
    /// Article text is never wider than this: long lines are hard to read.
    public static let readableWidth = 80

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isTooSmall: Bool { width < Layout.minWidth || height < Layout.minHeight }
    public var isSplit: Bool { width >= Layout.splitWidth }

    public var weatherBar: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    public var statusLine: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }
    public var main: Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    public var listPane: Rect {
        isSplit ? Rect(x: 0, y: main.y, width: width * 9 / 20, height: main.height) : main
    }
    public var dividerX: Int? { isSplit ? listPane.maxX : nil }
    public var articlePane: Rect {
        guard isSplit else { return main }
        let x = listPane.maxX + 1
        return Rect(x: x, y: main.y, width: width - x, height: main.height)
    }

    /// Headline rows below the list's header row.
    public var listRows: Int { max(1, listPane.height - 1) }
    public var articleRows: Int { max(1, articlePane.height) }
    public var articleTextWidth: Int { max(1, min(Layout.readableWidth, articlePane.width - 2)) }
}
