#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the files of a store folder: recursive, hidden names skipped, symbolic links followed
/// but never into a folder already visited (so link loops end), sorted for stable output.
struct StoreWalker {
    struct Entry {
        var path: String  // relative to the root
        var size: Int64
        var mtime: Int64  // nanoseconds since the epoch
    }

    var files: [Entry] = []
    var problems: [SkippedFile] = []
    private var visited: Set<[UInt64]> = []

    static func walk(root: String) -> StoreWalker {
        var walker = StoreWalker()
        var st = stat()
        guard stat(root, &st) == 0 else {
            walker.problems.append(SkippedFile(path: ".", reason: "store folder: \(errnoText())"))
            return walker
        }
        walker.visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)])
        walker.walk(absolute: root, relative: "")
        return walker
    }

    private mutating func walk(absolute: String, relative: String) {
        guard let dir = opendir(absolute) else {
            problems.append(SkippedFile(path: relative.isEmpty ? "." : relative, reason: "folder not readable: \(errnoText())"))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // hidden, and . and ..
            names.append(name)
        }
        closedir(dir)
        names.sort()
        for name in names {
            let abs = absolute + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard stat(abs, &st) == 0 else {
                problems.append(SkippedFile(path: rel, reason: "cannot stat: \(errnoText())"))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
                if visited.insert(key).inserted {
                    walk(absolute: abs, relative: rel)
                } else {
                    problems.append(SkippedFile(path: rel, reason: "folder already visited (symbolic link loop)"))
                }
            case S_IFREG:
                let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
                files.append(Entry(path: rel, size: Int64(st.st_size), mtime: mtime))
            default:
                problems.append(SkippedFile(path: rel, reason: "not a regular file"))
            }
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// Reads a whole file with POSIX calls (one open, one or two reads), refusing files over `limit`.
enum FileBytes {
    static func read(_ path: String, limit: Int) throws(SkipReason) -> [UInt8] {
        // O_NONBLOCK: a file replaced by a FIFO after the walk's stat must not block the open
        // (waiting for a writer forever); regular files read the same either way.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw SkipReason("not readable: \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SkipReason("cannot stat: \(errnoText())") }
        guard st.st_mode & S_IFMT == S_IFREG else { throw SkipReason("not a regular file") }
        let size = Int(st.st_size)
        guard size <= limit else { throw SkipReason("file too large (\(size) bytes, limit \(limit))") }
        // Read one byte more than the size so a file that grew since stat is noticed, not truncated silently.
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buf, count in
            var got = 0
            while got < buf.count {
                let n = Glibc.read(fd, buf.baseAddress! + got, buf.count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    break
                }
                if n == 0 { break }
                got += n
            }
            count = got
        }
        if let failure { throw SkipReason("read failed: \(failure)") }
        guard bytes.count <= limit else { throw SkipReason("file too large (over \(limit) bytes)") }
        return bytes
    }
}
