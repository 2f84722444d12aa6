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
    /// Case-insensitive; matched against headline, summary and any loaded body.
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

    private(set) var indexByID: [ArticleID: Int] = [:]
    /// Lower-cased headline and summary per article, built once per library for fast search.
    private(set) var searchKeys: [String] = []
    private(set) var bodySearchKeys: [ArticleID: String] = [:]

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

    public func article(withID id: ArticleID) -> Article? { indexByID[id].map { articles[$0] } }

    public func isRead(_ id: ArticleID) -> Bool { readIDs.contains(id) }

    /// The ids of the current view, in order.
    public var visibleIDs: [ArticleID] { visible.map { articles[$0].id } }

    public var unreadInView: Int { visible.reduce(0) { $0 + (readIDs.contains(articles[$1].id) ? 0 : 1) } }

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
        indexByID = [:]
        indexByID.reserveCapacity(articles.count)
        for (i, a) in articles.enumerated() { indexByID[a.id] = i }
        searchKeys = articles.map { ($0.headline + "\n" + ($0.summary ?? "")).lowercased() }
        bodySearchKeys = bodySearchKeys.filter { indexByID[$0.key] != nil }
    }

    mutating func rememberBody(_ body: ArticleBody, for id: ArticleID) {
        bodies[id] = .loaded(body)
        bodySearchKeys[id] = body.blocks.map(\.text).joined(separator: "\n").lowercased()
    }

    mutating func forgetBodies() {
        bodies = [:]
        bodySearchKeys = [:]
    }

    /// Recomputes `visible` from the filter and sort, keeping the cursor on the same article.
    mutating func refreshView() { refreshView(keeping: selectedArticle?.id) }

    mutating func refreshView(keeping keep: ArticleID?) {
        let term = filter.search.lowercased()
        var view: [Int] = []
        view.reserveCapacity(articles.count)
        for i in articles.indices {
            let a = articles[i]
            if let c = filter.category, a.category != c { continue }
            // The article under the cursor stays while it is read, so the cursor does not jump.
            if filter.unreadOnly && readIDs.contains(a.id) && a.id != keep && a.id != openID { continue }
            if !term.isEmpty && !searchKeys[i].contains(term)
                && !(bodySearchKeys[a.id]?.contains(term) ?? false) { continue }
            view.append(i)
        }
        visible = sorted(view)
        var widest = 0
        for i in visible { widest = max(widest, TextWidth.of(articles[i].category)) }
        categoryColumnWidth = widest
        if let keep, let i = visible.firstIndex(where: { articles[$0].id == keep }) { list.selected = i }
        clampList()
    }

    /// Sorts on precomputed integer keys: comparing optional dates in a closure is several times
    /// slower, and a sort runs on every filter change (10,000 articles in a few milliseconds).
    private func sorted(_ view: [Int]) -> [Int] {
        func dayKey(_ d: CivilDate?) -> Int { d.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1 }
        switch sort {
        case .newestFirst:
            // Undated articles (key -1) come last; ties keep the library's order.
            let keys = view.map { (key: dayKey(articles[$0].date), index: $0) }
            return keys.sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }.map(\.index)
        case .oldestFirst:
            // Undated articles stay last in both orders: they are the least useful.
            let keys = view.map { i -> (key: Int, index: Int) in
                let k = dayKey(articles[i].date)
                return (k < 0 ? Int.max : k, i)
            }
            return keys.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.map(\.index)
        case .byCategory:
            var rank: [String: Int] = [:]
            let names = Set(view.map { articles[$0].category }).sorted {
                let a = $0.lowercased(), b = $1.lowercased()
                return a != b ? a < b : $0 < $1
            }
            for (r, name) in names.enumerated() { rank[name] = r }
            let keys = view.map { (cat: rank[articles[$0].category]!, day: dayKey(articles[$0].date), index: $0) }
            return keys.sorted {
                if $0.cat != $1.cat { return $0.cat < $1.cat }
                if $0.day != $1.day { return $0.day > $1.day }
                return $0.index < $1.index
            }.map(\.index)
        }
    }

    mutating func clampList() { list.clamp(count: visible.count, rows: layout.listRows) }
}

/// Which key table is in charge.
public enum Mode: Equatable, Sendable { case list, article, picker, search, confirm, help }
