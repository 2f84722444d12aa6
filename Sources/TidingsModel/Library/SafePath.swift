#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one rule for what Tidings opens on disk, used by the store walk, by reading a stored file
/// and by opening the read state, the index and config files:
///
/// - only regular files are read; FIFOs, sockets and devices are refused before any open (an
///   open of a FIFO blocks until a writer comes), folders are refused where a file is expected;
/// - nothing under /proc or /sys (their "regular" files are views of the kernel: reading
///   /proc/kmsg consumes the kernel's log, /proc is endless);
/// - inside a store, a symbolic link is followed only when what it leads to is inside the store
///   too, so a store shows only what is in it.
public enum SafePath {
    /// Why the file at `path` must not be opened as a file, or nil when it is a regular file or
    /// does not exist (following a symbolic link, as an open would). `lstat`/`stat` never block.
    public static func refusal(_ path: String) -> String? {
        var st = stat()
        guard StoreName.withCString(path, { stat($0, &st) }) == 0 else {
            var lst = stat()
            if StoreName.withCString(path, { lstat($0, &lst) }) == 0 { return "a symbolic link that leads nowhere" }
            return nil  // missing (or not visible): opening reports it
        }
        if let why = refusal(mode: st.st_mode) { return why }
        if let real = realPath(path), isSystem(real) { return "it is under /proc or /sys, not a file of yours" }
        return nil
    }

    /// Why a file of this type is not read, or nil for a regular file.
    public static func refusal(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a FIFO (named pipe), not a file"
        case S_IFSOCK: return "it is a socket, not a file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file"
        default: return "it is not a regular file"
        }
    }

    /// The first refusal among an SQLite database and the side files SQLite opens beside it
    /// (`-journal`, `-wal`, `-shm`) and any `extraSuffixes`, as (file, reason).
    public static func databaseRefusal(_ path: String, extraSuffixes: [String] = []) -> (file: String, reason: String)? {
        for suffix in ["", "-journal", "-wal", "-shm"] + extraSuffixes {
            if let why = refusal(path + suffix) { return (path + suffix, why) }
        }
        return nil
    }

    /// Why a folder cannot be a store: it is not a folder, or it is under /proc or /sys.
    public static func storeRefusal(_ path: String) -> String? {
        var st = stat()
        guard StoreName.withCString(path, { stat($0, &st) }) == 0 else { return nil }  // missing: the caller says so
        if st.st_mode & S_IFMT != S_IFDIR { return "it is not a folder" }
        if let real = realPath(path), isSystem(real) { return "it is under /proc or /sys, not a folder of pages" }
        return nil
    }

    /// Whether `relative` names a regular file of the store at `root` under the symlink rule
    /// (what the walk would visit, hidden names aside).
    public static func isStoreFile(root: String, relative: String) -> Bool {
        guard let real = realPath(root + "/" + relative), let realRoot = realPath(root),
              isInside(real, root: realRoot) else { return false }
        var st = stat()
        return StoreName.withCString(real, { stat($0, &st) }) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// True for /proc, /sys and anything below them.
    public static func isSystem(_ realPath: String) -> Bool {
        for root in ["/proc", "/sys"] where realPath == root || realPath.hasPrefix(root + "/") { return true }
        return false
    }

    /// The absolute path with every symbolic link resolved, or nil when it does not resolve.
    public static func realPath(_ path: String) -> String? {
        guard let p = StoreName.withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(p) }
        return StoreName.string(cString: p)
    }

    /// Whether the resolved path `real` is `root` (resolved) or below it.
    public static func isInside(_ real: String, root: String) -> Bool {
        if root == "/" { return true }
        return real == root || real.hasPrefix(root + "/")
    }
}
