/// Why a sync did not finish. Every case leaves the outbox as it was.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `[sync]` settings are missing or wrong, or the password could not be had.
    case settings(String)
    /// The server refused the user and password (Fever: `auth: 0`). Not retried until they change.
    case refused(String)
    /// No answer: offline, the server down, a timeout. Retried later.
    case unreachable(String)
    /// An answer that is not the API's (an HTML page, garbage, a 5xx). Retried later.
    case badAnswer(String)

    public var description: String {
        switch self {
        case .settings(let why): return why
        case .refused(let why): return why
        case .unreachable(let why): return why
        case .badAnswer(let why): return why
        }
    }

    /// Worth trying again later without a change of settings.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .badAnswer: return true
        case .settings, .refused: return false
        }
    }
}
