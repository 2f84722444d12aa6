import TidingsModel

/// Where the list's rows come from: the on-disk index in the reader (`IndexRows` in the CLI),
/// `MemoryRows` (TestSupport) for articles held in memory. Every call reads the store as it is now,
/// marks included; the reducer never calls it: the wiring does, for the row effects
/// (`Effect.isRowQuery`), through `perform(_:with:)`.
public protocol RowSource: AnyObject {
    /// Size, counts and a window of `limit` rows of the view. The window holds `keep` when that
    /// article is in the view (its position is the answer's `selected`), else starts near `near`.
    /// A view that is not `isCounted` gets its counts from `counts(_:)` next.
    func view(_ query: ViewQuery, keeping: ArticleID?, near: Int, limit: Int) throws -> (view: ListView, selected: Int)
    func counts(_ query: ViewQuery) throws -> (unread: Int, categoryColumnWidth: Int)
    func rows(_ query: ViewQuery, offset: Int, limit: Int) throws -> [ListRow]
    /// Position of the first unread article after (or before) `position` in the view.
    func unreadPosition(_ query: ViewQuery, from position: Int, forward: Bool) throws -> Int?
    /// Marks every article of the view read, in one transaction; the ids that changed.
    func markAll(_ query: ViewQuery) throws -> [ArticleID]
    /// Every category with its size, "All" first; unread counts too when `counted`, else
    /// only if they come cheap (nil otherwise).
    func categories(counted: Bool) throws -> [PickerEntry]
}

extension Effect {
    /// Reads and writes of the list that a `RowSource` answers.
    public var isRowQuery: Bool {
        switch self {
        case .loadView, .countView, .loadRows, .findUnread, .markView, .loadCategories, .countCategories: return true
        default: return false
        }
    }
}

/// Performs a row effect against `source`; the answer is the next action (nil for other effects).
public func perform(_ effect: Effect, with source: RowSource) -> Action? {
    do {
        switch effect {
        case .loadView(let query, let keeping, let near, let limit):
            let (view, selected) = try source.view(query, keeping: keeping, near: near, limit: limit)
            return .viewLoaded(view, selected: selected)
        case .countView(let query):
            let counted = try source.counts(query)
            return .viewCounted(query, unread: counted.unread, categoryColumnWidth: counted.categoryColumnWidth)
        case .loadRows(let query, let offset, let limit):
            return .rowsLoaded(query, offset: offset, rows: try source.rows(query, offset: offset, limit: limit))
        case .findUnread(let query, let position, let forward, let open):
            let found = try source.unreadPosition(query, from: position, forward: forward)
            return .unreadFound(query, position: found, forward: forward, open: open)
        case .markView(let query):
            return .viewMarked(try source.markAll(query))
        case .loadCategories:
            return .categoriesLoaded(try source.categories(counted: false))
        case .countCategories:
            return .categoriesCounted(try source.categories(counted: true))
        default:
            return nil
        }
    } catch {
        return .status("Could not read the index: \(error)", isError: true)
    }
}
