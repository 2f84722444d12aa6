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
    public var label: String {
        switch self {
        case .newestFirst: return "newest first"
        case .oldestFirst: return "oldest first"
        case .byCategory: return "by category"
        }
    }
    var next: SortOrder {
        let all = SortOrder.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What narrows the headline list.
public struct Filter: Equatable, Sendable {
    public var category: String?
    public var unreadOnly: Bool
    /// Case-insensitive; matched against headline, summary, any loaded body and the stored
    /// bodies the wiring found (`bodySearch`).
    public var search: String
    public init(category: String? = nil, unreadOnly: Bool = false, search: String = "") {
        self.category = category
        self.unreadOnly = unreadOnly
        self.search = search
    }
    public var isEmpty: Bool { category == nil && !unreadOnly && search.isEmpty }
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
    public var unread: Int
    public var total: Int
}

public struct PickerState: Equatable, Sendable {
    public var entries: [PickerEntry]
    public var list: ListState
}

/// A modal layer over the screen; keys go to it first.
public enum Overlay: Equatable, Sendable {
    case help(ScrollState)
    case picker(PickerState)
    /// "Mark these N articles read?": the ids of the view when A was pressed.
    case confirmMarkAll([ArticleID])
}

/// The body search for one term: `ids` is nil until the wiring's answer arrives.
public struct BodySearch: Equatable, Sendable {
    public var query: String
    public var ids: Set<ArticleID>?
    public init(query: String, ids: Set<ArticleID>? = nil) {
        self.query = query
        self.ids = ids
    }
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
    public var wasRead: [Bool]
    public init(ids: [ArticleID], wasRead: [Bool]) {
        self.ids = ids
        self.wasRead = wasRead
    }
}

/// Everything the reader shows. Changed only by `reduce`; drawn by `render`.
public struct AppState: Sendable {
    public private(set) var articles: [Article]
    public var readIDs: Set<ArticleID>
    public var weather: [WeatherReading]
    public var newestDate: CivilDate?
    public var width: Int
    public var height: Int

    public var filter = Filter()
    public var sort = SortOrder.newestFirst
    /// Indices into `articles`: the current view, filtered and sorted.
    public private(set) var visible: [Int] = []
    public var list = ListState()
    /// The article being read (or last read, still shown in the split pane).
    public var openID: ArticleID?
    public var articleScroll = ScrollState()
    public var focus = Focus.list
    public var bodies: [ArticleID: BodyState] = [:]
    public var overlay: Overlay?
    public var searchPrompt: SearchPrompt?
    public var message: StatusMessage?
    public var lastMark: MarkRecord?

    /// Widest category name in the view (columns): the list's category column, computed once
    /// per view change rather than per frame.
    public private(set) var categoryColumnWidth = 0

    /// Body search for the current term, asked of the wiring (`Effect.searchBodies`) and
    /// answered by `Action.bodyMatches`.
    public internal(set) var bodySearch: BodySearch?

    /// Sort orders, lower-cased search text and category widths, built once per library.
    private(set) var index = ViewIndex()
    /// Lower-cased text of bodies loaded for reading (UTF-8), searched with the headlines.
    private(set) var bodySearchKeys: [ArticleID: [UInt8]] = [:]

    public init(articles: [Article], readIDs: Set<ArticleID>, weather: [WeatherReading], newestDate: CivilDate?,
                width: Int, height: Int) {
        self.articles = articles
        self.readIDs = readIDs
        self.weather = weather
        self.newestDate = newestDate
        self.width = width
        self.height = height
        rebuildIndex()
        refreshView()
    }

    public var layout: Layout { Layout(width: width, height: height) }

    /// The article at the cursor, if the view is not empty.
    public var selectedArticle: Article? {
        visible.indices.contains(list.selected) ? articles[visible[list.selected]] : nil
    }

    public var openArticle: Article? { openID.flatMap(article(withID:)) }

    public func article(withID id: ArticleID) -> Article? { index.indexByID[id].map { articles[$0] } }

    public func isRead(_ id: ArticleID) -> Bool { readIDs.contains(id) }

    /// The ids of the current view, in order.
    public var visibleIDs: [ArticleID] { visible.map { articles[$0].id } }

    public var unreadInView: Int { visible.reduce(0) { $0 + (readIDs.contains(articles[$1].id) ? 0 : 1) } }

    /// The body search for the current term has not answered yet.
    public var isSearchingBodies: Bool {
        guard let bodySearch, !filter.search.isEmpty else { return false }
        return bodySearch.query == filter.search && bodySearch.ids == nil
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
        return focus == .article && openID != nil ? .article : .list
    }

    mutating func replaceLibrary(articles: [Article]) {
        self.articles = articles
        // The old view indexes the old array: drop it before anything reads it.
        visible = []
        rebuildIndex()
    }

    private mutating func rebuildIndex() {
        index = ViewIndex(articles)
        bodySearchKeys = bodySearchKeys.filter { index.indexByID[$0.key] != nil }
    }

    mutating func rememberBody(_ body: ArticleBody, for id: ArticleID) {
        bodies[id] = .loaded(body)
        bodySearchKeys[id] = Array(body.blocks.map(\.text).joined(separator: "\n").lowercased().utf8)
    }

    mutating func forgetBodies() {
        bodies = [:]
        bodySearchKeys = [:]
    }

    /// Recomputes `visible` from the filter and sort, keeping the cursor on the same article.
    mutating func refreshView() { refreshView(keeping: selectedArticle?.id) }

    /// One pass over the precomputed order of the current sort: nothing is sorted here.
    mutating func refreshView(keeping keep: ArticleID?) {
        let term = filter.search.lowercased()
        let needle = Array(term.utf8)
        let headlineHits = term.isEmpty ? [] : index.headlineMatches(term)
        let bodyHits = bodySearch.flatMap { $0.query == filter.search ? $0.ids : nil } ?? []
        var view: [Int] = []
        view.reserveCapacity(articles.count)
        var widest = 0
        for i in index.order(sort) {
            let a = articles[i]
            if let c = filter.category, a.category != c { continue }
            // The article under the cursor stays while it is read, so the cursor does not jump.
            if filter.unreadOnly && readIDs.contains(a.id) && a.id != keep && a.id != openID { continue }
            if !term.isEmpty && !headlineHits[i] && !bodyHits.contains(a.id)
                && !(!bodySearchKeys.isEmpty && bodySearchKeys[a.id].map { ByteSearch.contains(needle, in: $0) } ?? false) { continue }
            view.append(i)
            widest = max(widest, index.categoryWidths[i])
        }
        visible = view
        categoryColumnWidth = widest
        if let keep, let i = visible.firstIndex(where: { articles[$0].id == keep }) { list.selected = i }
        clampList()
    }

    mutating func clampList() { list.clamp(count: visible.count, rows: layout.listRows) }
}

/// Which key table is in charge.
public enum Mode: Equatable, Sendable { case list, article, picker, search, confirm, help }
