import Foundation
import TOMLKit

/// The `[sync]` table of config.toml: which server, as whom, and how to get the password.
/// The password itself is never in the file: it comes from a command's output (run from an
/// argument list, never a shell) or an environment variable.
public struct SyncConfig: Sendable, Equatable {
    public enum Kind: String, Sendable { case fever }
    public enum PasswordSource: Sendable, Equatable {
        case command([String])
        case environment(String)
    }

    public var kind: Kind
    public var endpoint: String
    public var user: String
    public var password: PasswordSource
    /// Minutes between the reader's background syncs.
    public var intervalMinutes: Double
    /// Seconds one request may take before the server counts as unreachable.
    public var timeoutSeconds: Double

    public init(kind: Kind = .fever, endpoint: String, user: String, password: PasswordSource, intervalMinutes: Double = 5,
                timeoutSeconds: Double = 30) {
        self.kind = kind
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.intervalMinutes = intervalMinutes
        self.timeoutSeconds = timeoutSeconds
    }

    /// The `[sync]` table of `file`; nil when the file or the table is absent. A table that is there
    /// but wrong is an error that names the key.
    public static func load(from file: URL) throws -> SyncConfig? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyncError.settings("\(file.path):\(error.source.begin.line): \(error.description)")
        }
        guard let value = root["sync"] else { return nil }
        guard let table = value.table else { throw SyncError.settings("\(file.path): `sync` must be a table ([sync])") }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string, !text.isEmpty else {
                throw SyncError.settings("\(file.path): [sync] `\(key)` must be a non-empty string")
            }
            return text
        }
        let kindName = try string("kind") ?? "fever"
        guard let kind = Kind(rawValue: kindName) else {
            throw SyncError.settings("\(file.path): [sync] kind \"\(kindName)\" is not supported (only \"fever\")")
        }
        guard let endpoint = try string("endpoint") else { throw SyncError.settings("\(file.path): [sync] needs `endpoint`, the Fever API URL") }
        guard let parts = endpoint.split(separator: ":", maxSplits: 1).first,
              ["http", "https"].contains(parts.lowercased()) else {
            throw SyncError.settings("\(file.path): [sync] endpoint must be an http or https URL, not \(endpoint)")
        }
        guard let user = try string("user") else { throw SyncError.settings("\(file.path): [sync] needs `user`") }
        let password: PasswordSource
        if let command = table["password_command"] {
            guard let list = command.array, !list.isEmpty, list.allSatisfy({ $0.string != nil }) else {
                throw SyncError.settings("\(file.path): [sync] password_command must be a list of strings, e.g. [\"pass\", \"show\", \"rss\"]")
            }
            password = .command(list.map { $0.string! })
        } else if let name = try string("password_env") {
            password = .environment(name)
        } else {
            throw SyncError.settings("\(file.path): [sync] needs password_command (a list: the program and its arguments) or password_env (a variable's name); the password is never kept in the file")
        }
        func positive(_ key: String, _ fallback: Double) throws -> Double {
            guard let value = table[key] else { return fallback }
            guard let number = value.double ?? value.int.map(Double.init), number > 0 else {
                throw SyncError.settings("\(file.path): [sync] \(key) must be a positive number")
            }
            return number
        }
        return SyncConfig(kind: kind, endpoint: endpoint, user: user, password: password,
                          intervalMinutes: try positive("interval_minutes", 5), timeoutSeconds: try positive("timeout_seconds", 30))
    }
}
