import Foundation

/// Why the read state could not be opened or saved. The message names the file, so a user
/// can act on it; the reader shows "marks cannot be saved" and keeps going.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The folder or file cannot be created or written (read-only folder, permissions).
        case unwritable
        /// The file is not a database and could not be moved aside, so it was left untouched.
        case cannotSetAside
        /// No room to write (a full disk, a file size limit): nothing was written, the file is as
        /// it was. `reason` starts with which.
        case full
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

    /// The error for a failed SQLite call on the state at `path`: `.full` when a write failed for
    /// want of room (whatever code SQLite gave), else `.unwritable` for permission and open
    /// failures, else `.database`.
    static func fromSQLite(code: Int32, message: String?, path: URL) -> StateStoreError {
        let reason = message ?? "SQLite error \(code)"
        let primary = code & 0xFF
        // SQLITE_FULL, or SQLITE_IOERR / SQLITE_CANTOPEN (a -wal or -shm that could not be made
        // on a full disk); a file size limit shows as SQLITE_IOERR (EFBIG).
        if primary == 13 || primary == 10 || primary == 14 {
            if DiskSpace.isFull(near: path) {
                return StateStoreError(.full, path: path, reason: "the disk is full (\(reason))")
            }
            if primary == 10 && DiskSpace.hasFileSizeLimit {
                return StateStoreError(.full, path: path, reason: "the file size limit (ulimit -f) is reached (\(reason))")
            }
            if primary == 13 {
                return StateStoreError(.full, path: path, reason: "the disk is full (\(reason))")
            }
        }
        switch primary {
        case 8, 14, 3, 23:  // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH
            return StateStoreError(.unwritable, path: path, reason: reason)
        default:
            return StateStoreError(.database, path: path, reason: reason)
        }
    }

    public var description: String {
        switch kind {
        case .unwritable:
            return "marks cannot be saved: the read state \(path.path) is not writable (\(reason))"
        case .full:
            return "marks cannot be saved: \(reason), writing the read state \(path.path); the marks already saved are kept"
        case .cannotSetAside:
            return "the read state \(path.path) is not a valid database and could not be moved aside (\(reason)); it was left untouched"
        case .database:
            return "the read state \(path.path) failed: \(reason)"
        }
    }
}
