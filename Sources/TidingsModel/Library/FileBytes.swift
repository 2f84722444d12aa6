#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with POSIX calls (one open, one or two reads), refusing files over `limit`.
public enum FileBytes {
    /// `expectedSize` (from the scan's stat) saves a second stat; O_NONBLOCK keeps a file that
    /// turned into a FIFO since the scan from blocking the read.
    public static func read(_ path: String, limit: Int, expectedSize: Int? = nil) throws(SkipReason) -> [UInt8] {
        try read(at: AT_FDCWD, path, limit: limit, expectedSize: expectedSize)
    }

    /// Opens `name` relative to the open folder `folder`. With `expectedSize`, reading stops once
    /// that many bytes arrived (no extra read to see the end): a file that grows meanwhile has a
    /// new modification time, so the next scan reads it again.
    package static func read(at folder: Int32, _ name: String, limit: Int, expectedSize: Int? = nil) throws(SkipReason) -> [UInt8] {
        let fd = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw SkipReason("not readable: \(errnoText())") }
        defer { close(fd) }
        let size: Int
        if let expectedSize {
            size = expectedSize
        } else {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw SkipReason("cannot stat: \(errnoText())") }
            guard st.st_mode & S_IFMT == S_IFREG else { throw SkipReason("not a regular file") }
            size = Int(st.st_size)
        }
        guard size <= limit else { throw SkipReason("file too large (\(size) bytes, limit \(limit))") }
        // Read one byte more than the size so a file that grew since stat is noticed, not truncated silently.
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buf, count in
            var got = 0
            while got < buf.count {
                let n = Glibc.read(fd, buf.baseAddress! + got, buf.count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN { failure = "not a regular file"; break }
                    failure = errnoText()
                    break
                }
                if n == 0 { break }
                got += n
                if let expectedSize, got >= expectedSize { break }
            }
            count = got
        }
        if let failure { throw SkipReason("read failed: \(failure)") }
        guard bytes.count <= limit else { throw SkipReason("file too large (over \(limit) bytes)") }
        return bytes
    }
}
