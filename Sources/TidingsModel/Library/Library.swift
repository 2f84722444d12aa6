import Foundation

/// A folder of stored pages, parsed and merged into articles (DESIGN.md section 2).
///
/// `scan()` is incremental: only new or changed files (by size and modification time) are read,
/// and removed files drop their contributions; nothing else is re-parsed. Bodies stay on disk
/// until `body(of:)`. All members are safe to call from any thread (one lock guards the state).
public final class Library: @unchecked Sendable {
    public let storeURL: URL
    public let categoryRules: CategoryRules
    private let parsers: [any PageFileParser]

    private let lock = NSLock()
    private var table = MergeTable()
    /// Files that did not load, with the size and time they had, so unchanged ones are not re-read.
    private var skippedFiles: [String: (size: Int64, mtime: Int64, reason: String)] = [:]
    private var walkProblems: [SkippedFile] = []
    private var articlesCache: [Article]?
    private var weatherCache: [WeatherReading]?
    private var indexCache: [ArticleID: Int]?

    /// Does not read anything: call `scan()`.
    public init(store: URL, categoryRules: CategoryRules = .builtIn,
                parsers: [any PageFileParser] = [TextPageParser()]) {
        self.storeURL = store.standardizedFileURL
        self.categoryRules = categoryRules
        self.parsers = parsers
    }

    /// The pages that ship inside the program, already scanned.
    public static func demo(categoryRules: CategoryRules = .builtIn) -> Library {
        let url = Bundle.module.url(forResource: "DemoPages", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("DemoPages")
        let library = Library(store: url, categoryRules: categoryRules)
        library.scan()
        return library
    }

    // MARK: - Scanning

    @discardableResult
    public func scan() -> ScanReport {
        let walk = StoreWalker.walk(root: storeURL.path)
        lock.lock()
        defer { lock.unlock() }
        var report = ScanReport()
        var seen = Set<String>()
        seen.reserveCapacity(walk.files.count)
        for file in walk.files {
            seen.insert(file.path)
            if let old = table.record(path: file.path), old.size == file.size, old.mtime == file.mtime {
                report.unchanged += 1
                continue
            }
            if let old = skippedFiles[file.path], old.size == file.size, old.mtime == file.mtime {
                report.skipped += 1
                continue
            }
            let existed = table.record(path: file.path) != nil
            switch load(file) {
            case .success(let parsed):
                skippedFiles[file.path] = nil
                table.add(path: file.path, size: file.size, mtime: file.mtime,
                          folder: Self.folder(of: file.path), file: parsed)
                if existed { report.changed += 1 } else { report.added += 1 }
            case .failure(let reason):
                if existed {
                    table.remove(path: file.path)
                    report.removed += 1
                }
                skippedFiles[file.path] = (file.size, file.mtime, reason.description)
                report.skipped += 1
            }
        }
        for path in Array(table.slotByPath.keys) where !seen.contains(path) {
            table.remove(path: path)
            report.removed += 1
        }
        for path in Array(skippedFiles.keys) where !seen.contains(path) {
            skippedFiles[path] = nil
        }
        walkProblems = walk.problems
        report.skipped += walk.problems.count
        if table.settle(rules: categoryRules) || report.removed > 0 || report.added > 0 || report.changed > 0 {
            articlesCache = nil
            weatherCache = nil
            indexCache = nil
        }
        return report
    }

    private func load(_ file: StoreWalker.Entry) -> Result<ParsedFile, SkipReason> {
        guard let parser = parsers.first(where: { $0.accepts(path: file.path) }) else {
            return .failure(SkipReason("not a page file (no parser for this file type)"))
        }
        if file.size > Int64(parser.maxFileSize) {
            return .failure(SkipReason("file too large (\(file.size) bytes, limit \(parser.maxFileSize))"))
        }
        do {
            let bytes = try FileBytes.read(storeURL.path + "/" + file.path, limit: parser.maxFileSize)
            let parsed = try parser.summarize(bytes, path: file.path)
            guard !parsed.pages.isEmpty else { return .failure(SkipReason("no article found")) }
            return .success(parsed)
        } catch let reason as SkipReason {
            return .failure(reason)
        } catch {
            return .failure(SkipReason("\(error)"))
        }
    }

    /// `Tech/x.txt` -> `Tech`; files at the top of the store have no folder.
    static func folder(of path: String) -> String? {
        guard let slash = path.firstIndex(of: "/") else { return nil }
        let name = TextSanitizer.clean(path[..<slash])
        return name.isEmpty ? nil : name
    }

    // MARK: - The merged view

    /// Newest date first (undated last), then headline.
    public var articles: [Article] {
        lock.lock()
        defer { lock.unlock() }
        return articlesLocked()
    }

    private func articlesLocked() -> [Article] {
        if let articlesCache { return articlesCache }
        var list: [Article] = []
        list.reserveCapacity(table.entries.count)
        for entry in table.entries.values {
            if let a = entry.article { list.append(a) }
        }
        list.sort(by: Self.newestFirst)
        articlesCache = list
        return list
    }

    static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        let da = a.date ?? .distantPast, db = b.date ?? .distantPast
        if da != db { return da > db }
        if a.headline != b.headline { return a.headline < b.headline }
        return a.id < b.id
    }

    /// The newest reading per region, sorted by region name.
    public var weather: [WeatherReading] {
        lock.lock()
        defer { lock.unlock() }
        if let weatherCache { return weatherCache }
        let w = table.latestWeather()
        weatherCache = w
        return w
    }

    /// The newest stored-page date in the store.
    public var newestDate: CivilDate? {
        lock.lock()
        defer { lock.unlock() }
        var newest: CivilDate?
        for case let record? in table.slots {
            if let d = record.storedDate, newest == nil || d > newest! { newest = d }
        }
        return newest
    }

    /// Files that did not load, sorted by path.
    public var skipped: [SkippedFile] {
        lock.lock()
        defer { lock.unlock() }
        let files = skippedFiles.map { SkippedFile(path: $0.key, reason: $0.value.reason) }
        return (files + walkProblems).sorted { $0.path < $1.path }
    }

    public var categories: [String] {
        Set(articles.map(\.category)).sorted()
    }

    public func article(id: ArticleID) -> Article? {
        lock.lock()
        defer { lock.unlock() }
        let list = articlesLocked()
        if indexCache == nil {
            var index: [ArticleID: Int] = [:]
            index.reserveCapacity(list.count)
            for (i, a) in list.enumerated() { index[a.id] = i }
            indexCache = index
        }
        return indexCache![id].map { list[$0] }
    }

    /// The article whose id is, or starts with, `idPrefix` (case-insensitive).
    public func resolve(idPrefix: String) throws -> Article {
        let prefix = idPrefix.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty, prefix.utf8.count <= 16 else { throw LibraryError.notFound(idPrefix) }
        if let id = ArticleID(rawValue: prefix), let a = article(id: id) { return a }
        let matches = articles.filter { $0.id.rawValue.hasPrefix(prefix) }
        switch matches.count {
        case 0: throw LibraryError.notFound(idPrefix)
        case 1: return matches[0]
        default: throw LibraryError.ambiguous(idPrefix, matches)
        }
    }

    /// Reads the article's stored file again and parses it fully.
    public func body(of article: Article) throws -> ArticleBody {
        guard let path = article.sourcePath else { throw LibraryError.noBody(article.id) }
        guard let parser = parsers.first(where: { $0.accepts(path: path) }) else {
            throw LibraryError.unreadable(path: path, reason: "no parser for this file type")
        }
        do {
            let bytes = try FileBytes.read(storeURL.path + "/" + path, limit: parser.maxFileSize)
            let file = try parser.parse(bytes, path: path)
            let id = article.id
            guard let page = file.pages.first(where: { ArticleID(headline: $0.headline) == id }) ?? file.pages.first else {
                throw SkipReason("no article found")
            }
            return page.body
        } catch let reason as SkipReason {
            throw LibraryError.unreadable(path: path, reason: reason.description)
        }
    }
}
