import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file replacement: the bytes go to a hidden temporary file in the same folder (the
/// store's scan passes over hidden names), then are renamed over the target. A reader, or a
/// crash of the process at any moment, sees the old file or the new one, never a mix. With
/// `sync` the file and its folder are fsynced too (durable against power loss); without, the
/// caller must notice a file a power failure lost (the fetch state keeps each file's size).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL, sync: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FetchError.io("cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        var offset = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0 && sync && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary.path, url.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary.path)
            throw FetchError.io("cannot write \(url.path): \(String(cString: strerror(failure)))")
        }
        guard sync else { return }
        let dir = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}

/// An exclusive lock on a file (flock), held while one fetch runs.
final class FileLock {
    private let fd: Int32

    init?(_ url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
