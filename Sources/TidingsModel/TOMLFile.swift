#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TOMLKit

/// The one way Tidings reads TOML (the config file, category rules, themes): the file is read
/// only if it is a regular file of reasonable size (a FIFO would block), and the text reaches
/// TOMLKit only through `TOMLGuard` (toml++ aborts on some malformed input). A problem names the
/// file and, where known, the line.
public enum TOMLFile {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var column: Int?
        public var message: String
        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }

        public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.path = path
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// Config files are small; anything larger is not one.
    public static let sizeLimit = 1 << 20

    /// The text of the file at `path`, or nil when there is none. UTF-8 only.
    public static func text(at path: String) throws(Problem) -> String? {
        guard exists(path) else { return nil }
        if let why = SafePath.refusal(path) { throw Problem(path: path, message: "cannot read: \(why)") }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: sizeLimit)
        } catch {
            throw Problem(path: path, message: "cannot read: \(error.description)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(path: path, message: "not UTF-8 text")
        }
        return text
    }

    /// Parses TOML text: refused with its line when outside the subset `TOMLGuard` checks.
    public static func parse(_ text: String, path: String) throws(Problem) -> TOMLTable {
        if let problem = TOMLGuard.problem(in: text) {
            throw Problem(path: path, line: problem.line, message: problem.message)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Problem(path: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw Problem(path: path, message: "\(error)")
        }
    }

    /// The parsed file at `path`, or nil when there is none.
    public static func table(at path: String) throws(Problem) -> TOMLTable? {
        guard let text = try text(at: path) else { return nil }
        return try parse(text, path: path)
    }

    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return StoreName.withCString(path) { lstat($0, &st) } == 0
    }
}
