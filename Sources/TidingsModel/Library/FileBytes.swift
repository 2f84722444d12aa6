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
        try read(at: AT_FDCWD, path, limit: limit, expectedSize: expectedSize, followLink: true)
    }

    /// A file of the store by its path in the store, under the store's symlink rule
    /// (`SafePath`): a link is followed only when it leads inside the store.
    public static func read(store root: String, relative path: String, limit: Int) throws(SkipReason) -> [UInt8] {
        let full = root + "/" + path
        do {
            return try read(at: AT_FDCWD, full, limit: limit, followLink: false)
        } catch let reason where reason.isLink {
            guard let target = SafePath.realPath(full), let realRoot = SafePath.realPath(root),
                  SafePath.isInside(target, root: realRoot) else {
                throw SkipReason("symbolic link out of the store (not followed)")
            }
            return try read(at: AT_FDCWD, target, limit: limit, followLink: false)
        }
    }

    /// Opens `name` relative to the open folder `folder`. With `expectedSize`, reading stops once
    /// that many bytes arrived (no extra read to see the end): a file that grows meanwhile has a
    /// new modification time, so the next scan reads it again.
    /// `followLink` false: a symbolic link as the last part of the name is not opened (the walk
    /// has checked the links it hands over as `viaLink`). Anything but a regular file is refused
    /// after the open (O_NONBLOCK: opening a FIFO does not wait for a writer).
    package static func read(at folder: Int32, _ name: String, limit: Int, expectedSize: Int? = nil,
                             followLink: Bool) throws(SkipReason) -> [UInt8] {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLink ? 0 : O_NOFOLLOW)
        let fd = StoreName.withCString(name) { openat(folder, $0, flags) }
        guard fd >= 0 else {
            if errno == ELOOP && !followLink { throw SkipReason.symbolicLink }
            throw SkipReason("not readable: \(errnoText())")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SkipReason("cannot stat: \(errnoText())") }
        if let why = SafePath.refusal(mode: st.st_mode) { throw SkipReason(why) }
        let size = expectedSize ?? Int(st.st_size)
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

extension SkipReason {
    /// Opening with O_NOFOLLOW met a symbolic link (the caller decides whether to follow it).
    static let symbolicLink = SkipReason("symbolic link")
    var isLink: Bool { self == .symbolicLink }
}
