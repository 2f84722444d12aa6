import Foundation
import GRDB
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

/// The first build of an empty index (BulkBuild) against the batch-by-batch refresh, and its
/// marker: a build that dies is never trusted.
@Suite struct IndexBulkBuildTests {
    let sandbox: IndexSandbox
    init() throws { sandbox = try IndexSandbox() }

    /// A store with pages in folders, several copies of some pages, teasers before and after
    /// their pages, teasers whose page is never stored, readings in three regions.
    private func writeStore() throws -> (Int) throws -> Void {
        var random = SplitMix(state: 7)
        func next(_ n: Int) -> Int { random.below(n) }
        let dates = ["Monday, 3 November 2025", "Tuesday, 4 November 2025", "Saturday, November 8, 2025",
                     "Sunday, 9 November 2025", "Tuesday, 4 November 2025"]
        let folders = ["", "", "Tech/", "World/", "Food/"]
        func write(_ i: Int) throws {
            let teasers = (0..<next(5)).map { _ in
                let t = next(60)  // pages 50..59 are never stored: teasers only
                return (next(3) == 0 ? "STORY number \(t)!" : "Story number \(t)", next(2) == 0 ? "Teaser summary \(t)." : nil)
                    as (String, String?)
            }
            try sandbox.store.write("\(folders[next(folders.count)])p\(i)-\(next(3)).txt", TemporaryStore.page(
                date: dates[next(dates.count)], weather: [("\(20 + next(10)) C", ["Oslo", "Rome", "Lima"][next(3)])],
                headline: next(4) == 0 ? "Story number \(i)!" : "Story number \(i)",
                standfirst: "Summary of \(i), version \(next(4)).",
                body: ["Body of story \(i) with the word w\(i)x."], teasers: teasers))
        }
        for i in 0..<50 { try write(i) }
        for i in [3, 7, 11, 3] { try write(i) }  // more copies of some pages
        return write
    }

    private var fileCount: Int {
        (try? FileManager.default.subpathsOfDirectory(atPath: sandbox.store.url.path).filter { $0.hasSuffix(".txt") }.count) ?? -1
    }

    private func rows(_ index: ArticleIndex, _ sql: String) throws -> [[String]] {
        try index.database.writer.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.description } }
        }
    }

    /// Everything a query can see, and the merge inputs a later refresh reads.
    private func snapshot(_ index: ArticleIndex) throws -> [String: [[String]]] {
        var out: [String: [[String]]] = [:]
        out["articles"] = try index.articles().map { [$0.article.id.rawValue, $0.article.headline, $0.article.summary ?? "-",
                                                      "\(String(describing: $0.article.date))", $0.article.category,
                                                      $0.article.kind.rawValue, $0.article.sourcePath ?? "-", "\($0.isRead)"] }
        out["weather"] = try index.weather().map { [$0.region, "\($0.celsius)", "\(String(describing: $0.date))"] }
        out["categories"] = try index.categories().map { [$0.name, "\($0.articles)", "\($0.unread)"] }
        // A first build leaves out the best page's text (the article row has it): read it there.
        out["contributions"] = try rows(index, """
            SELECT c.article, f.path, c.date,
                   iif(c.headline IS NULL, a.headline, c.headline), iif(c.headline IS NULL, a.summary, c.summary),
                   c.category, iif(c.headline IS NULL, a.url, c.url)
            FROM contributions c JOIN files f ON f.id = c.file_id
            LEFT JOIN articles a ON a.id = c.article AND a.source_file = c.file_id
            ORDER BY c.article, f.path
            """)
        // Teasers by the paths of their files (one row per article, its file ids in JSON).
        out["teasers"] = try rows(index, """
            SELECT t.article, f.path FROM teasers t, json_each(t.files) j JOIN files f ON f.id = j.value
            ORDER BY t.article, f.path
            """)
        out["teaser_text"] = try rows(index, "SELECT * FROM teaser_text ORDER BY article")
        out["files"] = try rows(index, "SELECT path, size, kind, folder, stored_date, skip_reason, length(articles) FROM files ORDER BY path")
        // Each file's readings, decoded.
        out["readings"] = try index.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT date, path, readings FROM readings ORDER BY path").map { row in
                ["\(row[0] as Int)", row[1] as String] + ReadingsBlob.decode(row[2]).map { "\($0.region) \($0.celsius)" }
            }
        }
        // The merged articles with what later merges start from (their stored aggregates).
        out["merged"] = try rows(index, """
            SELECT a.hex, a.date, a.category, a.kind, f.path, a.rules_category, a.best_date, a.best_category, a.best_folder
            FROM articles a LEFT JOIN files f ON f.id = a.source_file ORDER BY a.id
            """)
        var search: [[String]] = []
        for word in ["story", "w3x", "w11x", "teaser", "summary", "number 52"] {
            // The hits, not their order: equal scores are ranked in the order the full-text index
            // holds them, which differs between the two ways of building it.
            search.append([word] + (try index.articles(ArticleFilter(search: word), sort: .relevance).map(\.article.id.rawValue)).sorted())
        }
        out["search"] = search
        return out
    }

    @Test(arguments: [1, 4, 200])
    func theFirstBuildEqualsTheBatchByBatchRefresh(batchSize: Int) throws {
        let write = try writeStore()
        let statePath = sandbox.statePath
        _ = try ReadStateStore(path: statePath)
        let bulkIndex = try ArticleIndex(path: sandbox.root.appendingPathComponent("bulk.sqlite"), store: sandbox.store.url,
                                         marks: .database(statePath))
        let slowIndex = try ArticleIndex(path: sandbox.root.appendingPathComponent("slow.sqlite"), store: sandbox.store.url,
                                         marks: .database(statePath))
        let bulkReport = try bulkIndex.refresh(batchSize: batchSize, bulk: true)
        let slowReport = try slowIndex.refresh(batchSize: batchSize, bulk: false)
        #expect(bulkReport == slowReport)
        #expect(bulkReport.added == fileCount)
        let first = try snapshot(bulkIndex)
        #expect(first["articles"]!.count > 50)
        // The search rows were written in a scratch file and copied in: it is gone, and the
        // copied full-text index is whole (FTS5 checks its segments against its own records).
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("bulk.sqlite-search").path))
        try bulkIndex.database.writer.write { db in try db.execute(sql: "INSERT INTO search (search) VALUES ('integrity-check')") }
        for (table, want) in try snapshot(slowIndex) {
            #expect(first[table]! == want, "\(table)")
        }
        // The whole store as the Library merges it (teaser texts aside: first seen, order-dependent).
        let library = Library(store: sandbox.store.url)
        library.scan()
        #expect(try Set(bulkIndex.articles().map(\.article).filter { $0.kind == .article })
                == Set(library.articles.filter { $0.kind == .article }))
        #expect(try bulkIndex.weather() == library.weather)

        // Later changes to a bulk-built index go through the batch-by-batch path: one page
        // rewritten (it was the best copy of a page stored twice), one removed, one added.
        try sandbox.store.write("Tech/p3-9.txt", TemporaryStore.page(
            date: "Monday, 10 November 2025", headline: "Story number 3", standfirst: "Rewritten.", teasers: [("Story number 55", "New teaser.")]))
        let files = try FileManager.default.subpathsOfDirectory(atPath: sandbox.store.url.path).filter { $0.hasSuffix(".txt") }.sorted()
        try sandbox.store.delete(files[5])
        try write(99)
        #expect(try bulkIndex.refresh(batchSize: batchSize) == slowIndex.refresh(batchSize: batchSize))
        let second = try snapshot(bulkIndex)
        try bulkIndex.database.writer.write { db in try db.execute(sql: "INSERT INTO search (search) VALUES ('integrity-check')") }
        for (table, want) in try snapshot(slowIndex) where table != "files" {
            #expect(second[table]! == want, "after changes: \(table)")
        }
        library.scan()
        #expect(try Set(bulkIndex.articles().map(\.article).filter { $0.kind == .article })
                == Set(library.articles.filter { $0.kind == .article }))
        let three = try #require(try bulkIndex.articles().first { $0.article.headline == "Story number 3" }?.article)
        #expect(three.summary == "Rewritten.")
        #expect(try bulkIndex.articles(ArticleFilter(search: "rewritten")).map(\.article.id) == [three.id])

        // A newer copy of a page the first build stored once (its text only in the article row)
        // takes over, then goes: the older copy speaks for the article again, with its own text.
        let key = try #require(try rows(bulkIndex, """
            SELECT article FROM contributions GROUP BY article
            HAVING count(*) = 1 AND max(headline IS NULL) ORDER BY article LIMIT 1
            """).first?.first.flatMap { Int64($0) })
        func twenty() throws -> Article? { try bulkIndex.articles().first { $0.article.id == ArticleID(indexKey: key) }?.article }
        let original = try #require(try twenty())
        try sandbox.store.write("zz-newer.txt", TemporaryStore.page(
            date: "Friday, 14 November 2025", headline: original.headline, standfirst: "Newer copy."))
        #expect(try bulkIndex.refresh(batchSize: batchSize) == slowIndex.refresh(batchSize: batchSize))
        #expect(try twenty()?.summary == "Newer copy.")
        #expect(try snapshot(bulkIndex)["contributions"]! == snapshot(slowIndex)["contributions"]!)
        #expect(try snapshot(bulkIndex)["teasers"]! == snapshot(slowIndex)["teasers"]!)
        try sandbox.store.delete("zz-newer.txt")
        #expect(try bulkIndex.refresh(batchSize: batchSize) == slowIndex.refresh(batchSize: batchSize))
        #expect(try twenty() == original)
        for (table, want) in try snapshot(slowIndex) where table != "files" {
            #expect(try snapshot(bulkIndex)[table]! == want, "after a newer copy came and went: \(table)")
        }
    }

    @Test func aBuildThatDiesIsDiscardedWhenOpenedAgain() throws {
        _ = try writeStore()
        let marker = IndexBuildLock.markerPath(forIndex: sandbox.indexPath)
        do {
            let (index, _) = try sandbox.open()
            #expect(throws: SimulatedCrash.self) { try index.refresh(batchSize: 4, bulk: true, failAfterBatches: 2) }
            #expect(FileManager.default.fileExists(atPath: marker))
            #expect(try index.counts().total > 0)  // two batches were committed: a half-built index
        }
        let (index, _) = try sandbox.open()
        #expect(index.discardedBecause?.contains("interrupted") == true)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try index.counts().total == 0)
        let report = try index.refresh(batchSize: 4)
        #expect(report.added == fileCount)
        #expect(!FileManager.default.fileExists(atPath: marker))

        let reference = try ArticleIndex(path: sandbox.root.appendingPathComponent("reference.sqlite"), store: sandbox.store.url,
                                         marks: .database(sandbox.statePath))
        _ = try reference.refresh(bulk: false)
        #expect(try index.articles() == reference.articles())
        #expect(try index.weather() == reference.weather())
    }

    @Test func aBuildThatFailsIsRedoneByTheNextRefreshOfTheSameIndex() throws {
        _ = try writeStore()
        let (index, _) = try sandbox.open()
        #expect(throws: SimulatedCrash.self) { try index.refresh(batchSize: 4, bulk: true, failAfterBatches: 3) }
        let report = try index.refresh(batchSize: 4)
        #expect(report.added == fileCount && report.unchanged == 0)
        let reference = try ArticleIndex(path: sandbox.root.appendingPathComponent("reference.sqlite"), store: sandbox.store.url,
                                         marks: .database(sandbox.statePath))
        _ = try reference.refresh(bulk: false)
        #expect(try index.articles() == reference.articles())
        #expect(try index.refresh().unchanged == fileCount)
    }

    @Test func aFirstBuildCancelledEarlyIsBuiltAgainInOneGoAndLateCarriesOn() throws {
        _ = try writeStore()
        _ = try ReadStateStore(path: sandbox.statePath)
        let reference = try ArticleIndex(path: sandbox.root.appendingPathComponent("reference.sqlite"), store: sandbox.store.url,
                                         marks: .database(sandbox.statePath))
        _ = try reference.refresh(bulk: false)

        // Cancelled after one batch of 4: what was parsed is committed, merged as far as it goes.
        let (index, _) = try sandbox.open()
        var checks = 0
        let first = try index.refresh(batchSize: 4, bulk: true, restartMinimum: 10, isCancelled: { checks += 1; return checks > 1 })
        #expect(first.cancelled && first.added == 4)
        #expect(try index.fileCount() == 4)
        #expect(try index.counts().total >= 4)
        // Far more left than done: emptied and built again in one go.
        let second = try index.refresh(batchSize: 4, bulk: true, restartMinimum: 10)
        #expect(second.added == fileCount && second.unchanged == 0)
        #expect(try index.articles() == reference.articles())
        #expect(try index.weather() == reference.weather())

        // Cancelled late (4 + 8 + 16 files done): the rest is added batch by batch.
        try ArticleIndex.discard(at: sandbox.indexPath)
        let (again, _) = try sandbox.open()
        checks = 0
        let late = try again.refresh(batchSize: 4, bulk: true, restartMinimum: 10, isCancelled: { checks += 1; return checks > 3 })
        #expect(late.cancelled && late.added == 28)
        let rest = try again.refresh(batchSize: 4, bulk: true, restartMinimum: 10)
        #expect(rest.added == fileCount - 28 && rest.unchanged == 28)
        #expect(try again.articles().map(\.article).filter { $0.kind == .article }
                == reference.articles().map(\.article).filter { $0.kind == .article })
        #expect(try again.weather() == reference.weather())
    }

    @Test func aLiveBuildIsNotMistakenForADeadOne() throws {
        _ = try writeStore()
        let (index, _) = try sandbox.open()
        try index.refresh()
        let total = try index.counts().total
        // Another process building: it holds the marker locked.
        let build = try IndexBuildLock.acquire(index: sandbox.indexPath)
        let (other, _) = try sandbox.open()
        #expect(other.discardedBecause == nil)
        #expect(try other.counts().total == total)
        build.release(finished: true)
        #expect(!FileManager.default.fileExists(atPath: IndexBuildLock.markerPath(forIndex: sandbox.indexPath)))
        #expect(try other.refresh().unchanged == fileCount)
    }
}
