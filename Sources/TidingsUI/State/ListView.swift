import TidingsModel

/// Which articles the list shows and in what order: what a row source is asked for.
public struct ViewQuery: Equatable, Sendable {
    public var filter: Filter
    public var sort: SortOrder
    /// Read articles an unread-only view still shows (the one under the cursor when the view was
    /// made, the open one, every one marked since), so rows do not vanish under the cursor.
    public var keep: [ArticleID]
    public init(filter: Filter = Filter(), sort: SortOrder = .newestFirst, keep: [ArticleID] = []) {
        self.filter = filter
        self.sort = sort
        self.keep = keep
    }
}

/// One headline of the list.
public struct ListRow: Equatable, Sendable {
    public var article: Article
    public var isRead: Bool
    public var isStarred: Bool
    public init(article: Article, isRead: Bool, isStarred: Bool = false) {
        self.article = article
        self.isRead = isRead
        self.isStarred = isStarred
    }
}

/// The current view as the list knows it: its size and counts, and a window of its rows around
/// what is on screen. The rows come from a `RowSource` on demand (`Effect.loadRows`), so the
/// state holds a few screens of rows whatever the size of the store.
public struct ListView: Equatable, Sendable {
    public var query: ViewQuery
    public var total: Int
    public var unread: Int
    /// False until `unread` and `categoryColumnWidth` are counted: a big store's first frame
    /// shows its rows without waiting for a count over every article (`Effect.countView`).
    public var isCounted: Bool
    /// Position of `rows[0]` in the view.
    public var offset: Int
    public var rows: [ListRow]
    /// The store holds no article at all (an empty view then says so, not "nothing matches").
    public var storeIsEmpty: Bool
    /// Widest category name among the view's categories (columns): the list's category column.
    public var categoryColumnWidth: Int

    public init(query: ViewQuery = ViewQuery(), total: Int = 0, unread: Int = 0, offset: Int = 0, rows: [ListRow] = [],
                storeIsEmpty: Bool = false, categoryColumnWidth: Int = 0, isCounted: Bool = true) {
        self.isCounted = isCounted
        self.query = query
        self.total = total
        self.unread = unread
        self.offset = offset
        self.rows = rows
        self.storeIsEmpty = storeIsEmpty
        self.categoryColumnWidth = categoryColumnWidth
    }

    /// The row at a position of the view, if it is in the window.
    public func row(at position: Int) -> ListRow? {
        let i = position - offset
        return rows.indices.contains(i) ? rows[i] : nil
    }

    /// Where `id` stands in the view, if its row is in the window.
    public func position(of id: ArticleID) -> Int? {
        rows.firstIndex { $0.article.id == id }.map { $0 + offset }
    }

    /// The window holds every row of `range` that exists.
    func covers(_ range: Range<Int>) -> Bool {
        let wanted = range.clamped(to: 0..<total)
        return wanted.isEmpty || (wanted.lowerBound >= offset && wanted.upperBound <= offset + rows.count)
    }

    /// Sets one row's star where it is in the window.
    mutating func setStarred(_ id: ArticleID, _ starred: Bool) {
        guard let i = rows.firstIndex(where: { $0.article.id == id }) else { return }
        rows[i].isStarred = starred
    }

    /// Flips one row's read flag where it is in the window, keeping the unread count in step.
    mutating func setRead(_ id: ArticleID, _ read: Bool) {
        guard let i = rows.firstIndex(where: { $0.article.id == id }), rows[i].isRead != read else { return }
        rows[i].isRead = read
        unread += read ? -1 : 1
    }
}
