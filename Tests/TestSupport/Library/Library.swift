import Foundation
import TidingsModel

/// A folder of stored pages, parsed and merged into articles in memory (`MergeRules`): what the
/// index tests compare the on-disk index with, and what the loading benchmark times.
///
/// `scan()` is incremental: only new or changed files (by size and modification time) are read,
/// and removed files drop their contributions; nothing else is re-parsed. Bodies stay on disk
/// until `body(of:)`. All members are safe to call from any thread: a scan works on its own
/// tables and publishes a finished snapshot at the end, so readers (the UI) never wait for a
/// scan in progress and never see half of one.
public final class Library: @unchecked Sendable {
    public let storeURL: URL
    let storePath: String
    public let categoryRules: CategoryRules
    let parsers: [any PageFileParser]

    /// Serialises scans; guards `table`, `skippedFiles`, `walkProblems` and `working`.
    private let scanLock = NSLock()
    /// Guards `published`, which readers use.
    private let stateLock = NSLock()
    private var table = MergeTable()
    /// Files that did not load, with the size and time they had, so unchanged ones are not re-read.
    private var skippedFiles: [String: (size: Int64, mtime: Int64, reason: String)] = [:]
    private var walkProblems: [SkippedFile] = []
    /// Every article, newest first: kept sorted by `scan()` (the one copy; the snapshot shares it).
    private var working: [Article] = []

    private struct Snapshot {
        var articles: [Article] = []
        var weather: [WeatherReading] = []
        var newestDate: CivilDate?
        var skipped: [SkippedFile] = []
        var index: [ArticleID: Int]?
    }
    private var published = Snapshot()

    /// Does not read anything: call `scan()`.
    public init(store: URL, categoryRules: CategoryRules = .builtIn,
                parsers: [any PageFileParser] = [TextPageParser()]) {
        self.storeURL = store.standardizedFileURL
        self.storePath = storeURL.path
        self.categoryRules = categoryRules
        self.parsers = parsers
    }

    /// The pages that ship inside the program, already scanned.
    public static func demo(categoryRules: CategoryRules = .builtIn) -> Library {
        let library = Library(store: DemoPages.folder(), categoryRules: categoryRules)
        library.scan()
        return library
    }

    // MARK: - Scanning

    @discardableResult
    public func scan() -> ScanReport {
        scanLock.lock()
        defer { scanLock.unlock() }
        var report = ScanReport()
        table.beginScan()
        var seenSkipped = Set<String>()
        let problems = StoreWalker.walk(root: storePath) { found in
            let file = found.entry
            if table.markIfUnchanged(path: file.path, size: file.size, mtime: file.mtime) {
                report.unchanged += 1
                return
            }
            if let old = skippedFiles[file.path] {
                seenSkipped.insert(file.path)
                if old.size == file.size && old.mtime == file.mtime {
                    report.skipped += 1
                    return
                }
            }
            let existed = table.record(path: file.path) != nil
            switch load(found) {
            case .success(let parsed):
                skippedFiles[file.path] = nil
                table.add(path: file.path, size: file.size, mtime: file.mtime,
                          folder: StoreWalker.folder(of: file.path), file: parsed)
                if existed { report.changed += 1 } else { report.added += 1 }
            case .failure(let reason):
                if existed {
                    table.remove(path: file.path)
                    report.removed += 1
                }
                skippedFiles[file.path] = (file.size, file.mtime, reason.description)
                seenSkipped.insert(file.path)
                report.skipped += 1
            }
        }
        report.removed += table.removeUnseen()
        for path in Array(skippedFiles.keys) where !seenSkipped.contains(path) {
            skippedFiles[path] = nil
        }
        walkProblems = problems
        report.skipped += problems.count
        let articlesChanged = settle()
        publish(articlesChanged: articlesChanged, filesChanged: report.removed + report.added + report.changed > 0)
        return report
    }

    /// Replaces the changed articles in the sorted list: the one copy of every article.
    private func settle() -> Bool {
        let pending = table.pendingChanges
        guard pending > 0 else { return false }
        let reread: (String) -> ParsedFile? = { path in
            guard case .success(let file) = self.load(path: path) else { return nil }
            return file
        }
        if working.isEmpty {
            working.reserveCapacity(pending)
            table.settle(rules: categoryRules, reread: reread) { _, article in
                if let article { working.append(article) }
            }
        } else {
            var changedIDs = Set<ArticleID>()
            var fresh: [Article] = []
            table.settle(rules: categoryRules, reread: reread) { id, article in
                changedIDs.insert(id)
                if let article { fresh.append(article) }
            }
            working.removeAll { changedIDs.contains($0.id) }
            working.append(contentsOf: fresh)
        }
        working.sort(by: Self.newestFirst)
        return true
    }

    /// Hands the finished scan to readers in one step.
    private func publish(articlesChanged: Bool, filesChanged: Bool) {
        var next = stateLock.withLock { published }
        if articlesChanged {
            next.articles = working
            next.index = nil
        }
        if filesChanged {
            next.weather = table.latestWeather()
            next.newestDate = table.newestStoredDate
        }
        let files = skippedFiles.map { SkippedFile(path: $0.key, reason: $0.value.reason) }
        next.skipped = (files + walkProblems).sorted { $0.path < $1.path }
        stateLock.withLock { published = next }
    }

    /// A file found by the scan, opened relative to its folder.
    private func load(_ found: StoreWalker.Found) -> Result<ParsedFile, SkipReason> {
        let file = found.entry
        guard let parser = parsers.first(where: { $0.accepts(path: file.path) }) else {
            return .failure(SkipReason("not a page file (no parser for this file type)"))
        }
        if file.size > Int64(parser.maxFileSize) {
            return .failure(SkipReason("file too large (\(file.size) bytes, limit \(parser.maxFileSize))"))
        }
        return parse(file.path, with: parser) {
            try FileBytes.read(at: found.folder, found.name, limit: parser.maxFileSize, expectedSize: Int(file.size),
                               followLink: found.viaLink)
        }
    }

    /// A file by its path in the store (re-reading a teaser's page).
    private func load(path: String) -> Result<ParsedFile, SkipReason> {
        guard let parser = parsers.first(where: { $0.accepts(path: path) }) else {
            return .failure(SkipReason("not a page file (no parser for this file type)"))
        }
        return parse(path, with: parser) { try FileBytes.read(store: storePath, relative: path, limit: parser.maxFileSize) }
    }

    private func parse(_ path: String, with parser: any PageFileParser,
                       reading: () throws -> [UInt8]) -> Result<ParsedFile, SkipReason> {
        do {
            let bytes = try reading()
            let parsed = try parser.summarize(bytes, path: path)
            guard !parsed.pages.isEmpty else { return .failure(SkipReason("no article found")) }
            return .success(parsed)
        } catch let reason as SkipReason {
            return .failure(reason)
        } catch {
            return .failure(SkipReason("\(error)"))
        }
    }

    // MARK: - The merged view

    /// Newest date first (undated last), then headline.
    public var articles: [Article] {
        stateLock.withLock { published.articles }
    }

    public static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        let da = a.dateKey, db = b.dateKey
        if da != db { return da > db }
        if a.headline != b.headline { return a.headline < b.headline }
        return a.id < b.id
    }

    /// The newest reading per region, sorted by region name.
    public var weather: [WeatherReading] {
        stateLock.withLock { published.weather }
    }

    /// The newest stored-page date in the store.
    public var newestDate: CivilDate? {
        stateLock.withLock { published.newestDate }
    }

    /// Files that did not load, sorted by path.
    public var skipped: [SkippedFile] {
        stateLock.withLock { published.skipped }
    }

    public var categories: [String] {
        Set(articles.map(\.category)).sorted()
    }

    public func article(id: ArticleID) -> Article? {
        stateLock.withLock {
            if published.index == nil {
                var index: [ArticleID: Int] = [:]
                index.reserveCapacity(published.articles.count)
                for (i, a) in published.articles.enumerated() { index[a.id] = i }
                published.index = index
            }
            return published.index![id].map { published.articles[$0] }
        }
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
            let bytes = try FileBytes.read(store: storePath, relative: path, limit: parser.maxFileSize)
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

/// What one `Library.scan()` did.
public struct ScanReport: Sendable, Equatable, CustomStringConvertible {
    /// Files parsed for the first time.
    public var added = 0
    /// Files parsed again because their size or modification time changed.
    public var changed = 0
    /// Files gone since the previous scan (their contributions were dropped).
    public var removed = 0
    /// Files seen before and unchanged: not read.
    public var unchanged = 0
    /// Files skipped in this scan (see `Library.skipped` for paths and reasons).
    public var skipped = 0

    public init(added: Int = 0, changed: Int = 0, removed: Int = 0, unchanged: Int = 0, skipped: Int = 0) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
        self.skipped = skipped
    }

    public var description: String {
        "\(added) added, \(changed) changed, \(removed) removed, \(unchanged) unchanged, \(skipped) skipped"
    }
}
