import Foundation
import GRDB
import TidingsModel

/// The changes of one refresh transaction: files added and removed, then the articles and
/// weather regions they touched recomputed (`settle`). Dirty article ids live in `temp.dirty`
/// so the recomputation reads their contributions in one query.
struct IndexBatch {
    let index: ArticleIndex
    /// The category rules differ from those the stored categories came from: run them again.
    var rulesChanged = false
    private var dirtyRegions = Set<String>()
    /// What files added in this batch contribute, per article: merged with the article's stored
    /// aggregates at `settle`, without reading its older contributions.
    private var added: [Int64: [Contribution]] = [:]
    /// Articles that must be merged from all their contributions (a file removed, new rules).
    var fullArticles = Set<Int64>()
    /// Body text of pages parsed in this batch, by (file id, article key): the search index needs
    /// it once, when the article's search row is written, and it is kept nowhere else.
    private var bodies: [FileArticle: String] = [:]

    struct FileArticle: Hashable {
        var file: Int64
        var article: Int64
    }

    init(index: ArticleIndex) {
        self.index = index
    }

    // MARK: - Meta

    func meta(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    // MARK: - Files

    /// Drops a file's contributions and readings; the articles and regions it touched are dirty.
    mutating func removeFile(_ db: Database, id: Int64) throws {
        // Removing a contribution can undo a minimum or maximum: these articles are merged again
        // from all their remaining contributions.
        let keys = Self.unpackKeys(try Data.fetchOne(db, sql: "SELECT articles FROM files WHERE id = ?", arguments: [id]))
        fullArticles.formUnion(keys)
        let delete = try db.cachedStatement(sql: "DELETE FROM contributions WHERE article = ? AND file_id = ?")
        let dropTeaser = try db.cachedStatement(sql: """
            UPDATE teasers SET files = (SELECT json_group_array(value) FROM json_each(teasers.files) WHERE value != ?1)
            WHERE article = ?2
            """)
        let dropEmpty = try db.cachedStatement(sql: "DELETE FROM teasers WHERE article = ? AND files = '[]'")
        for key in keys {
            try delete.execute(arguments: [key, id])
            if db.changesCount == 0 {  // not a page of this file: a teaser
                try dropTeaser.execute(arguments: [id, key])
                try dropEmpty.execute(arguments: [key])
            }
        }
        // The regions of the file's readings are dirty: their newest reading may have gone.
        if let file = try Row.fetchOne(db, sql: "SELECT path, coalesce(stored_date, 0) FROM files WHERE id = ?", arguments: [id]) {
            let path: String = file[0], date: Int = file[1]
            if let blob = try Data.fetchOne(db, sql: "SELECT readings FROM readings WHERE date = ? AND path = ?", arguments: [date, path]) {
                dirtyRegions.formUnion(ReadingsBlob.decode(blob).map(\.region))
                try db.execute(sql: "DELETE FROM readings WHERE date = ? AND path = ?", arguments: [date, path])
            }
        }
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
    }

    /// Records a parsed file's contributions: its first sightings (`MergeRules.FirstSightings`).
    mutating func addFile(_ db: Database, entry: StoreWalker.Entry, version: String, parsed: ParsedFile) throws {
        let storedDate = parsed.pages.lazy.compactMap(\.storedDate).first
        try db.execute(sql: """
            INSERT INTO files (path, size, mtime, parser_version, kind, folder, stored_date)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.path, entry.size, entry.mtime, version, parsed.kind.rawValue,
                             Library.folder(of: entry.path), storedDate?.indexValue])
        let fileID = db.lastInsertedRowID
        let folder = Library.folder(of: entry.path)
        let page = try db.cachedStatement(sql: """
            INSERT INTO contributions (file_id, article, date, headline, summary, category, url)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let teaser = try db.cachedStatement(sql: """
            INSERT INTO teasers (article, files) VALUES (?2, json_array(?1))
            ON CONFLICT(article) DO UPDATE SET files = json_insert(teasers.files, '$[#]', ?1)
            """)
        let teaserText = try db.cachedStatement(sql: "INSERT OR IGNORE INTO teaser_text (article, headline, summary) VALUES (?, ?, ?)")

        var seen = MergeRules.FirstSightings<Int64>()
        var readings: [(region: String, celsius: Double)] = []
        for p in parsed.pages {
            let key = ArticleID(headline: p.headline).indexKey
            if seen.insert(key) {
                let date = MergeRules.pageDate(published: p.publishedDate, stored: p.storedDate)
                try page.execute(arguments: [fileID, key, date?.indexValue, p.headline, p.summary, p.category, p.url])
                added[key, default: []].append(Contribution(
                    isPage: true, date: date, headline: p.headline, summary: p.summary,
                    category: p.category, url: p.url, fileID: fileID, path: entry.path, folder: folder, storedDate: storedDate))
                bodies[FileArticle(file: fileID, article: key)] = Self.bodyText(p.body)
            }
            for r in p.weather {
                readings.append((r.region, r.celsius))
                dirtyRegions.insert(r.region)
            }
        }
        if !readings.isEmpty {
            try db.execute(sql: "INSERT INTO readings (date, path, readings) VALUES (?, ?, ?)",
                           arguments: [storedDate?.indexValue ?? 0, entry.path, ReadingsBlob.encode(readings)])
        }
        for p in parsed.pages {
            for t in p.teasers {
                let key = ArticleID(headline: t.headline).indexKey
                guard seen.insert(key) else { continue }
                try teaser.execute(arguments: [fileID, key])
                try teaserText.execute(arguments: [key, t.headline, t.summary])
                added[key, default: []].append(Contribution(
                    isPage: false, date: nil, headline: nil, summary: nil, category: nil, url: nil,
                    fileID: fileID, path: entry.path, folder: folder, storedDate: storedDate))
            }
        }
        try db.execute(sql: "UPDATE files SET articles = ? WHERE id = ?", arguments: [Self.packKeys(seen.keys), fileID])
    }

    /// Article keys as 8 little-endian bytes each (files.articles).
    static func packKeys(_ keys: [Int64]) -> Data {
        var data = Data(capacity: keys.count * 8)
        for key in keys { withUnsafeBytes(of: key.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func unpackKeys(_ data: Data?) -> [Int64] {
        guard let data else { return [] }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 8).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
    }

    static func bodyText(_ body: ArticleBody) -> String {
        body.blocks.map(\.text).joined(separator: "\n")
    }

    // MARK: - Merge

    private struct Contribution {
        var isPage: Bool
        var date: CivilDate?
        var headline: String?
        var summary: String?
        var category: String?
        var url: String?
        var fileID: Int64
        var path: String
        var folder: String?
        var storedDate: CivilDate?
    }

    private struct Stored {
        var headline: String
        var summary: String?
        var date: Int
        var category: String
        var kind: String
        var sourcePath: String?
        var sourceFile: Int64?
        var url: String?
        var doc: Int64
        var rulesCategory: String?
        var bestDate: Int?
        var bestCategory: String?
        var bestFolder: String?
        var teaserDate: Int?
        var teaserPath: String?
        var teaserFolder: String?

        /// The stored aggregates as contributions: merged with new ones they give what all
        /// contributions would (the merge takes minimums and maximums under total orders).
        func contributions(key: Int64) -> [Contribution] {
            var out: [Contribution] = []
            if kind == Article.Kind.article.rawValue, let sourcePath, let sourceFile {
                out.append(Contribution(isPage: true, date: bestDate.flatMap(CivilDate.init(indexValue:)), headline: headline,
                                        summary: summary, category: bestCategory, url: url, fileID: sourceFile,
                                        path: sourcePath, folder: bestFolder, storedDate: nil))
            }
            if let teaserPath {
                out.append(Contribution(isPage: false, date: nil, headline: nil, summary: nil, category: nil, url: nil,
                                        fileID: 0, path: teaserPath, folder: teaserFolder,
                                        storedDate: teaserDate.flatMap(CivilDate.init(indexValue:))))
            }
            return out
        }
    }

    /// Recomputes every dirty article from its remaining contributions and every dirty region's
    /// newest reading (`MergeRules`).
    mutating func settle(_ db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS full (id INTEGER PRIMARY KEY)")
        let dirty = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.dirty (id) VALUES (?)")
        let full = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.full (id) VALUES (?)")
        for key in added.keys { try dirty.execute(arguments: [key]) }
        for key in fullArticles {
            try dirty.execute(arguments: [key])
            try full.execute(arguments: [key])
        }
        try IndexProfile.measure("settleArticles") { try settleArticles(db) }
        try IndexProfile.measure("settleWeather") { try settleWeather(db) }
        try db.execute(sql: "DELETE FROM temp.dirty")
        try db.execute(sql: "DELETE FROM temp.full")
        added.removeAll()
        fullArticles.removeAll()
    }

    // Every query below starts from temp.dirty with CROSS JOIN, which makes SQLite walk the few
    // dirty ids and look each up; left to itself, the planner (no statistics for a temp table)
    // scans the whole contributions index for every batch, and indexing slows quadratically.
    private mutating func settleArticles(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.dirty") ?? 0 > 0 else { return }
        var stored: [Int64: Stored] = [:]
        let old = try Row.fetchCursor(db, sql: """
            SELECT a.id, headline, summary, date, category, kind, source_path, source_file, url, doc, rules_category,
                   best_date, best_category, best_folder, teaser_date, teaser_path, teaser_folder
            FROM temp.dirty d CROSS JOIN articles a ON a.id = d.id
            """)
        while let r = try old.next() {
            stored[r[0]] = Stored(headline: r[1], summary: r[2], date: r[3], category: r[4], kind: r[5],
                                  sourcePath: r[6], sourceFile: r[7], url: r[8], doc: r[9], rulesCategory: r[10],
                                  bestDate: r[11], bestCategory: r[12], bestFolder: r[13],
                                  teaserDate: r[14], teaserPath: r[15], teaserFolder: r[16])
        }
        var teaserTexts: [Int64: (headline: String, summary: String?)] = [:]
        let texts = try Row.fetchCursor(db, sql: """
            SELECT t.article, t.headline, t.summary FROM temp.dirty d CROSS JOIN teaser_text t ON t.article = d.id
            """)
        while let r = try texts.next() { teaserTexts[r[0]] = (r[1], r[2]) }

        var nextDoc = (try Int64.fetchOne(db, sql: "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1") ?? 0) + 1

        let insert = try db.cachedStatement(sql: """
            INSERT INTO articles (headline, summary, date, category, category_key, kind,
                                  source_path, source_file, url, doc, rules_category,
                                  best_date, best_category, best_folder, teaser_date, teaser_path, teaser_folder, id, hex)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE articles SET headline = ?, summary = ?, date = ?, category = ?, category_key = ?, kind = ?,
                                source_path = ?, source_file = ?, url = ?, doc = ?, rules_category = ?,
                                best_date = ?, best_category = ?, best_folder = ?,
                                teaser_date = ?, teaser_path = ?, teaser_folder = ?
            WHERE id = ?
            """)
        // Most changes while a store is indexed are a teaser seen on an earlier page: only the date
        // moves, and only the indexes holding the date are touched.
        let updateDate = try db.cachedStatement(sql: "UPDATE articles SET date = ? WHERE id = ?")
        let indexText = try db.cachedStatement(sql: "INSERT INTO search (rowid, headline, summary, body) VALUES (?, ?, ?, ?)")
        let fillText = try db.cachedStatement(sql: """
            UPDATE contributions SET headline = ?, summary = ?, url = ?
            WHERE article = ? AND file_id = ? AND headline IS NULL
            """)
        let deleteArticle = try db.cachedStatement(sql: "DELETE FROM articles WHERE id = ?")
        let deleteTeaserText = try db.cachedStatement(sql: "DELETE FROM teaser_text WHERE article = ?")

        var handled = Set<Int64>()
        var current: Int64?
        var group: [Contribution] = []
        /// `incremental`: `group` is the stored aggregates plus this batch's new contributions.
        func finish(_ key: Int64, incremental: Bool) throws {
            handled.insert(key)
            let text = teaserTexts[key]
            let old = stored[key]
            var rulesCategory: String?
            let reuse = rulesChanged ? nil : old
            let rules = index.categoryRules
            var article = IndexProfile.measure("merge (in settle)") {
                Self.merge(key: key, group, teaserText: text) { headline, summary in
                    if let reuse, let known = reuse.rulesCategory, reuse.headline == headline, reuse.summary == summary {
                        rulesCategory = known
                    } else {
                        rulesCategory = rules.category(headline: headline, summary: summary) ?? ""
                    }
                    return rulesCategory!.isEmpty ? nil : rulesCategory
                }
            }
            if incremental, let old {  // the earliest of all older contributions
                article.date = CivilDate(indexValue: MergeRules.earliestDate(article.date?.indexValue ?? 0, old.date))
            }
            let best = Self.bestPage(group), earliest = Self.earliestTeaser(group)
            // For an article with a page, the earliest teaser decides nothing (its date is in the
            // article's date); only that some teaser exists matters, so it is not rewritten.
            let keepTeaser = incremental && article.kind == .article && old?.teaserPath != nil
            let aggregates: [DatabaseValueConvertible?] = [
                article.kind == .article ? best?.date?.indexValue : nil, article.kind == .article ? best?.category : nil,
                article.kind == .article ? best?.folder : nil,
                keepTeaser ? old!.teaserDate : earliest.map { $0.storedDate?.indexValue ?? 0 },
                keepTeaser ? old!.teaserPath : earliest?.path, keepTeaser ? old!.teaserFolder : earliest?.folder]
            let sameAggregates = old.map { o in
                o.bestDate == aggregates[0] as? Int && o.bestCategory == aggregates[1] as? String
                    && o.bestFolder == aggregates[2] as? String && o.teaserDate == aggregates[3] as? Int
                    && o.teaserPath == aggregates[4] as? String && o.teaserFolder == aggregates[5] as? String
            } ?? false
            if !group.contains(where: { !$0.isPage }), text != nil {
                try deleteTeaserText.execute(arguments: [key])  // no teaser left: the page holds the text
            }
            let sourceFile = article.kind == .article ? Self.bestPage(group)?.fileID : nil
            let sameText = old != nil && old!.headline == article.headline && old!.summary == article.summary
                && old!.sourceFile == sourceFile
            let sameButDate = old != nil && sameText && sameAggregates && old!.category == article.category
                && old!.kind == article.kind.rawValue && old!.sourcePath == article.sourcePath && old!.url == article.url
                && (rulesCategory == nil || rulesCategory == old!.rulesCategory)
            if sameButDate {
                let date = article.date?.indexValue ?? 0
                if date != old!.date { try updateDate.execute(arguments: [date, key]) }
                return
            }
            if let old, let oldSource = old.sourceFile, oldSource != sourceFile || !sameText {
                // The old best page's text leaves the article row: its contribution keeps it.
                try fillText.execute(arguments: [old.headline, old.summary, old.url, key, oldSource])
            }
            var doc = old?.doc ?? 0
            if !sameText {
                doc = nextDoc
                nextDoc += 1
                var body = ""
                if let sourceFile {
                    body = bodies[FileArticle(file: sourceFile, article: key)]
                        ?? index.bodyText(path: article.sourcePath ?? "", id: article.id)
                }
                let summary = article.summary.map(SearchText.indexable)
                try IndexProfile.measure("fts insert (in settle)") {
                    try indexText.execute(arguments: [doc, SearchText.indexable(article.headline), summary,
                                                      SearchText.bodyColumn(SearchText.indexable(body), summary: summary)])
                }
            }
            // A cached rules answer stays only while it is still for this headline and summary.
            let keptRules = old.flatMap { $0.headline == article.headline && $0.summary == article.summary ? $0.rulesCategory : nil }
            try IndexProfile.measure("article upsert (in settle)") {
                var arguments: StatementArguments = [article.headline, article.summary, article.date?.indexValue ?? 0,
                                                      article.category, article.category.lowercased(), article.kind.rawValue,
                                                      article.sourcePath, sourceFile, article.url, doc,
                                                      rulesCategory ?? keptRules]
                arguments += StatementArguments(aggregates)
                arguments += [key]
                if old != nil {
                    try update.execute(arguments: arguments)
                } else {
                    arguments += [article.id.rawValue]
                    try insert.execute(arguments: arguments)
                }
            }
        }

        // Pages and teasers of each article together (each arm is in d.id order: SQLite merges them).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id, 1, c.date, c.headline, c.summary, c.category, c.url, f.id, f.path, f.folder, f.stored_date
            FROM temp.full d CROSS JOIN contributions c ON c.article = d.id CROSS JOIN files f ON f.id = c.file_id
            UNION ALL
            SELECT d.id, 0, NULL, NULL, NULL, NULL, NULL, f.id, f.path, f.folder, f.stored_date
            FROM temp.full d CROSS JOIN teasers t ON t.article = d.id CROSS JOIN json_each(t.files) j
                 CROSS JOIN files f ON f.id = j.value
            ORDER BY 1
            """)
        while let r = try rows.next() {
            let key: Int64 = r[0]
            if key != current {
                if let current { try finish(current, incremental: false) }
                current = key
                group.removeAll(keepingCapacity: true)
            }
            var contribution = Contribution(isPage: r[1], date: (r[2] as Int?).flatMap(CivilDate.init(indexValue:)),
                                            headline: r[3], summary: r[4], category: r[5], url: r[6],
                                            fileID: r[7], path: r[8], folder: r[9],
                                            storedDate: (r[10] as Int?).flatMap(CivilDate.init(indexValue:)))
            if contribution.isPage && contribution.headline == nil {
                // The article's best page: its text is the article row's (see IndexSchema).
                guard let old = stored[key], old.sourceFile == contribution.fileID else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a page without text is not its article's best page")
                }
                contribution.headline = old.headline
                contribution.summary = old.summary
                contribution.url = old.url
            }
            group.append(contribution)
        }
        if let current { try finish(current, incremental: false) }
        for (key, contributions) in added where !fullArticles.contains(key) {
            group = (stored[key]?.contributions(key: key) ?? []) + contributions
            try finish(key, incremental: true)
        }

        // Dirty ids no file mentions any more: the article is gone.
        for (key, _) in stored where !handled.contains(key) {
            try deleteArticle.execute(arguments: [key])
        }
        for (key, _) in teaserTexts where !handled.contains(key) {
            try deleteTeaserText.execute(arguments: [key])
        }
    }

    /// The page that speaks for the article (`MergeRules.pageBeats`).
    private static func bestPage(_ group: [Contribution]) -> Contribution? {
        var best: Contribution?
        for c in group where c.isPage {
            if let b = best, !MergeRules.pageBeats(date: c.date?.indexValue ?? 0, path: c.path,
                                                   best: b.date?.indexValue ?? 0, bestPath: b.path) { continue }
            best = c
        }
        return best
    }

    /// The article's earliest teaser (`MergeRules.teaserPrecedes`).
    private static func earliestTeaser(_ group: [Contribution]) -> Contribution? {
        var earliest: Contribution?
        for c in group where !c.isPage {
            if let e = earliest, !MergeRules.teaserPrecedes(date: c.storedDate?.indexValue ?? 0, path: c.path,
                                                           earliest: e.storedDate?.indexValue ?? 0, earliestPath: e.path) { continue }
            earliest = c
        }
        return earliest
    }

    /// The article the contributions make. `rules` gives the category the keyword rules find
    /// for a headline and summary.
    private static func merge(key: Int64, _ group: [Contribution], teaserText: (headline: String, summary: String?)?,
                              rules: (String, String?) -> String?) -> Article {
        var date = 0
        for c in group {
            date = MergeRules.earliestDate(date, (c.isPage ? c.date : c.storedDate)?.indexValue ?? 0)
        }
        let id = ArticleID(indexKey: key)
        if let page = bestPage(group) {
            let headline = page.headline ?? ""
            let category = MergeRules.category(stated: page.category, folder: page.folder) { rules(headline, page.summary) }
            return Article(id: id, headline: headline, summary: page.summary, date: CivilDate(indexValue: date),
                           category: category, kind: .article, sourcePath: page.path, url: page.url)
        }
        let headline = teaserText?.headline ?? ""
        let category = MergeRules.category(stated: nil, folder: earliestTeaser(group)?.folder) {
            rules(headline, teaserText?.summary)
        }
        return Article(id: id, headline: headline, summary: teaserText?.summary, date: CivilDate(indexValue: date),
                       category: category, kind: .teaser, sourcePath: nil)
    }

    // MARK: - Weather

    private mutating func settleWeather(_ db: Database) throws {
        guard !dirtyRegions.isEmpty else { return }
        // One walk from the newest file down, until every dirty region has its newest reading.
        var missing = dirtyRegions
        var newest: [String: (celsius: Double, date: Int)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT date, readings FROM readings ORDER BY date DESC, path")
        while !missing.isEmpty, let row = try rows.next() {
            let date: Int = row[0]
            for r in ReadingsBlob.decode(row[1]) where missing.remove(r.region) != nil {
                newest[r.region] = (r.celsius, date)
            }
        }
        for region in dirtyRegions.sorted() {
            if let r = newest[region] {
                try db.execute(sql: "INSERT OR REPLACE INTO weather (region, celsius, date) VALUES (?, ?, ?)",
                               arguments: [region, r.celsius, r.date == 0 ? nil : r.date])
            } else {
                try db.execute(sql: "DELETE FROM weather WHERE region = ?", arguments: [region])
            }
        }
        dirtyRegions.removeAll()
    }
}

extension ArticleIndex {
    /// The body text of one article's page, read from its file again: for the search row of an
    /// article whose best copy was not parsed in this refresh (its newer copy was removed).
    func bodyText(path: String, id: ArticleID) -> String {
        guard let parser = parser(for: path),
              let bytes = try? FileBytes.read(storeURL.path + "/" + path, limit: parser.maxFileSize),
              let file = try? parser.parse(bytes, path: path),
              let page = file.pages.first(where: { ArticleID(headline: $0.headline) == id }) else { return "" }
        return IndexBatch.bodyText(page.body)
    }
}
