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
}

/// Work the reducer asks the wiring to do; results come back as actions.
public enum Effect: Equatable, Sendable {
    case loadBody(Article)
    /// Write these read flags to SQLite at once.
    case setRead([ArticleID], read: Bool)
    case rescan
    case openURL(String)
    case quit
}
