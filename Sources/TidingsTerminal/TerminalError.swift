/// Why the terminal could not be started; the message is what the user sees before exit 1.
public enum TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
    case notATerminal
    case termUnset
    case termUnknown(String)
    /// The terminal type cannot move the cursor (TERM=dumb): no full-screen program can run.
    case cannotAddressCursor(String)
    case cursesFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the reader needs a terminal: standard input and output must be a terminal (use `tidings list` for scripts)"
        case .termUnset:
            return "the TERM environment variable is not set: cannot drive the terminal (try TERM=xterm-256color)"
        case .termUnknown(let name):
            return "unknown terminal type TERM=\(name): no terminfo entry (try TERM=xterm-256color)"
        case .cannotAddressCursor(let name):
            return "TERM=\(name) cannot move the cursor, so the full-screen reader cannot run on it (use `tidings list` and `tidings show`, or a terminal such as TERM=xterm-256color)"
        case .cursesFailed(let what):
            return "could not start the terminal: \(what)"
        }
    }
}
