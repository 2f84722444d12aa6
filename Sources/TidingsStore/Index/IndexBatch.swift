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
                             StoreWalker.folder(of: entry.path), storedDate?.indexValue])
        let fileID = db.lastInsertedRowID
        let folder = StoreWalker.folder(of: entry.path)
        let page = try db.cachedStatement(sql: """
            INSERT INTO contributions (file_id, article, date, headline, summary, category, url, author, site)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                let date = MergeRules.pageDate(p)
                let author = AuthorsColumn.encode(p.authors)
                try page.execute(arguments: [fileID, key, date == 0 ? nil : date, p.headline, p.summary, p.category, p.url,
                                             author, p.siteName])
                added[key, default: []].append(Contribution(
                    isPage: true, date: date, headline: p.headline, summary: p.summary,
                    category: p.category, url: p.url, author: author, site: p.siteName,
                    fileID: fileID, path: entry.path, folder: folder, storedDate: storedDate))
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
                    isPage: false, date: 0, headline: nil, summary: nil, category: nil, url: nil, author: nil, site: nil,
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

    /// The dirty articles merged and written (`ArticleSettle` has the phases).
    private mutating func settleArticles(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.dirty") ?? 0 > 0 else { return }
        var settle = try ArticleSettle(db, index: index, rulesChanged: rulesChanged, bodies: bodies)
        try settle.settleFull(db)
        for (key, contributions) in added where !fullArticles.contains(key) {
            try settle.settle(key, group: settle.storedContributions(key) + contributions, incremental: true)
        }
        try settle.dropGone()
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
              let bytes = try? FileBytes.read(store: storeURL.path, relative: path, limit: parser.maxFileSize),
              let file = try? parser.parse(bytes, path: path),
              let page = file.pages.first(where: { ArticleID(headline: $0.headline) == id }) else { return "" }
        return IndexBatch.bodyText(page.body)
    }
}
