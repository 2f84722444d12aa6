import Foundation
import GRDB
import TidingsModel

/// The first build of an empty index: the same tables the batch-by-batch refresh writes, but
/// merged in memory (by `MergeRules`, as the refresh) so each article is written once or twice instead of
/// once per file that mentions it, and nothing is read back.
///
/// Each batch still commits, so readers see the list grow: its files, the weather and every
/// article that has a page (with its search row, while the body is at hand). What only the whole
/// store decides waits for the end (`finish`): articles known only from teasers, the
/// earliest-date corrections teasers bring, the contributions, teasers, teaser texts and
/// readings (in key order, so their B-trees are written front to back). A cancelled build
/// finishes too, with what it has parsed, and leaves an index the batch-by-batch refresh carries
/// on from.
struct BulkBuild {
    private struct FileInfo {
        var id: Int64
        var path: String
        var folder: String?
        /// yyyymmdd, 0 for none.
        var storedDate: Int
    }

    private struct PageInfo {
        var file: Int32
        /// `DateKey`, 0 for none.
        var date: Int
        var headline: String
        var summary: String?
        var category: String?
        var url: String?
        /// `AuthorsColumn`'s form, and the site name.
        var author: String?
        var site: String?
        /// The category rules' answer, worked out while parsing (PreparedFile.rules).
        var rules: String?
    }

    private struct Entry {
        /// Index into `pages` of the page that speaks for the article, -1 for none.
        var best: Int32 = -1
        /// Earliest date of all contributions, 0 for none.
        var date = 0
        /// Index into `files` of the earliest teaser, -1 for none.
        var teaser: Int32 = -1
        /// Index into `teaserTexts` of the first teaser text seen, -1 for none.
        var text: Int32 = -1
        /// The article's search row once it is written, 0 before.
        var doc: Int64 = 0
        /// What the written row says of the date and the earliest teaser.
        var writtenDate = 0
        var writtenTeaser: Int32 = -1
        /// The last of its teasers in `teaserFiles`, -1 for none.
        var lastTeaser: Int32 = -1
    }

    let index: ArticleIndex
    private var files: [FileInfo] = []
    private var pages: [PageInfo] = []
    private var entries: [Entry] = []
    private var entryByKey: [Int64: Int32] = [:]
    private var keys: [Int64] = []
    private var teaserTexts: [(headline: String, summary: String?)] = []
    /// Every page contribution: article key, file id, page index.
    private var contributions: [(key: Int64, file: Int64, page: Int32)] = []
    /// Every teaser: its file id and the article's teaser before it (-1 for none), a list per
    /// article from Entry.lastTeaser.
    private var teaserFiles: [Int64] = []
    private var teaserBefore: [Int32] = []
    /// Newest reading per region: (date, path) decides, then the order in the page (as the refresh's `settleWeather`).
    private var weather: [String: (celsius: Double, date: Int, path: String, seq: Int)] = [:]
    /// Every file's readings (`ReadingsBlob`), written at the end in key order.
    private var readings: [(date: Int, file: Int32, blob: Data)] = []
    private var dirtyRegions = Set<String>()
    /// Articles whose best page came with this batch, with that page's body text.
    private var newBest: [Int64: String] = [:]
    private var nextFileID: Int64
    private var nextDoc: Int64
    /// Where the search rows go when not into the index's own table (see `SearchSideBuild`),
    /// and this batch's rows for it.
    private let side: SearchSideBuild?
    private var sideRows: [SearchSideBuild.Row] = []

    /// `side`: used only when the index has no search row yet (its tables are replaced at the end).
    init(index: ArticleIndex, db: Database, side: SearchSideBuild?) throws {
        self.index = index
        for name in ["articles_newest", "articles_by_category", "articles_hex", "articles_by_name"] {
            try db.execute(sql: "DROP INDEX IF EXISTS \(name)")
        }
        nextFileID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM files") ?? 0) + 1
        nextDoc = (try Int64.fetchOne(db, sql: "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1") ?? 0) + 1
        self.side = nextDoc == 1 ? side : nil
    }

    /// Whether the search rows are written apart, to be copied in by `SearchSideBuild.copy`.
    var writesSearchApart: Bool { side != nil }

    /// One search row: into the index's table, or queued for the search thread.
    private mutating func writeSearch(_ w: ArticleWriter, doc: Int64, headline: String, summary: String?, body: String) throws {
        let summary = summary.map(SearchText.indexable)
        let row = SearchSideBuild.Row(doc: doc, headline: SearchText.indexable(headline), summary: summary,
                                      body: SearchText.bodyColumn(body, summary: summary))
        if side != nil {
            sideRows.append(row)
            return
        }
        row.bind(to: w.search)
        try w.search.step()
    }

    /// Hands the queued search rows to the search thread.
    private mutating func flushSearch() {
        guard let side, !sideRows.isEmpty else { return }
        side.add(sideRows)
        sideRows = []
    }

    /// Whether page `a` speaks for its article instead of page `b` (`MergeRules.pageBeats`).
    private func beats(_ a: Int32, _ b: Int32) -> Bool {
        let pa = pages[Int(a)], pb = pages[Int(b)]
        return MergeRules.pageBeats(date: pa.date, path: files[Int(pa.file)].path, best: pb.date, bestPath: files[Int(pb.file)].path)
    }

    /// Whether a teaser in file `a` is earlier than one in file `b` (`MergeRules.teaserPrecedes`).
    private func earlierTeaser(_ a: Int32, _ b: Int32) -> Bool {
        let fa = files[Int(a)], fb = files[Int(b)]
        return MergeRules.teaserPrecedes(date: fa.storedDate, path: fa.path, earliest: fb.storedDate, earliestPath: fb.path)
    }

    private mutating func entry(_ key: Int64) -> Int {
        if let e = entryByKey[key] { return Int(e) }
        entryByKey[key] = Int32(entries.count)
        entries.append(Entry())
        keys.append(key)
        return entries.count - 1
    }

    // MARK: - One batch

    /// Records a parsed file's first sightings (`MergeRules.FirstSightings`) and writes its row.
    mutating func addFile(_ db: Database, entry file: StoreWalker.Entry, version: String, parsed: ParsedFile,
                          prepared: PreparedFile) throws {
        let fileID = nextFileID
        nextFileID += 1
        let storedDate = parsed.pages.lazy.compactMap(\.storedDate).first?.indexValue ?? 0
        let folder = StoreWalker.folder(of: file.path)
        let f = Int32(files.count)
        files.append(FileInfo(id: fileID, path: file.path, folder: folder, storedDate: storedDate))

        var seen = MergeRules.FirstSightings<Int64>()
        var seq = 0
        var fileReadings: [(region: String, celsius: Double)] = []
        for (n, p) in parsed.pages.enumerated() {
            let key = prepared.pageKeys[n]
            if seen.insert(key) {
                let pageIndex = Int32(pages.count)
                let date = MergeRules.pageDate(p)
                pages.append(PageInfo(file: f, date: date, headline: p.headline, summary: p.summary, category: p.category, url: p.url,
                                     author: AuthorsColumn.encode(p.authors), site: p.siteName, rules: prepared.rules[n]))
                contributions.append((key, fileID, pageIndex))
                let e = entry(key)
                entries[e].date = MergeRules.earliestDate(entries[e].date, date)
                if entries[e].best < 0 || beats(pageIndex, entries[e].best) {
                    entries[e].best = pageIndex
                    newBest[key] = prepared.bodies[n]
                }
            }
            for r in p.weather {
                fileReadings.append((r.region, r.celsius))
                // (date DESC, path, seq) orders the readings of a region: the first one wins.
                if let b = weather[r.region], !(storedDate > b.date || (storedDate == b.date && (file.path, seq) < (b.path, b.seq))) {
                    seq += 1
                    continue
                }
                weather[r.region] = (r.celsius, storedDate, file.path, seq)
                dirtyRegions.insert(r.region)
                seq += 1
            }
        }
        if !fileReadings.isEmpty { readings.append((storedDate, f, ReadingsBlob.encode(fileReadings))) }
        for (n, p) in parsed.pages.enumerated() {
            for (k, t) in p.teasers.enumerated() {
                let key = prepared.teaserKeys[n][k]
                guard seen.insert(key) else { continue }
                let e = entry(key)
                teaserFiles.append(fileID)
                teaserBefore.append(entries[e].lastTeaser)
                entries[e].lastTeaser = Int32(teaserFiles.count - 1)
                entries[e].date = MergeRules.earliestDate(entries[e].date, DateKey.of(dayValue: storedDate))
                if entries[e].teaser < 0 || earlierTeaser(f, entries[e].teaser) { entries[e].teaser = f }
                if entries[e].text < 0 {
                    entries[e].text = Int32(teaserTexts.count)
                    teaserTexts.append((t.headline, t.summary))
                }
            }
        }
        try IndexProfile.measure("bulk: files rows") {
            let insert = try RawStatement(db, """
                INSERT INTO files (id, path, size, mtime, parser_version, kind, folder, stored_date, articles)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(1, fileID)
            insert.bind(2, file.path)
            insert.bind(3, file.size)
            insert.bind(4, file.mtime)
            insert.bind(5, version)
            insert.bind(6, parsed.kind.rawValue)
            insert.bind(7, folder)
            insert.bind(8, storedDate == 0 ? nil : storedDate)
            insert.bind(9, IndexBatch.packKeys(seen.keys))
            try insert.step()
        }
    }

    /// A file that did not load.
    mutating func addSkipped(_ db: Database, entry file: StoreWalker.Entry, version: String, reason: String) throws {
        let fileID = nextFileID
        nextFileID += 1
        try db.execute(sql: """
            INSERT INTO files (id, path, size, mtime, parser_version, skip_reason) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [fileID, file.path, file.size, file.mtime, version, reason])
    }

    /// Writes the articles whose best page came with this batch (new, or a newer copy of a page
    /// already written) and the weather regions that changed.
    mutating func commitBatch(_ db: Database) throws {
        let writer = try ArticleWriter(db)
        for (key, body) in newBest.sorted(by: { $0.key < $1.key }) {
            let e = Int(entryByKey[key]!)
            try writePage(writer, e, body: body)
        }
        newBest.removeAll(keepingCapacity: true)
        flushSearch()
        for region in dirtyRegions {
            let w = weather[region]!
            try db.execute(sql: "INSERT OR REPLACE INTO weather (region, celsius, date) VALUES (?, ?, ?)",
                           arguments: [region, w.celsius, w.date == 0 ? nil : w.date])
        }
        dirtyRegions.removeAll()
    }

    /// The statements that write articles and their search rows.
    private struct ArticleWriter {
        let insert: RawStatement
        let update: RawStatement
        let search: RawStatement

        init(_ db: Database) throws {
            insert = try RawStatement(db, ArticleColumn.insertSQL)
            update = try RawStatement(db, ArticleColumn.updateSQL)
            search = try RawStatement(db, "INSERT INTO search (rowid, headline, summary, body) VALUES (?, ?, ?, ?)")
        }
    }

    /// The columns every article row has (of `ArticleWriter`'s insert and update); a page's
    /// own columns and the new row's hex are bound by the caller.
    private func bindArticle(_ s: RawStatement, headline: String, summary: String?, date: Int, category: String,
                             kind: Article.Kind, doc: Int64, rulesCategory: String?, teaser: Int32, key: Int64) {
        s.bind(.headline, headline)
        s.bind(.summary, summary)
        s.bind(.date, date)
        s.bind(.category, category)
        s.bind(.categoryKey, category.lowercased())
        s.bind(.kind, kind.rawValue)
        s.bind(.doc, doc)
        s.bind(.rulesCategory, rulesCategory)
        if teaser >= 0 {  // bindings are NULL after each step
            let file = files[Int(teaser)]
            s.bind(.teaserDate, file.storedDate)
            s.bind(.teaserPath, file.path)
            s.bind(.teaserFolder, file.folder)
        }
        s.bind(.id, key)
    }

    private mutating func writePage(_ w: ArticleWriter, _ e: Int, body: String) throws {
        let key = keys[e]
        let entry = entries[e]
        let page = pages[Int(entry.best)]
        let file = files[Int(page.file)]
        var rulesCategory: String?
        let category = MergeRules.category(stated: page.category, folder: file.folder) {
            rulesCategory = page.rules ?? index.categoryRules.category(headline: page.headline, summary: page.summary) ?? ""
            return rulesCategory!.isEmpty ? nil : rulesCategory
        }
        let doc = nextDoc
        nextDoc += 1
        try IndexProfile.measure("bulk: fts rows") {
            try writeSearch(w, doc: doc, headline: page.headline, summary: page.summary, body: body)
        }
        let s = entry.doc == 0 ? w.insert : w.update
        bindArticle(s, headline: page.headline, summary: page.summary, date: entry.date, category: category,
                    kind: .article, doc: doc, rulesCategory: rulesCategory, teaser: entry.teaser, key: key)
        s.bind(.sourcePath, file.path)
        s.bind(.sourceFile, file.id)
        s.bind(.url, page.url)
        s.bind(.author, page.author)
        s.bind(.site, page.site)
        s.bind(.bestDate, page.date == 0 ? nil : page.date)
        s.bind(.bestCategory, page.category)
        s.bind(.bestFolder, file.folder)
        // An update replaces the older copy's search row (the trigger lists it in search_dead).
        if entry.doc == 0 { s.bind(.hex, ArticleID(indexKey: key).rawValue) }
        try s.step()
        entries[e].doc = doc
        entries[e].writtenDate = entry.date
        entries[e].writtenTeaser = entry.teaser
    }

    // MARK: - The end

    /// Writes what waited for the whole store: teaser-only articles, dates and earliest teasers
    /// that later files changed, the contributions, the teasers and the teaser texts, the
    /// readings; then makes the list indexes.
    mutating func finish(_ db: Database) throws {
        let order = (0..<entries.count).sorted { keys[$0] < keys[$1] }
        try IndexProfile.measure("bulk: articles at the end") { try writeLastArticles(db, order: order) }
        flushSearch()
        // The last search rows are queued: the search thread writes its last segment meanwhile.
        side?.endRows()
        try IndexProfile.measure("bulk: contributions") {
            try writeContributions(db)
            try writeTeasers(db, order: order)
        }
        IndexProfile.mark("contributions written")
        try IndexProfile.measure("bulk: readings") { try writeReadings(db) }
        IndexProfile.mark("readings written")
        try IndexProfile.measure("bulk: list indexes") {
            // The sorts of CREATE INDEX may use another core: nothing else runs at this point.
            try db.execute(sql: "PRAGMA threads = 2")
            defer { _ = try? db.execute(sql: "PRAGMA threads = 0") }
            for sql in IndexSchema.articleIndexes { try db.execute(sql: sql) }
        }
        IndexProfile.mark("list indexes made")
    }

    /// Articles with a page whose date or earliest teaser later files changed get those; articles
    /// known only from teasers are written (the first text seen, the earliest teaser's folder).
    private mutating func writeLastArticles(_ db: Database, order: [Int]) throws {
        let w = try ArticleWriter(db)
        let updateDates = try RawStatement(db, """
            UPDATE articles SET date = ?, teaser_date = ?, teaser_path = ?, teaser_folder = ? WHERE id = ?
            """)
        let rules = index.categoryRules
        for e in order {
            let key = keys[e], entry = entries[e]
            if entry.best >= 0 {
                if entry.date != entry.writtenDate || entry.teaser != entry.writtenTeaser {
                    updateDates.bind(1, entry.date)
                    if entry.teaser >= 0 {
                        let file = files[Int(entry.teaser)]
                        updateDates.bind(2, file.storedDate)
                        updateDates.bind(3, file.path)
                        updateDates.bind(4, file.folder)
                    }
                    updateDates.bind(5, key)
                    try updateDates.step()
                }
                continue
            }
            let text = teaserTexts[Int(entry.text)]
            var rulesCategory: String?
            let category = MergeRules.category(stated: nil, folder: files[Int(entry.teaser)].folder) {
                rulesCategory = rules.category(headline: text.headline, summary: text.summary) ?? ""
                return rulesCategory!.isEmpty ? nil : rulesCategory
            }
            let doc = nextDoc
            nextDoc += 1
            try writeSearch(w, doc: doc, headline: text.headline, summary: text.summary, body: "")
            bindArticle(w.insert, headline: text.headline, summary: text.summary, date: entry.date, category: category,
                        kind: .teaser, doc: doc, rulesCategory: rulesCategory, teaser: entry.teaser, key: key)
            w.insert.bind(.hex, ArticleID(indexKey: key).rawValue)
            try w.insert.step()
        }
    }

    /// Every page contribution, in key order. The best page's text is the article row's (see
    /// IndexSchema): not written twice.
    private mutating func writeContributions(_ db: Database) throws {
        contributions.sort { ($0.key, $0.file) < ($1.key, $1.file) }
        let page = try RawStatement(db, """
            INSERT INTO contributions (article, file_id, date, headline, summary, category, url, author, site)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in contributions {
            let p = pages[Int(c.page)]
            page.bind(1, c.key)
            page.bind(2, c.file)
            page.bind(3, p.date == 0 ? nil : p.date)
            if entries[Int(entryByKey[c.key]!)].best != c.page {
                page.bind(4, p.headline)
                page.bind(5, p.summary)
                page.bind(7, p.url)
                page.bind(8, p.author)
                page.bind(9, p.site)
            }
            page.bind(6, p.category)
            try page.step()
        }
    }

    /// One teasers row per article (the files showing a teaser of it, in the order they came),
    /// and the teaser texts.
    private func writeTeasers(_ db: Database, order: [Int]) throws {
        let teasers = try RawStatement(db, "INSERT INTO teasers (article, files) VALUES (?, ?)")
        var ids: [Int64] = []
        var json: [UInt8] = []
        for e in order where entries[e].lastTeaser >= 0 {
            ids.removeAll(keepingCapacity: true)
            var t = entries[e].lastTeaser
            while t >= 0 {
                ids.append(teaserFiles[Int(t)])
                t = teaserBefore[Int(t)]
            }
            json.removeAll(keepingCapacity: true)
            json.append(UInt8(ascii: "["))
            for id in ids.reversed() {
                if json.count > 1 { json.append(UInt8(ascii: ",")) }
                json.append(contentsOf: String(id).utf8)
            }
            json.append(UInt8(ascii: "]"))
            teasers.bind(1, keys[e])
            teasers.bind(2, String(decoding: json, as: UTF8.self))
            try teasers.step()
        }
        let teaserText = try RawStatement(db, "INSERT INTO teaser_text (article, headline, summary) VALUES (?, ?, ?)")
        for e in order where entries[e].text >= 0 {
            let text = teaserTexts[Int(entries[e].text)]
            teaserText.bind(1, keys[e])
            teaserText.bind(2, text.headline)
            teaserText.bind(3, text.summary)
            try teaserText.step()
        }
    }

    /// Every file's readings, in the table's order (date DESC, path in byte order), paths ranked once.
    private mutating func writeReadings(_ db: Database) throws {
        var pathRank = [Int32](repeating: 0, count: files.count)
        for (rank, f) in files.indices.sorted(by: { StoreWalker.pathPrecedes(files[$0].path, files[$1].path) }).enumerated() {
            pathRank[f] = Int32(rank)
        }
        readings.sort { a, b in a.date != b.date ? a.date > b.date : pathRank[Int(a.file)] < pathRank[Int(b.file)] }
        let insert = try RawStatement(db, "INSERT INTO readings (date, path, readings) VALUES (?, ?, ?)")
        for r in readings {
            insert.bind(1, r.date)
            insert.bind(2, files[Int(r.file)].path)
            insert.bind(3, r.blob)
            try insert.step()
        }
    }
}

/// A first build stopped on purpose where a crash would stop it (tests).
struct SimulatedCrash: Error {}

extension ArticleIndex {
    /// The first build of an empty index (see `BulkBuild`). With `lock` (an index file), it
    /// writes without waiting for the disk, then flushes the file before the marker goes.
    func bulkBuild(_ todo: [StoreWalker.Entry], batchSize: Int, done: Int, total: Int,
                   report: inout IndexRefreshReport, lock: IndexBuildLock?,
                   progress: ((IndexProgress) -> Void)?, isCancelled: () -> Bool,
                   failAfterBatches: Int?) throws {
        // Batches grow to ten times `batchSize` here (see `batches`).
        let batches = Self.batches(Self.quickFirst(todo, batchSize: batchSize), batchSize: batchSize, growingTo: 10)

        // The search rows on a thread of their own; an index in memory has no file to copy into.
        let side: SearchSideBuild? = if lock != nil, let path = database.path { try SearchSideBuild(index: path) } else { nil }
        var build = try startBulkBuild(unsynced: lock != nil, side: side)
        defer { side?.discard() }
        if !build.writesSearchApart { side?.discard() }
        defer { endBulkSettings() }
        IndexProfile.mark("bulk build starts")
        var done = done
        let pipeline = ParsePipeline(batches.flatMap { $0 }, index: self, prepare: true)
        defer { pipeline.stop() }
        for k in batches.indices {
            if isCancelled() {
                report.cancelled = true
                break
            }
            if let failAfterBatches, k >= failAfterBatches { throw SimulatedCrash() }
            // Each file is written as soon as it is parsed, while the workers parse the next.
            try bulkWrite { db in
                for file in batches[k] {
                    let parsed = pipeline.take()
                    let version = versionTag(for: file.path)
                    switch parsed.result {
                    case .success(let parsedFile):
                        try IndexProfile.measure("bulk: add files") {
                            try build.addFile(db, entry: file, version: version, parsed: parsedFile, prepared: parsed.prepared!)
                        }
                        report.added += 1
                    case .failure(let reason):
                        try build.addSkipped(db, entry: file, version: version, reason: reason.description)
                        report.skipped += 1
                    }
                }
                try IndexProfile.measure("bulk: articles with pages") { try build.commitBatch(db) }
            }
            IndexProfile.mark("batch \(k) written")
            done += batches[k].count
            progress?(IndexProgress(done: done, total: total))
        }
        IndexProfile.mark("batches written")
        try bulkWrite { db in try build.finish(db) }
        IndexProfile.mark("finished")
        if build.writesSearchApart, let side, let path = database.path { try side.copy(into: path) }
        IndexProfile.mark("search copied")
        if let lock { try syncFinishedBuild(lock) }
    }

    /// The settings of a first build (undone by `endBulkSettings`), and its merge state.
    /// `unsynced`: writes do not wait for the disk (safe only because the build marker makes a
    /// file that was being built untrusted).
    private func startBulkBuild(unsynced: Bool, side: SearchSideBuild?) throws -> BulkBuild {
        try database.writer.writeWithoutTransaction { db in
            if unsynced { try db.execute(sql: "PRAGMA synchronous = OFF") }
            try db.execute(sql: "PRAGMA cache_size = -131072")
            // Fewer, larger checkpoints: a page rewritten by several batches is copied once.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
            // The search index keeps up to 64 MiB of new terms before writing a segment (1 MiB by
            // default): fewer, larger segments, so far less merging of them. Each batch's commit
            // still writes what it has, so readers find what is committed.
            try db.execute(sql: "INSERT INTO search (search, rank) VALUES ('hashsize', 67108864)")
            return try BulkBuild(index: self, db: db, side: side)
        }
    }

    private func endBulkSettings() {
        try? database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(IndexDatabase.readerCacheKiB)")  // a warm process stays small
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            try db.execute(sql: "INSERT INTO search (search, rank) VALUES ('hashsize', 1048576)")
        }
    }

    /// Flushes a build written without waiting for the disk, then removes its marker.
    private func syncFinishedBuild(_ lock: IndexBuildLock) throws {
        guard let path = database.path else { return }
        try database.writer.writeWithoutTransaction { db in
            // The log into the file before flushing: the log's pages then never go to the disk
            // (a truncated file's pages are dropped), and closing has nothing left to copy. With
            // a reader in the way it copies what it can; the flush below covers the rest.
            _ = try? Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        IndexBuildLock.sync(file: path.path + "-wal")
        IndexBuildLock.sync(file: path.path)
        lock.release(finished: true)
        IndexProfile.mark("synced")
    }

    private func bulkWrite(_ body: (Database) throws -> Void) throws {
        try database.writer.writeWithoutTransaction { db in
            try db.inTransaction(.deferred) {
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES ('generation', '1')
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                    """)
                try body(db)
                return .commit
            }
            IndexProfile.measure("commit") {}
        }
    }

    /// Empties every table (what a first build that died left behind), keeping the generation
    /// counter going so lists on screen read again.
    func clearAll() throws {
        try database.writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for table in ["files", "contributions", "teasers", "articles", "teaser_text", "readings", "weather", "walk_problems"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                try db.execute(sql: "INSERT INTO search (search) VALUES ('delete-all')")
                try db.execute(sql: "DELETE FROM search_dead")
                for sql in IndexSchema.articleIndexes { try db.execute(sql: sql) }
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES ('generation', '1')
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                    """)
                return .commit
            }
        }
    }
}
