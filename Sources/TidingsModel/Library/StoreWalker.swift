#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a store folder: recursive, hidden names skipped, symbolic links followed but never into
/// a folder already visited (so link loops end), names sorted for stable output. Each regular
/// file is handed to `visit` together with its open folder, so the file can be opened relative
/// to it (one path component for the kernel to look up instead of the whole path).
struct StoreWalker {
    struct Entry {
        var path: String  // relative to the root
        var size: Int64
        var mtime: Int64  // nanoseconds since the epoch
    }

    /// A file found by the walk: where it is and how to open it.
    struct Found {
        var entry: Entry
        var folder: Int32
        var name: String
    }

    var problems: [SkippedFile] = []
    private var visited: Set<[UInt64]> = []

    static func walk(root: String, visit: (Found) -> Void) -> [SkippedFile] {
        var walker = StoreWalker()
        var st = stat()
        guard stat(root, &st) == 0 else {
            return [SkippedFile(path: ".", reason: "store folder: \(errnoText())")]
        }
        walker.visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)])
        walker.walk(absolute: root, relative: "", visit: visit)
        return walker.problems
    }

    private mutating func walk(absolute: String, relative: String, visit: (Found) -> Void) {
        guard let dir = opendir(absolute) else {
            problems.append(SkippedFile(path: relative.isEmpty ? "." : relative, reason: "folder not readable: \(errnoText())"))
            return
        }
        defer { closedir(dir) }
        let folder = dirfd(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // hidden, and . and ..
            names.append(name)
        }
        names.sort()
        for name in names {
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard fstatat(folder, name, &st, 0) == 0 else {
                problems.append(SkippedFile(path: rel, reason: "cannot stat: \(errnoText())"))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
                if visited.insert(key).inserted {
                    walk(absolute: absolute + "/" + name, relative: rel, visit: visit)
                } else {
                    problems.append(SkippedFile(path: rel, reason: "folder already visited (symbolic link loop)"))
                }
            case S_IFREG:
                let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
                visit(Found(entry: Entry(path: rel, size: Int64(st.st_size), mtime: mtime), folder: folder, name: name))
            default:
                problems.append(SkippedFile(path: rel, reason: "not a regular file"))
            }
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
