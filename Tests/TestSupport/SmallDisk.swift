import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small file system of its own (a tmpfs of `kilobytes`), mounted on a temporary folder, that
/// a test fills to simulate a full disk. Mounting needs root (CAP_SYS_ADMIN); `isPossible` says
/// whether this machine allows it, so tests can be skipped elsewhere.
public final class SmallDisk: @unchecked Sendable {
    public let url: URL
    private var mounted = false

    public static let isPossible: Bool = {
        guard getuid() == 0, let probe = try? SmallDisk(kilobytes: 64) else { return false }
        probe.unmount()
        return true
    }()

    public init(kilobytes: Int) throws {
        url = try makeTemporaryDirectory("tidings-disk")
        let result = try ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=755", "tmpfs", url.path])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                                                                NSLocalizedDescriptionKey: "mount failed: \(result.stderr)"])
        }
        mounted = true
    }

    /// Fills what is left with a file named `filler` (removed by `free`): every later write that
    /// needs a new block fails with ENOSPC.
    public func fill() {
        let fd = open(url.appendingPathComponent("filler").path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let block = [UInt8](repeating: 0x46, count: 4096)
        while write(fd, block, block.count) > 0 {}
        // The last partial block, byte by byte.
        while write(fd, block, 1) > 0 {}
    }

    /// Bytes left on the disk.
    public var available: UInt64 {
        var st = statvfs()
        guard statvfs(url.path, &st) == 0 else { return 0 }
        return UInt64(st.f_bavail) * UInt64(st.f_frsize)
    }

    public func free() {
        try? FileManager.default.removeItem(at: url.appendingPathComponent("filler"))
    }

    public func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? ChildProcess.run("/bin/umount", ["-l", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    deinit { unmount() }
}
