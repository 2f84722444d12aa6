import Foundation
import GRDB
import TidingsModel

/// One page or teaser of an article as the refresh's merge reads it: from this batch's files, or
/// from the index (`ArticleSettle.settleFull`, `StoredArticle.contributions`).
struct Contribution {
    var isPage: Bool
    /// A page's date (`DateKey`), 0 for none or a teaser (whose date is its file's `storedDate`).
    var date: Int
    var headline: String?
    var summary: String?
    var category: String?
    var url: String?
    /// Authors as `AuthorsColumn` holds them, and the site name.
    var author: String?
    var site: String?
    var fileID: Int64
    var path: String
    var folder: String?
    var storedDate: CivilDate?
}

/// An article row as the index holds it before the merge, read by column name.
struct StoredArticle {
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
    var author: String?
    var site: String?

    init(_ row: Row) {
        headline = row[ArticleColumn.headline.name]
        summary = row[ArticleColumn.summary.name]
        date = row[ArticleColumn.date.name]
        category = row[ArticleColumn.category.name]
        kind = row[ArticleColumn.kind.name]
        sourcePath = row[ArticleColumn.sourcePath.name]
        sourceFile = row[ArticleColumn.sourceFile.name]
        url = row[ArticleColumn.url.name]
        doc = row[ArticleColumn.doc.name]
        rulesCategory = row[ArticleColumn.rulesCategory.name]
        bestDate = row[ArticleColumn.bestDate.name]
        bestCategory = row[ArticleColumn.bestCategory.name]
        bestFolder = row[ArticleColumn.bestFolder.name]
        teaserDate = row[ArticleColumn.teaserDate.name]
        teaserPath = row[ArticleColumn.teaserPath.name]
        teaserFolder = row[ArticleColumn.teaserFolder.name]
        author = row[ArticleColumn.author.name]
        site = row[ArticleColumn.site.name]
    }

    /// The stored aggregates as contributions: merged with new ones they give what all
    /// contributions would (the merge takes minimums and maximums under total orders).
    func contributions() -> [Contribution] {
        var out: [Contribution] = []
        if kind == Article.Kind.article.rawValue, let sourcePath, let sourceFile {
            out.append(Contribution(isPage: true, date: bestDate ?? 0, headline: headline,
                                    summary: summary, category: bestCategory, url: url, author: author, site: site, fileID: sourceFile,
                                    path: sourcePath, folder: bestFolder, storedDate: nil))
        }
        if let teaserPath {
            out.append(Contribution(isPage: false, date: 0, headline: nil, summary: nil, category: nil, url: nil,
                                    author: nil, site: nil, fileID: 0, path: teaserPath, folder: teaserFolder,
                                    storedDate: teaserDate.flatMap(CivilDate.init(indexValue:))))
        }
        return out
    }
}

/// The articles of one refresh batch settled (`IndexBatch.settle`), in phases: `init` reads what
/// the index holds of the dirty articles; `settleFull` merges those that need all their
/// contributions, `settle(_:group:incremental:)` writes each merged article; `dropGone` deletes
/// the articles nothing mentions any more.
///
/// Every query starts from temp.dirty (or temp.full) with CROSS JOIN, which makes SQLite walk the
/// few dirty ids and look each up; left to itself, the planner (no statistics for a temp table)
/// scans the whole contributions index for every batch, and indexing slows quadratically.
struct ArticleSettle {
    let index: ArticleIndex
    let rulesChanged: Bool
    /// This batch's page bodies, by (file id, article key) (`IndexBatch.bodies`).
    let bodies: [IndexBatch.FileArticle: String]
    private var stored: [Int64: StoredArticle] = [:]
    private var teaserTexts: [Int64: (headline: String, summary: String?)] = [:]
    private var handled = Set<Int64>()
    private var nextDoc: Int64
    private let statements: Statements

    private struct Statements {
        let insert, update, updateDate, indexText, fillText, deleteArticle, deleteTeaserText: Statement

        init(_ db: Database) throws {
            insert = try db.cachedStatement(sql: ArticleColumn.insertSQL)
            update = try db.cachedStatement(sql: ArticleColumn.updateSQL)
            // Most changes while a store is indexed are a teaser seen on an earlier page: only the
            // date moves, and only the indexes holding the date are touched.
            updateDate = try db.cachedStatement(sql: "UPDATE articles SET date = ? WHERE id = ?")
            indexText = try db.cachedStatement(sql: "INSERT INTO search (rowid, headline, summary, body) VALUES (?, ?, ?, ?)")
            fillText = try db.cachedStatement(sql: """
                UPDATE contributions SET headline = ?, summary = ?, url = ?, author = ?, site = ?
                WHERE article = ? AND file_id = ? AND headline IS NULL
                """)
            deleteArticle = try db.cachedStatement(sql: "DELETE FROM articles WHERE id = ?")
            deleteTeaserText = try db.cachedStatement(sql: "DELETE FROM teaser_text WHERE article = ?")
        }
    }

    /// Reads the dirty articles' rows and teaser texts.
    init(_ db: Database, index: ArticleIndex, rulesChanged: Bool, bodies: [IndexBatch.FileArticle: String]) throws {
        self.index = index
        self.rulesChanged = rulesChanged
        self.bodies = bodies
        let columns = ArticleColumn.allCases.filter { $0 != .hex }.map { "a.\($0.name)" }.joined(separator: ", ")
        let old = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM temp.dirty d CROSS JOIN articles a ON a.id = d.id")
        while let row = try old.next() {
            stored[row[ArticleColumn.id.name]] = StoredArticle(row)
        }
        let texts = try Row.fetchCursor(db, sql: """
            SELECT t.article, t.headline, t.summary FROM temp.dirty d CROSS JOIN teaser_text t ON t.article = d.id
            """)
        while let row = try texts.next() {
            teaserTexts[row["article"]] = (row["headline"], row["summary"])
        }
        nextDoc = (try Int64.fetchOne(db, sql: "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1") ?? 0) + 1
        statements = try Statements(db)
    }

    func storedContributions(_ key: Int64) -> [Contribution] {
        stored[key]?.contributions() ?? []
    }

    /// Merges every article of temp.full from all its contributions.
    mutating func settleFull(_ db: Database) throws {
        var current: Int64?
        var group: [Contribution] = []
        // Pages and teasers of each article together (each arm is in d.id order: SQLite merges them).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id AS article, 1 AS is_page, c.date AS date, c.headline AS headline, c.summary AS summary,
                   c.category AS category, c.url AS url, c.author AS author, c.site AS site, f.id AS file_id, f.path AS path, f.folder AS folder,
                   f.stored_date AS stored_date
            FROM temp.full d CROSS JOIN contributions c ON c.article = d.id CROSS JOIN files f ON f.id = c.file_id
            UNION ALL
            SELECT d.id, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, f.id, f.path, f.folder, f.stored_date
            FROM temp.full d CROSS JOIN teasers t ON t.article = d.id CROSS JOIN json_each(t.files) j
                 CROSS JOIN files f ON f.id = j.value
            ORDER BY 1
            """)
        while let row = try rows.next() {
            let key: Int64 = row["article"]
            if key != current {
                if let current { try settle(current, group: group, incremental: false) }
                current = key
                group.removeAll(keepingCapacity: true)
            }
            group.append(try contribution(row, key: key))
        }
        if let current { try settle(current, group: group, incremental: false) }
    }

    private func contribution(_ row: Row, key: Int64) throws -> Contribution {
        var c = Contribution(isPage: row["is_page"], date: row["date"] ?? 0,
                             headline: row["headline"], summary: row["summary"], category: row["category"],
                             url: row["url"], author: row["author"], site: row["site"], fileID: row["file_id"], path: row["path"], folder: row["folder"],
                             storedDate: (row["stored_date"] as Int?).flatMap(CivilDate.init(indexValue:)))
        if c.isPage && c.headline == nil {
            // The article's best page: its text is the article row's (see IndexSchema).
            guard let old = stored[key], old.sourceFile == c.fileID else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a page without text is not its article's best page")
            }
            c.headline = old.headline
            c.summary = old.summary
            c.url = old.url
            c.author = old.author
            c.site = old.site
        }
        return c
    }

    /// Deletes the dirty articles no file mentions any more, and teaser texts left over.
    func dropGone() throws {
        for (key, _) in stored where !handled.contains(key) {
            try statements.deleteArticle.execute(arguments: [key])
        }
        for (key, _) in teaserTexts where !handled.contains(key) {
            try statements.deleteTeaserText.execute(arguments: [key])
        }
    }

    /// Merges one article and writes it. `incremental`: `group` is the stored aggregates plus
    /// this batch's new contributions.
    mutating func settle(_ key: Int64, group: [Contribution], incremental: Bool) throws {
        handled.insert(key)
        let text = teaserTexts[key]
        let old = stored[key]
        var (article, rulesCategory) = merged(key, group, teaserText: text, old: old)
        if incremental, let old {  // the earliest of all older contributions
            let earliest = MergeRules.earliestDate(article.dateKey, old.date)
            article.date = DateKey.day(earliest)
            article.time = DateKey.secondsOfDay(earliest)
        }
        var row = ArticleValues()
        aggregates(into: &row, article: article, group: group, old: incremental ? old : nil)
        if !group.contains(where: { !$0.isPage }), text != nil {
            try statements.deleteTeaserText.execute(arguments: [key])  // no teaser left: the page holds the text
        }
        let sourceFile = article.kind == .article ? Self.bestPage(group)?.fileID : nil
        let sameText = old != nil && old!.headline == article.headline && old!.summary == article.summary
            && old!.sourceFile == sourceFile
        if let old, sameText, old.category == article.category, old.kind == article.kind.rawValue,
           old.sourcePath == article.sourcePath, old.url == article.url,
           old.author == AuthorsColumn.encode(article.authors), old.site == article.site,
           rulesCategory == nil || rulesCategory == old.rulesCategory, Self.sameAggregates(old, row) {
            let date = article.dateKey
            if date != old.date { try statements.updateDate.execute(arguments: [date, key]) }
            return
        }
        if let old, let oldSource = old.sourceFile, oldSource != sourceFile || !sameText {
            // The old best page's text leaves the article row: its contribution keeps it.
            try statements.fillText.execute(arguments: [old.headline, old.summary, old.url, old.author, old.site, key, oldSource])
        }
        var doc = old?.doc ?? 0
        if !sameText {
            doc = nextDoc
            nextDoc += 1
            try writeSearchRow(doc, article: article, key: key, sourceFile: sourceFile)
        }
        // A cached rules answer stays only while it is still for this headline and summary.
        let keptRules = old.flatMap { $0.headline == article.headline && $0.summary == article.summary ? $0.rulesCategory : nil }
        row[.headline] = article.headline
        row[.summary] = article.summary
        row[.date] = article.dateKey
        row[.category] = article.category
        row[.categoryKey] = article.category.lowercased()
        row[.kind] = article.kind.rawValue
        row[.sourcePath] = article.sourcePath
        row[.sourceFile] = sourceFile
        row[.url] = article.url
        row[.author] = AuthorsColumn.encode(article.authors)
        row[.site] = article.site
        row[.doc] = doc
        row[.rulesCategory] = rulesCategory ?? keptRules
        row[.id] = key
        row[.hex] = article.id.rawValue
        try IndexProfile.measure("article upsert (in settle)") {
            if old != nil {
                try statements.update.execute(arguments: row.updateArguments)
            } else {
                try statements.insert.execute(arguments: row.insertArguments)
            }
        }
    }

    /// The merged article, and what the category rules said ("" for nothing) when they were asked:
    /// the stored answer is reused while the headline and summary are the same and the rules are.
    private func merged(_ key: Int64, _ group: [Contribution], teaserText: (headline: String, summary: String?)?,
                        old: StoredArticle?) -> (Article, String?) {
        var rulesCategory: String?
        let reuse = rulesChanged ? nil : old
        let rules = index.categoryRules
        let article = IndexProfile.measure("merge (in settle)") {
            Self.merge(key: key, group, teaserText: teaserText) { headline, summary in
                if let reuse, let known = reuse.rulesCategory, reuse.headline == headline, reuse.summary == summary {
                    rulesCategory = known
                } else {
                    rulesCategory = rules.category(headline: headline, summary: summary) ?? ""
                }
                return rulesCategory!.isEmpty ? nil : rulesCategory
            }
        }
        return (article, rulesCategory)
    }

    /// The best page's own date, category and folder, and the earliest teaser's stored date,
    /// path and folder. `old`: the stored row, when only new contributions were merged. For an
    /// article with a page, the earliest teaser decides nothing (its date is in the article's
    /// date); only that some teaser exists matters, so then it is not rewritten.
    private func aggregates(into row: inout ArticleValues, article: Article, group: [Contribution], old: StoredArticle?) {
        let best = article.kind == .article ? Self.bestPage(group) : nil
        row[.bestDate] = best.flatMap { $0.date == 0 ? nil : $0.date }
        row[.bestCategory] = best?.category
        row[.bestFolder] = best?.folder
        if let old, article.kind == .article, old.teaserPath != nil {
            row[.teaserDate] = old.teaserDate
            row[.teaserPath] = old.teaserPath
            row[.teaserFolder] = old.teaserFolder
        } else if let earliest = Self.earliestTeaser(group) {
            row[.teaserDate] = earliest.storedDate?.indexValue ?? 0
            row[.teaserPath] = earliest.path
            row[.teaserFolder] = earliest.folder
        }
    }

    private static func sameAggregates(_ old: StoredArticle, _ row: ArticleValues) -> Bool {
        old.bestDate == row[.bestDate] as? Int && old.bestCategory == row[.bestCategory] as? String
            && old.bestFolder == row[.bestFolder] as? String && old.teaserDate == row[.teaserDate] as? Int
            && old.teaserPath == row[.teaserPath] as? String && old.teaserFolder == row[.teaserFolder] as? String
    }

    /// The article's search row: its headline, summary and the body of its best page (parsed in
    /// this batch, else read from its file again).
    private func writeSearchRow(_ doc: Int64, article: Article, key: Int64, sourceFile: Int64?) throws {
        var body = ""
        if let sourceFile {
            body = bodies[IndexBatch.FileArticle(file: sourceFile, article: key)]
                ?? index.bodyText(path: article.sourcePath ?? "", id: article.id)
        }
        let summary = article.summary.map(SearchText.indexable)
        try IndexProfile.measure("fts insert (in settle)") {
            try statements.indexText.execute(arguments: [doc, SearchText.indexable(article.headline), summary,
                                                         SearchText.bodyColumn(SearchText.indexable(body), summary: summary)])
        }
    }

    // MARK: - The merge (MergeRules) on contributions

    /// The page that speaks for the article (`MergeRules.pageBeats`).
    static func bestPage(_ group: [Contribution]) -> Contribution? {
        var best: Contribution?
        for c in group where c.isPage {
            if let b = best, !MergeRules.pageBeats(date: c.date, path: c.path, best: b.date, bestPath: b.path) { continue }
            best = c
        }
        return best
    }

    /// The article's earliest teaser (`MergeRules.teaserPrecedes`).
    static func earliestTeaser(_ group: [Contribution]) -> Contribution? {
        var earliest: Contribution?
        for c in group where !c.isPage {
            if let e = earliest, !MergeRules.teaserPrecedes(date: DateKey.of(day: c.storedDate), path: c.path,
                                                           earliest: DateKey.of(day: e.storedDate), earliestPath: e.path) { continue }
            earliest = c
        }
        return earliest
    }

    /// The article the contributions make. `rules` gives the category the keyword rules find
    /// for a headline and summary.
    static func merge(key: Int64, _ group: [Contribution], teaserText: (headline: String, summary: String?)?,
                      rules: (String, String?) -> String?) -> Article {
        var date = 0
        for c in group {
            date = MergeRules.earliestDate(date, c.isPage ? c.date : DateKey.of(day: c.storedDate))
        }
        let id = ArticleID(indexKey: key)
        if let page = bestPage(group) {
            let headline = page.headline ?? ""
            let category = MergeRules.category(stated: page.category, folder: page.folder) { rules(headline, page.summary) }
            return Article(id: id, headline: headline, summary: page.summary, dateKey: date,
                           category: category, kind: .article, sourcePath: page.path, url: page.url,
                           authors: AuthorsColumn.decode(page.author), site: page.site, section: page.category)
        }
        let headline = teaserText?.headline ?? ""
        let category = MergeRules.category(stated: nil, folder: earliestTeaser(group)?.folder) {
            rules(headline, teaserText?.summary)
        }
        return Article(id: id, headline: headline, summary: teaserText?.summary, dateKey: date,
                       category: category, kind: .teaser, sourcePath: nil)
    }
}
