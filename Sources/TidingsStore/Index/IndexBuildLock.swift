import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The marker of a first build in progress: `<index>-building`, locked (flock) by the process
/// that builds.
///
/// A first build writes without waiting for the disk (`synchronous = OFF`): a power cut in the
/// middle could leave any page of the file damaged, so a file built that way is trusted only
/// once the build has finished and been flushed, and the marker removed. A marker that nobody
/// holds locked belongs to a build that died: the index is discarded when opened. A marker that
/// is locked belongs to a live build: other refreshes wait for it to end, readers read along.
final class IndexBuildLock {
    let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    static func markerPath(forIndex index: URL) -> String { index.path + "-building" }

    /// Creates the marker and takes its lock, waiting while another process holds it. The marker
    /// is on disk (flushed, with its folder) before this returns.
    static func acquire(index: URL) throws -> IndexBuildLock {
        let path = markerPath(forIndex: index)
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw ArticleIndexError(.unwritable, path: index.path, reason: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            // The holder before us may have removed the marker as it finished: lock the file
            // that is there now, not the one it unlinked.
            if sameFile(fd, path) {
                fsync(fd)
                syncFolder(of: path)
                return IndexBuildLock(path: path, fd: fd)
            }
            close(fd)
        }
    }

    /// Waits until no build holds the marker (returns at once when there is none).
    static func waitForBuild(index: URL) {
        let fd = open(markerPath(forIndex: index), O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        close(fd)
    }

    /// True when a marker is there and no live process holds it: a build died. The marker is
    /// removed (the caller discards the index).
    static func claimDeadBuild(index: URL) -> Bool {
        let path = markerPath(forIndex: index)
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        guard sameFile(fd, path) else { return false }  // a build just finished and removed it
        unlink(path)
        return true
    }

    /// Ends the build. `finished`: the index is complete and flushed, the marker goes; otherwise
    /// (the build failed) the marker stays, and the next open discards the index.
    func release(finished: Bool) {
        guard fd >= 0 else { return }
        if finished {
            unlink(path)
            Self.syncFolder(of: path)
        }
        close(fd)
        fd = -1
    }

    deinit { release(finished: false) }

    private static func sameFile(_ fd: Int32, _ path: String) -> Bool {
        var a = stat(), b = stat()
        guard fstat(fd, &a) == 0, stat(path, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    private static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Flushes a file to disk, if it exists (the index and its -wal after a build).
    static func sync(file path: String) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
