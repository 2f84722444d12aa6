/// A theme file that cannot be used. The caller reports it and falls back to the default theme.
public struct ThemeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file, as given or found; "<text>" when parsed from a string.
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (missing, unreadable).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
