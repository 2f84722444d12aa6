import TidingsModel

/// Everything that can happen to the reader: keys, and results of I/O the wiring did for it.
public enum Action: Sendable {
    case key(KeyEvent)
    case resize(width: Int, height: Int)
    case bodyLoaded(ArticleID, ArticleBody)
    case bodyFailed(ArticleID, String)
    case libraryLoaded(articles: [Article], weather: [WeatherReading], newestDate: CivilDate?, skipped: Int)
    case marksFailed(String)
    case status(String)
    /// The articles whose stored body contains `query` (case-insensitive), answering
    /// `Effect.searchBodies(query)`; ignored unless `query` is still the search term.
    case bodyMatches(query: String, ids: Set<ArticleID>)
}

/// Work the reducer asks the wiring to do; results come back as actions.
public enum Effect: Equatable, Sendable {
    case loadBody(Article)
    /// Write these read flags to SQLite at once.
    case setRead([ArticleID], read: Bool)
    case rescan
    case openURL(String)
    case quit
    /// Find the articles whose body contains this term, off the main loop; a newer search
    /// supersedes an older one. Answered by `Action.bodyMatches`.
    case searchBodies(String)
}
