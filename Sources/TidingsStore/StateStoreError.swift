import Foundation

/// Why the read state could not be opened or saved. The message names the file, so a user
/// can act on it; the reader shows "marks cannot be saved" and keeps going.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The folder or file cannot be created or written (read-only folder, permissions).
        case unwritable
        /// The file is not a database and could not be moved aside, so it was left untouched.
        case cannotSetAside
        /// Any other SQLite failure.
        case database
    }

    public var kind: Kind
    public var path: URL
    public var reason: String

    public init(_ kind: Kind, path: URL, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .unwritable:
            return "marks cannot be saved: the read state \(path.path) is not writable (\(reason))"
        case .cannotSetAside:
            return "the read state \(path.path) is not a valid database and could not be moved aside (\(reason)); it was left untouched"
        case .database:
            return "the read state \(path.path) failed: \(reason)"
        }
    }
}
