import TidingsModel

/// Everything that can happen to the reader: keys, and results of I/O the wiring did for it.
public enum Action: Sendable {
    case key(KeyEvent)
    case resize(width: Int, height: Int)
    case bodyLoaded(ArticleID, ArticleBody)
    case bodyFailed(ArticleID, String)
    /// The store changed (or was read for the first time): the list is asked for again, keeping
    /// the selection.
    case storeChanged(StoreSummary)
    /// How far a scan of the store has got; nil when it is done.
    case indexing(StoreProgress?)
    case marksFailed(String)
    /// What the status line says about syncing with a feed server (nil: no account).
    case syncStatus(String?)
    case status(String, isError: Bool = false)
    /// Answers to the row effects (`RowSource`): ignored when the view moved on meanwhile.
    case viewLoaded(ListView, selected: Int)
    case viewCounted(ViewQuery, unread: Int, categoryColumnWidth: Int)
    case rowsLoaded(ViewQuery, offset: Int, rows: [ListRow])
    case unreadFound(ViewQuery, position: Int?, forward: Bool, open: Bool)
    case viewMarked([ArticleID])
    case categoriesLoaded([PickerEntry])
    /// The same categories with their unread counts.
    case categoriesCounted([PickerEntry])
}

/// What the reader shows about the store beside the list.
public struct StoreSummary: Equatable, Sendable {
    public var weather: [WeatherReading]
    public var newestDate: CivilDate?
    /// Pages that could not be read.
    public var skipped: Int
    public init(weather: [WeatherReading] = [], newestDate: CivilDate? = nil, skipped: Int = 0) {
        self.weather = weather
        self.newestDate = newestDate
        self.skipped = skipped
    }
}

/// Files of the store looked at so far in a scan, of how many.
public struct StoreProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// Work the reducer asks the wiring to do; results come back as actions.
public enum Effect: Equatable, Sendable {
    case loadBody(Article)
    /// Write these read flags to SQLite at once.
    case setRead([ArticleID], read: Bool)
    /// Write these stars to SQLite at once.
    case setStarred([ArticleID], starred: Bool)
    /// Scan the store again (in the background); `Action.storeChanged` follows.
    case rescan
    /// Fetch the subscribed feeds (in the background); progress comes back as status actions
    /// and new articles through `storeChanged`.
    case fetchFeeds
    case openURL(String)
    case quit
    /// Read the view afresh: counts and `limit` rows around `keeping` (or position `near`).
    case loadView(ViewQuery, keeping: ArticleID?, near: Int, limit: Int)
    /// Count the view's unread articles and measure its category column (after the frame).
    case countView(ViewQuery)
    /// Read `limit` rows of the view from `offset`.
    case loadRows(ViewQuery, offset: Int, limit: Int)
    /// Find the next unread article beyond the window; `open` opens it when found.
    case findUnread(ViewQuery, from: Int, forward: Bool, open: Bool)
    /// Mark every article of the view read, in one transaction.
    case markView(ViewQuery)
    /// Categories with their sizes, for the picker (unread counts when they come cheap).
    case loadCategories
    /// The picker's unread counts (after its frame).
    case countCategories
}
