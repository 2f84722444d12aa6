import Foundation
import GRDB
import TidingsModel

extension ArticleIndex {
    /// The files to parse, cut into batches: the first is small so a first run shows articles
    /// quickly, later ones double up to `growingTo` times `batchSize`. A batch also stays under
    /// 16 MiB of files (2 MiB for the first) unless one file is bigger, so big feeds are parsed
    /// and held a few at a time.
    static func batches(_ todo: [StoreWalker.Entry], batchSize: Int, growingTo factor: Int) -> [[StoreWalker.Entry]] {
        var batches: [[StoreWalker.Entry]] = []
        var size = batchSize, byteLimit = firstBatchBytes
        var current: [StoreWalker.Entry] = []
        var bytes: Int64 = 0
        for file in todo {
            if !current.isEmpty && (current.count >= size || bytes + file.size > byteLimit) {
                batches.append(current)
                current = []
                bytes = 0
                size = min(size * 2, batchSize * factor)
                byteLimit = 16 << 20
            }
            current.append(file)
            bytes += file.size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The byte limit of the first batch (later ones: 16 MiB).
    static let firstBatchBytes: Int64 = 2 << 20

    /// The smallest files first, as many as the first batch takes (see `batches`), then the rest
    /// in their order: a store whose first file is a big feed still shows articles at once.
    static func quickFirst(_ todo: [StoreWalker.Entry], batchSize: Int) -> [StoreWalker.Entry] {
        guard todo.count > batchSize || todo.reduce(0, { $0 + $1.size }) >= firstBatchBytes else { return todo }
        var first = Set<Int>()
        var bytes: Int64 = 0
        for i in todo.indices.sorted(by: { todo[$0].size < todo[$1].size }) {
            if !first.isEmpty && (first.count >= batchSize || bytes + todo[i].size > firstBatchBytes) { break }
            first.insert(i)
            bytes += todo[i].size
        }
        return todo.indices.filter { first.contains($0) }.map { todo[$0] } + todo.indices.filter { !first.contains($0) }.map { todo[$0] }
    }
}

extension ArticleIndex {
    /// Brings the index up to date with the store: walks it, parses only files that are new,
    /// changed (size or modification time) or were parsed by another parser version, drops
    /// files that are gone, and recomputes only the articles those files mention.
    ///
    /// Work is committed in batches of `batchSize` files, so readers (another thread, another
    /// process) see the list grow; `progress` is called after each batch with files done out of
    /// files found. `isCancelled` is checked between batches: what was committed stays, and the
    /// next refresh carries on from there.
    @discardableResult
    public func refresh(batchSize: Int = 200,
                        progress: ((IndexProgress) -> Void)? = nil,
                        isCancelled: () -> Bool = { false }) throws -> IndexRefreshReport {
        refreshLock.lock()
        defer { refreshLock.unlock() }
        return try guarded { try refreshLocked(batchSize: max(1, batchSize), progress: progress, isCancelled: isCancelled) }
    }

    /// `bulk: false` keeps an empty index on the batch-by-batch path (tests compare the two);
    /// `failAfterBatches` stops a first build there as a crash would (tests of the marker).
    /// `restartMinimum`: see `RefreshHooks`.
    func refresh(batchSize: Int = 200, bulk: Bool, failAfterBatches: Int? = nil, restartMinimum: Int = 1000,
                 isCancelled: () -> Bool = { false }) throws -> IndexRefreshReport {
        refreshLock.lock()
        defer { refreshLock.unlock() }
        let hooks = RefreshHooks(allowBulk: bulk, failAfterBatches: failAfterBatches, restartMinimum: restartMinimum)
        return try guarded {
            try refreshLocked(batchSize: max(1, batchSize), progress: nil, isCancelled: isCancelled, hooks: hooks)
        }
    }

    /// What tests change in a refresh (the public `refresh` keeps the defaults).
    struct RefreshHooks {
        /// An empty index may be built in one go (`BulkBuild`).
        var allowBulk = true
        /// Stops a first build after this many batches, as a crash would.
        var failAfterBatches: Int?
        /// A first build that was cancelled early leaves a mostly empty index: when at least this
        /// many files and more than three times as many as are indexed are still to do, the index
        /// is emptied and built again in one go (re-parsing the few done is cheaper than the
        /// batch-by-batch merge of the many left). A new parser version (everything to do, all
        /// indexed) stays on the batch-by-batch path, so the list never empties for it.
        var restartMinimum = 1000
    }

    /// The phases of a refresh: plan (is this a first build?), walk (the store beside the files
    /// table), the changes that need no parsing, then the parsed files in batches (or a first build).
    private func refreshLocked(batchSize: Int, progress: ((IndexProgress) -> Void)?,
                               isCancelled: () -> Bool, hooks: RefreshHooks = RefreshHooks()) throws -> IndexRefreshReport {
        var report = IndexRefreshReport()
        var plan = try planRefresh(allowBulk: hooks.allowBulk)
        let walk = try walkStore(listed: &plan.listed, report: &report)
        var done = walk.total - walk.todo.count
        if hooks.allowBulk && !plan.bulk && walk.todo.count >= hooks.restartMinimum && walk.todo.count > 3 * done {
            try clearAll()
            return try refreshLocked(batchSize: batchSize, progress: progress, isCancelled: isCancelled, hooks: hooks)
        }
        try applyUnparsedChanges(gone: walk.gone, problems: walk.problems, report: &report)
        report.skipped += walk.problems.count
        progress?(IndexProgress(done: done, total: walk.total))
        if plan.bulk {
            try bulkBuild(walk.todo, batchSize: batchSize, done: done, total: walk.total, report: &report, lock: plan.lock,
                          progress: progress, isCancelled: isCancelled, failAfterBatches: hooks.failAfterBatches)
            IndexProfile.report()
            return report
        }
        try refreshInBatches(walk.todo, batchSize: batchSize, done: &done, total: walk.total, report: &report,
                             progress: progress, isCancelled: isCancelled)
        // The big page cache was for the merge; a reader process that refreshed keeps little.
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(IndexDatabase.readerCacheKiB)") }
        IndexProfile.report()
        return report
    }

    private struct RefreshPlan {
        /// The whole store, listed first for an empty index (every file is to be parsed anyway);
        /// nil for a warm one, which compares the walk with its files table as it goes.
        var listed: (files: [StoreWalker.Entry], problems: [SkippedFile])?
        /// The build marker's lock, held by a first build of an index file.
        var lock: IndexBuildLock?
        /// An empty index, built in one go (`BulkBuild`).
        var bulk = false
    }

    /// An empty index is built in one go, under the build marker's lock; any other refresh first
    /// waits for a build in progress, and clears what a dead one left.
    private func planRefresh(allowBulk: Bool) throws -> RefreshPlan {
        func isEmpty() throws -> Bool {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0 } == 0
        }
        var plan = RefreshPlan()
        guard let path = database.path else {
            if try allowBulk && isEmpty() {
                plan.listed = StoreWalker.list(root: storeURL.path)
                plan.bulk = !plan.listed!.files.isEmpty
            }
            return plan
        }
        if IndexBuildLock.claimDeadBuild(index: path) { try clearAll() }
        if try allowBulk && isEmpty() {
            plan.listed = StoreWalker.list(root: storeURL.path)
        }
        if let listed = plan.listed, !listed.files.isEmpty {
            let lock = try IndexBuildLock.acquire(index: path)
            if try isEmpty() {
                plan.lock = lock
                plan.bulk = true
            } else {
                lock.release(finished: true)  // another process built it meanwhile
            }
        } else {
            IndexBuildLock.waitForBuild(index: path)
        }
        return plan
    }

    private struct StoreWalk {
        var todo: [StoreWalker.Entry] = []
        var gone: [String] = []
        var total = 0
        var problems: [SkippedFile] = []
    }

    /// The walk and the files table, both in byte order of the path, side by side: neither the
    /// store's files nor the table's paths are held in memory (a warm start of 100,000 pages
    /// stays small). Files new, changed or parsed by another parser version are to do; rows of
    /// files not found are gone; unchanged and skipped files are counted in `report`.
    private func walkStore(listed: inout (files: [StoreWalker.Entry], problems: [SkippedFile])?,
                           report: inout IndexRefreshReport) throws -> StoreWalk {
        let walk: ((StoreWalker.Entry) -> Void) -> [SkippedFile]
        if let (files, problems) = listed {
            let sorted = files.sorted { StoreWalker.pathPrecedes($0.path, $1.path) }
            walk = { visit in
                sorted.forEach(visit)
                return problems
            }
        } else {
            walk = { visit in StoreWalker.stream(root: self.storeURL.path, visit: visit) }
        }
        listed = nil  // only the sorted copy is kept
        var result = StoreWalk()
        try database.writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT path, size, mtime, parser_version, skip_reason IS NOT NULL AS skipped FROM files ORDER BY path
                """)
            // A cursor's row changes on `next()`: each is copied out as it comes.
            typealias Indexed = (path: String, size: Int64, mtime: Int64, version: String, skipped: Bool)
            func next() throws -> Indexed? {
                try rows.next().map { ($0["path"], $0["size"], $0["mtime"], $0["parser_version"], $0["skipped"]) }
            }
            var row = try next()
            var failure: (any Error)?
            result.problems = walk { file in
                guard failure == nil else { return }
                result.total += 1
                do {
                    while let current = row, StoreWalker.pathPrecedes(current.path, file.path) {
                        result.gone.append(current.path)
                        row = try next()
                    }
                    // A file out of order (renamed during the walk) is not in step with the table:
                    // it is parsed again, and its row found gone is kept, for the file exists (the
                    // writes below check both against the table and the disk).
                    // Not before it, and the file not before it either: the same bytes.
                    guard let current = row, !StoreWalker.pathPrecedes(file.path, current.path) else {
                        result.todo.append(file)  // new
                        return
                    }
                    row = try next()
                    if current.size == file.size, current.mtime == file.mtime, current.version == versionTag(for: file.path) {
                        if current.skipped { report.skipped += 1 } else { report.unchanged += 1 }
                    } else {
                        result.todo.append(file)
                    }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            while let current = row {
                result.gone.append(current.path)
                row = try next()
            }
        }
        return result
    }

    /// What needs no parsing: removed files, new category rules, walk problems. When nothing of
    /// that changed (the usual warm start) there is no transaction, so the index's generation
    /// stays and no reader reads its list again for a refresh that found nothing.
    private func applyUnparsedChanges(gone: [String], problems: [SkippedFile], report: inout IndexRefreshReport) throws {
        let rulesPrint = rulesFingerprint()
        let settled = try gone.isEmpty && database.writer.read { db in
            func meta(_ key: String) throws -> String? {
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
            }
            guard try meta("store_root") == storeURL.path, try meta("rules") == rulesPrint else { return false }
            let recorded = try Row.fetchAll(db, sql: "SELECT path, reason FROM walk_problems")
                .map { "\($0["path"] as String)\u{0}\($0["reason"] as String)" }
            return recorded.sorted() == problems.map { "\($0.path)\u{0}\($0.reason)" }.sorted()
        }
        if settled { return }
        try write { db, batch in
            try batch.setMeta(db, "store_root", storeURL.path)
            if try batch.meta(db, "rules") != rulesPrint {
                batch.fullArticles.formUnion(try Int64.fetchAll(db, sql: "SELECT id FROM articles"))
                batch.rulesChanged = true
                try batch.setMeta(db, "rules", rulesPrint)
            }
            for path in gone where !SafePath.isStoreFile(root: storeURL.path, relative: path) {
                if let row = try Row.fetchOne(db, sql: "SELECT id, skip_reason IS NULL AS loaded FROM files WHERE path = ?",
                                              arguments: [path]) {
                    try batch.removeFile(db, id: row["id"])
                    if row["loaded"] as Bool { report.removed += 1 }
                }
            }
            try db.execute(sql: "DELETE FROM walk_problems")
            for problem in problems {
                try db.execute(sql: "INSERT INTO walk_problems VALUES (?, ?)", arguments: [problem.path, problem.reason])
            }
        }
    }

    /// Parsing happens outside the transactions (other readers and writers are not held up by
    /// it) and ahead of them: while batch k is written, the next files are parsed on other
    /// threads. Later batches grow to five times `batchSize` (fewer transactions, fewer
    /// full-text segments to merge).
    private func refreshInBatches(_ todo: [StoreWalker.Entry], batchSize: Int, done: inout Int, total: Int,
                                  report: inout IndexRefreshReport, progress: ((IndexProgress) -> Void)?,
                                  isCancelled: () -> Bool) throws {
        let batches = Self.batches(Self.quickFirst(todo, batchSize: batchSize), batchSize: batchSize, growingTo: 5)
        let pipeline = ParsePipeline(batches.flatMap { $0 }, index: self, prepare: false)
        defer { pipeline.stop() }
        for k in batches.indices {
            let parsed = batches[k].map { ($0, pipeline.take().result) }
            if isCancelled() {
                report.cancelled = true
                break
            }
            try write { db, batch in
                for (file, result) in parsed {
                    try writeParsed(db, &batch, file: file, result: result, report: &report)
                }
            }
            done += batches[k].count
            progress?(IndexProgress(done: done, total: total))
        }
    }

    /// One parsed (or skipped) file into the batch, unless another process indexed this very
    /// file meanwhile; the row it replaces is removed first.
    private func writeParsed(_ db: Database, _ batch: inout IndexBatch, file: StoreWalker.Entry,
                             result: Result<ParsedFile, SkipReason>, report: inout IndexRefreshReport) throws {
        let version = versionTag(for: file.path)
        let current = try Row.fetchOne(db, sql: """
            SELECT id, size, mtime, parser_version, skip_reason IS NOT NULL AS skipped FROM files WHERE path = ?
            """, arguments: [file.path])
        let wasLoaded = current.map { !($0["skipped"] as Bool) } ?? false
        if let current, current["size"] as Int64 == file.size, current["mtime"] as Int64 == file.mtime,
           current["parser_version"] as String == version {
            if wasLoaded { report.unchanged += 1 } else { report.skipped += 1 }
            return
        }
        if let current {
            try batch.removeFile(db, id: current["id"])
        }
        switch result {
        case .success(let parsedFile):
            try IndexProfile.measure("addFile") {
                try batch.addFile(db, entry: file, version: version, parsed: parsedFile)
            }
            if wasLoaded { report.changed += 1 } else { report.added += 1 }
        case .failure(let reason):
            try db.execute(sql: """
                INSERT INTO files (path, size, mtime, parser_version, skip_reason) VALUES (?, ?, ?, ?, ?)
                """, arguments: [file.path, file.size, file.mtime, version, reason.description])
            if wasLoaded { report.removed += 1 }
            report.skipped += 1
        }
    }

    /// One write transaction: `body` changes files, then the dirty articles and regions are
    /// recomputed before it commits, so no reader ever sees a half-merged article.
    private func write(_ body: (Database, inout IndexBatch) throws -> Void) throws {
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS dirty (id INTEGER PRIMARY KEY)")
            // A large store's merge touches pages all over the article and contribution tables:
            // 64 MiB of page cache for the writer saves re-reading them (readers keep the default).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // DEFERRED, and the first statement writes: only the index is locked, never the marks.
            try db.inTransaction(.deferred) {
                try db.execute(sql: "DELETE FROM temp.dirty")
                var batch = IndexBatch(index: self)
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES ('generation', '1')
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                    """)
                try body(db, &batch)
                try batch.settle(db)
                return .commit
            }
            IndexProfile.measure("commit") {}
        }
    }

    func load(_ file: StoreWalker.Entry) -> Result<ParsedFile, SkipReason> {
        guard let parser = parser(for: file.path) else {
            return .failure(SkipReason("not a page file (no parser for this file type)"))
        }
        if file.size > Int64(parser.maxFileSize) {
            return .failure(SkipReason("file too large (\(file.size) bytes, limit \(parser.maxFileSize))"))
        }
        do {
            let bytes = try FileBytes.read(store: storeURL.path, relative: file.path, limit: parser.maxFileSize)
            let parsed = try parser.parse(bytes, path: file.path)
            guard !parsed.pages.isEmpty else { return .failure(SkipReason("no article found")) }
            return .success(parsed)
        } catch let reason as SkipReason {
            return .failure(reason)
        } catch {
            return .failure(SkipReason("\(error)"))
        }
    }

    /// The parser version recorded per file; files no parser accepts are recorded as skipped.
    func versionTag(for path: String) -> String {
        parser(for: path)?.version ?? "none"
    }

    /// Changes when the rules would give any article another category.
    func rulesFingerprint() -> String {
        var text = ""
        for rule in categoryRules.rules {
            text += rule.category + "\u{1}" + rule.words.sorted().joined(separator: ",") + "\u{1}"
                + rule.phrases.joined(separator: ",") + "\u{2}"
        }
        return String(text.utf8.count) + "-" + String(fnv(text), radix: 16)
    }

    private func fnv(_ s: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            hash ^= UInt64(b)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
