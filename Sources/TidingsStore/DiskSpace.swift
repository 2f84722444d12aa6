import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a failed write was for want of room. SQLite reports a full disk as SQLITE_FULL only
/// for some writes; creating a -wal or growing a -shm on a full disk fails as a bare "disk I/O
/// error", and so does a write past the file size limit (`ulimit -f`, EFBIG once SIGXFSZ is
/// ignored). Asking after the failure tells the user the real cause.
public enum DiskSpace {
    /// "the disk is full" or "the file size limit (ulimit -f) is reached" when one of them can
    /// explain a failed write near `url`, else nil.
    public static func shortage(near url: URL) -> String? {
        if isFull(near: url) { return "the disk is full" }
        if hasFileSizeLimit { return "the file size limit (ulimit -f) is reached" }
        return nil
    }

    /// True when the file system holding `url` (or the nearest folder above it that exists)
    /// has less than `margin` bytes left: too little for SQLite to write a page and its -wal.
    public static func isFull(near url: URL, margin: UInt64 = 64 * 1024) -> Bool {
        var folder = url
        var st = statvfs()
        while statvfs(folder.path, &st) != 0 {
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return false }
            folder = parent
        }
        return UInt64(st.f_bavail) * UInt64(st.f_frsize) < margin
    }

    /// A limit on the size of files this process writes is in force.
    public static var hasFileSizeLimit: Bool {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 else { return false }
        return limit.rlim_cur != rlim_t.max  // RLIM_INFINITY (-1 in C) does not import
    }
}
