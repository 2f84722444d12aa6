import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a failed write is a full disk. SQLite reports a full disk as SQLITE_FULL only for
/// some writes; creating a -wal or growing a -shm on a full disk fails as a bare "disk I/O
/// error". Asking the file system after the failure tells the user the real cause.
public enum DiskSpace {
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
}
