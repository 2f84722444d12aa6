#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a store folder: recursive, hidden names skipped, symbolic links followed only when they
/// lead to a place inside the store and never into a folder already visited (so link loops
/// end), only regular files visited, names sorted for stable output. Each regular
/// file is handed to `visit` together with its open folder, so the file can be opened relative
/// to it (one path component for the kernel to look up instead of the whole path).
/// Public (`Entry`, `list`, `stream`) for the on-disk index (TidingsStore); `walk` is the package's,
/// for the in-memory Library of the tests.
public struct StoreWalker {
    /// `Tech/x.txt` -> `Tech`: the store sub-folder a file is in, which names the category of its
    /// articles that say none (`MergeRules.category`); files at the top of the store have none.
    public static func folder(of path: String) -> String? {
        guard let slash = path.firstIndex(of: "/") else { return nil }
        let name = TextSanitizer.clean(path[..<slash])
        return name.isEmpty ? nil : name
    }

    public struct Entry: Sendable {
        public var path: String  // relative to the root
        public var size: Int64
        public var mtime: Int64  // nanoseconds since the epoch

        public init(path: String, size: Int64, mtime: Int64) {
            self.path = path
            self.size = size
            self.mtime = mtime
        }
    }

    /// Every regular file (sorted by path) and every problem met on the way.
    public static func list(root: String) -> (files: [Entry], problems: [SkippedFile]) {
        var files: [Entry] = []
        let problems = walk(root: root) { files.append($0.entry) }
        return (files, problems)
    }

    /// Every regular file, one at a time in byte order of its path (the order of SQLite's
    /// `ORDER BY path`), and every problem met on the way: the index compares the walk with its
    /// table of files as it goes, without a list of the whole store in memory.
    public static func stream(root: String, visit: (Entry) -> Void) -> [SkippedFile] {
        walk(root: root, pathByteOrder: true) { visit($0.entry) }
    }

    /// A file found by the walk: where it is and how to open it.
    package struct Found {
        package var entry: Entry
        package var folder: Int32
        package var name: String
        /// The name is a symbolic link (checked to stay inside the store): open it following links.
        package var viaLink = false
    }

    var problems: [SkippedFile] = []
    private var visited: Set<[UInt64]> = []
    private var pathByteOrder = false
    /// The store folder as given, and with every link resolved (for the symlink rule).
    private var root = ""
    private var realRoot = ""

    /// `pathByteOrder`: names are sorted so that whole paths come in byte order (a folder's
    /// files sort as if its name ended in "/"); otherwise by name, folders and files alike.
    /// Names are read as bytes (`StoreName`); links are followed only inside the store and
    /// only regular files are visited (`SafePath`).
    package static func walk(root: String, pathByteOrder: Bool = false, visit: (Found) -> Void) -> [SkippedFile] {
        var walker = StoreWalker()
        walker.pathByteOrder = pathByteOrder
        if let why = SafePath.storeRefusal(root) {
            return [SkippedFile(path: ".", reason: "store folder: \(why)")]
        }
        let fd = StoreName.withCString(root) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        var st = stat()
        guard fd >= 0, fstat(fd, &st) == 0, let real = SafePath.realPath(root) else {
            let why = errnoText()
            if fd >= 0 { close(fd) }
            return [SkippedFile(path: ".", reason: "store folder: \(why)")]
        }
        walker.root = root
        walker.realRoot = real
        walker.visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)])
        walker.walk(fd: fd, relative: "", visit: visit)
        return walker.problems
    }

    /// Walks the open folder `fd` (closed on return).
    private mutating func walk(fd: Int32, relative: String, visit: (Found) -> Void) {
        guard let dir = fdopendir(fd) else {
            problems.append(SkippedFile(path: relative.isEmpty ? "." : relative, reason: "folder not readable: \(errnoText())"))
            close(fd)
            return
        }
        defer { closedir(dir) }
        let folder = dirfd(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { StoreName.string(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // hidden, and . and ..
            if pathByteOrder && Self.isFolder(entry.pointee.d_type, name, in: folder) {
                names.append(name + "/")  // its paths continue with "/": sorted as such
            } else {
                names.append(name)
            }
        }
        if pathByteOrder {
            names.sort(by: Self.pathPrecedes)
            names = names.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        } else {
            names.sort()
        }
        for name in names {
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard StoreName.withCString(name, { fstatat(folder, $0, &st, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                problems.append(SkippedFile(path: rel, reason: "cannot stat: \(errnoText())"))
                continue
            }
            var viaLink = false
            if st.st_mode & S_IFMT == S_IFLNK {
                guard let target = SafePath.realPath(root + "/" + rel) else {
                    problems.append(SkippedFile(path: rel, reason: "symbolic link that leads nowhere"))
                    continue
                }
                guard SafePath.isInside(target, root: realRoot) else {
                    problems.append(SkippedFile(path: rel, reason: "symbolic link out of the store (not followed)"))
                    continue
                }
                guard StoreName.withCString(name, { fstatat(folder, $0, &st, 0) }) == 0 else {
                    problems.append(SkippedFile(path: rel, reason: "cannot stat: \(errnoText())"))
                    continue
                }
                viaLink = true
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
                guard visited.insert(key).inserted else {
                    problems.append(SkippedFile(path: rel, reason: "folder already visited (symbolic link loop)"))
                    continue
                }
                let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (viaLink ? 0 : O_NOFOLLOW)
                let sub = StoreName.withCString(name) { openat(folder, $0, flags) }
                guard sub >= 0 else {
                    problems.append(SkippedFile(path: rel, reason: "folder not readable: \(errnoText())"))
                    continue
                }
                walk(fd: sub, relative: rel, visit: visit)
            case S_IFREG:
                let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
                visit(Found(entry: Entry(path: rel, size: Int64(st.st_size), mtime: mtime), folder: folder, name: name, viaLink: viaLink))
            default:
                problems.append(SkippedFile(path: rel, reason: SafePath.refusal(mode: st.st_mode) ?? "not a regular file"))
            }
        }
    }
}

extension StoreWalker {
    /// Byte order of UTF-8, as SQLite's `ORDER BY` compares text (String's `<` compares
    /// normalized scalars, which differs for names that are not in NFC).
    public static func pathPrecedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
    }

    /// Whether a directory entry is a folder, for sorting only (the walk stats each name again
    /// when it visits it): the type readdir gives, or where it does not know or the name is a
    /// symbolic link, what the link leads to.
    fileprivate static func isFolder(_ type: UInt8, _ name: String, in folder: Int32) -> Bool {
        switch Int32(type) {
        case Int32(DT_DIR): return true
        case Int32(DT_REG): return false
        default:
            var st = stat()
            return StoreName.withCString(name, { fstatat(folder, $0, &st, 0) }) == 0 && st.st_mode & S_IFMT == S_IFDIR
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
