import TidingsModel

/// Selection and scroll of a list (headlines, picker entries), kept apart from the data it shows.
public struct ListState: Equatable, Sendable {
    public var selected: Int
    /// First row shown.
    public var offset: Int
    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Keeps `selected` inside `0..<count` and on screen in `rows` rows.
    mutating func clamp(count: Int, rows: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        let rows = max(1, rows)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = max(0, min(offset, count - rows))
    }
}

/// Vertical scroll of a text view (article, help).
public struct ScrollState: Equatable, Sendable {
    public var offset: Int
    public init(offset: Int = 0) { self.offset = offset }
    mutating func clamp(total: Int, rows: Int) { offset = max(0, min(offset, total - max(1, rows))) }
}

public enum SortOrder: CaseIterable, Sendable {
    case newestFirst, oldestFirst, byCategory
    /// Ranked by how well a search matches (headline hits first): only while searching.
    case bestMatch
    public var label: String {
        switch self {
        case .newestFirst: return "newest first"
        case .oldestFirst: return "oldest first"
        case .byCategory: return "by category"
        case .bestMatch: return "best match first"
        }
    }
    func next(searching: Bool) -> SortOrder {
        let all = SortOrder.allCases.filter { searching || $0 != .bestMatch }
        return all[((all.firstIndex(of: self) ?? -1) + 1) % all.count]
    }
}

/// What narrows the headline list.
public struct Filter: Equatable, Sendable {
    public var category: String?
    public var unreadOnly: Bool
    /// Words looked for in headline, summary and body (each a word or the start of one).
    public var search: String
    /// Only starred articles (the picker's "Starred").
    public var starredOnly: Bool
    public init(category: String? = nil, unreadOnly: Bool = false, search: String = "", starredOnly: Bool = false) {
        self.starredOnly = starredOnly
        self.category = category
        self.unreadOnly = unreadOnly
        self.search = search
    }
    public var isEmpty: Bool { category == nil && !unreadOnly && search.isEmpty && !starredOnly }
}

public enum Focus: Equatable, Sendable { case list, article }

public enum BodyState: Equatable, Sendable {
    case loading
    case loaded(ArticleBody)
    case failed(String)
}

public struct PickerEntry: Equatable, Sendable {
    /// nil is "All".
    public var category: String?
    /// nil until counted: the picker opens with the sizes and the unread counts (every
    /// article's mark is read) follow a moment later.
    public var unread: Int?
    public var total: Int
    /// The "Starred" entry (`category` is then nil).
    public var starred: Bool
    public init(category: String?, unread: Int?, total: Int, starred: Bool = false) {
        self.starred = starred
        self.category = category
        self.unread = unread
        self.total = total
    }
}

public struct PickerState: Equatable, Sendable {
    public var entries: [PickerEntry]
    public var list: ListState
}

/// A modal layer over the screen; keys go to it first.
public enum Overlay: Equatable, Sendable {
    case help(ScrollState)
    case picker(PickerState)
    /// "Mark these N articles read?": the view when A was pressed.
    case confirmMarkAll(ViewQuery, count: Int)
}

/// The search prompt while it is being typed; the filter follows every key. Enter keeps the
/// filter, Esc clears it.
public struct SearchPrompt: Equatable, Sendable {
    public var text: String
    public init(text: String = "") { self.text = text }
}

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The read flags a marking action replaced, so `u` can put exactly them back.
public struct MarkRecord: Equatable, Sendable {
    public var ids: [ArticleID]
    /// The flags replaced: read flags, or stars when `stars`.
    public var wasRead: [Bool]
    public var stars: Bool
    public init(ids: [ArticleID], wasRead: [Bool], stars: Bool = false) {
        self.ids = ids
        self.wasRead = wasRead
        self.stars = stars
    }
}

/// Everything the reader shows. Changed only by `reduce`; drawn by `render`.
public struct AppState: Sendable {
    public var weather: [WeatherReading]
    public var newestDate: CivilDate?
    public var width: Int
    public var height: Int

    public var filter = Filter()
    public var sort = SortOrder.newestFirst
    /// The sort to go back to when a search (sorted best match first) is cleared.
    var sortBeforeSearch: SortOrder?
    /// The current view: counts and the rows around the cursor (see `ListView`).
    public internal(set) var view = ListView()
    /// The window asked for and not yet answered, so a key does not ask twice.
    var pendingRows: Range<Int>?
    /// A position to open once its row is loaded (J/K or n/p past the loaded rows).
    var pendingOpen: Int?
    /// The first digit of a link number typed in an article with ten links or more: the next
    /// digit makes it two digits, Enter opens it alone.
    var pendingLink: Int?
    /// The view asked for and not answered yet.
    var waitingFor: ViewQuery?
    public var list = ListState()
    /// The article being read (or last read, still shown in the split pane).
    public internal(set) var openArticle: Article?
    public var articleScroll = ScrollState()
    public var focus = Focus.list
    /// The list's source column (site or feed title), shown where rows have one; `S` hides it.
    public var showSource = true
    public var bodies: [ArticleID: BodyState] = [:]
    public var overlay: Overlay?
    public var searchPrompt: SearchPrompt?
    public var message: StatusMessage?
    public var lastMark: MarkRecord?
    /// The feed server sync as the status line shows it ("3 changes waiting"); nil without an account.
    public internal(set) var syncStatus: String?
    /// Today and the local time zone, for the list's date column.
    public var clock = ListClock()
    /// A scan of the store in progress, for the status line.
    public internal(set) var indexing: StoreProgress?

    public init(weather: [WeatherReading] = [], newestDate: CivilDate? = nil, width: Int, height: Int) {
        self.weather = weather
        self.newestDate = newestDate
        self.width = width
        self.height = height
    }

    public var layout: Layout { Layout(width: width, height: height) }

    public var openID: ArticleID? { openArticle?.id }

    /// The article at the cursor, if its row is loaded.
    public var selectedArticle: Article? { view.row(at: list.selected)?.article }

    /// The ids of the loaded rows of the view, in order.
    public var visibleIDs: [ArticleID] { view.rows.map(\.article.id) }

    public var unreadInView: Int { view.unread }

    /// The article's star as the loaded rows know it.
    public func isStarred(_ id: ArticleID) -> Bool {
        view.rows.first { $0.article.id == id }?.isStarred ?? false
    }

    /// The article's read flag as the loaded rows know it.
    public func isRead(_ id: ArticleID) -> Bool {
        view.rows.first { $0.article.id == id }?.isRead ?? false
    }

    /// The query for the view as the filter and sort now say, keeping `keep` in an unread-only view.
    func query(keeping keep: [ArticleID]) -> ViewQuery {
        ViewQuery(filter: filter, sort: sort, keep: filter.unreadOnly ? keep : [])
    }

    /// The key handler in charge, from the top layer down.
    public var mode: Mode {
        switch overlay {
        case .help: return .help
        case .picker: return .picker
        case .confirmMarkAll: return .confirm
        case nil: break
        }
        if searchPrompt != nil { return .search }
        return focus == .article && openArticle != nil ? .article : .list
    }

    /// Rows to ask for at once: a few screens, so scrolling asks again only now and then.
    var windowSize: Int { max(64, layout.listRows * 3) }

    /// Asks for the view afresh (the filter or sort changed, or the store did), keeping the
    /// cursor on the same article when it is still in the view; a new search or category
    /// starts at the top instead.
    mutating func reloadView(keepingSelection: Bool = true) -> [Effect] {
        let selected = keepingSelection ? selectedArticle?.id : nil
        let keepers = [selected, openID].compactMap { $0 }
        let query = query(keeping: keepers)
        pendingRows = nil
        waitingFor = query
        return [.loadView(query, keeping: selected ?? (keepingSelection ? openID : nil),
                          near: keepingSelection ? list.selected : 0, limit: windowSize)]
    }

    /// A search whose answer has not come yet (the status line says so).
    public var isSearching: Bool { !(waitingFor?.filter.search.isEmpty ?? true) }

    /// Asks for the rows on screen when the window does not hold them.
    mutating func rowsNeeded() -> [Effect] {
        let rows = max(1, layout.listRows)
        let shown = list.offset..<(list.offset + rows)
        let wanted = shown.lowerBound..<max(shown.upperBound, list.selected + 1)
        guard view.total > 0, !view.covers(wanted) else { return [] }
        if let pending = pendingRows, pending.contains(wanted.lowerBound), pending.upperBound >= min(wanted.upperBound, view.total) {
            return []
        }
        let start = max(0, min(wanted.lowerBound - windowSize / 3, view.total - windowSize))
        pendingRows = start..<(start + windowSize)
        return [.loadRows(view.query, offset: start, limit: windowSize)]
    }

    /// Takes a view from the row source when it answers the current filter and sort.
    mutating func acceptView(_ loaded: ListView, selected: Int) -> [Effect] {
        guard loaded.query.filter == filter, loaded.query.sort == sort else { return [] }
        if waitingFor?.filter == loaded.query.filter && waitingFor?.sort == loaded.query.sort { waitingFor = nil }
        view = loaded
        pendingRows = nil
        pendingOpen = nil
        list.selected = selected
        clampList()
        return loaded.isCounted ? [] : [.countView(loaded.query)]
    }

    mutating func acceptCounts(_ query: ViewQuery, unread: Int, categoryColumnWidth: Int) {
        // Counted meanwhile (a mark-all made it 0): the newer figure stands.
        guard query == view.query, !view.isCounted else { return }
        // Counted on a newer state of the index than the rows (a store being read): the header
        // would say "89783 unread / 76934". The reload that follows counts again, in step.
        guard unread <= view.total else { return }
        view.unread = unread
        view.categoryColumnWidth = categoryColumnWidth
        view.isCounted = true
    }

    mutating func acceptRows(_ query: ViewQuery, offset: Int, rows: [ListRow]) -> [Effect] {
        pendingRows = nil
        guard query == view.query else { return [] }
        view.offset = offset
        view.rows = rows
        if let at = pendingOpen, let article = view.row(at: at)?.article {
            pendingOpen = nil
            return open(article)
        }
        return []
    }

    mutating func clampList() { list.clamp(count: view.total, rows: layout.listRows) }
}

/// Which key table is in charge.
public enum Mode: Equatable, Sendable { case list, article, picker, search, confirm, help }
