import Foundation
import GRDB
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

/// Best match: a search word in the headline first, then in the summary, then only in the body,
/// each tier by bm25; a plain search is counted and ranked from the full-text index alone and
/// must agree with the joined query that filters use.
@Suite struct IndexSearchRankingTests {
    @Test func headlineHitsComeFirstThenSummaryThenBody() throws {
        let sandbox = try IndexSandbox()
        let pages: [(String, String, String, [String])] = [
            ("a", "Harbour plans approved for a long list of new projects across the whole region this year",
             "Other news.", ["Nothing to see."]),
            ("b", "Weekend notes", "Harbour harbour harbour.", ["Harbour harbour."]),
            ("c", "Weekend diary", "Quiet days.", ["Harbour harbour harbour harbour harbour."]),
            ("d", "Short item", "Fine weather.", ["A long walk along the coast ended, late in the day, at the harbour."]),
            ("e", "Harbour plans for spring", "More.", ["Text."]),
            ("f", "Harbour report", "New plans.", ["Text."]),
            ("g", "Nothing related", "At all.", ["Really nothing."]),
        ]
        for (name, headline, standfirst, body) in pages {
            try sandbox.store.write("Port/\(name).txt", TemporaryStore.page(headline: headline, standfirst: standfirst, body: body))
        }
        let (index, _) = try sandbox.open()
        try index.refresh()
        func headlines(_ filter: ArticleFilter) throws -> [String] {
            try index.articles(filter, sort: .relevance).map(\.article.headline)
        }
        // bm25 alone puts b (three summary hits) above a (one hit in a long headline).
        let harbour = try headlines(ArticleFilter(search: "harbour"))
        #expect(Set(harbour.prefix(3)) == ["Harbour plans approved for a long list of new projects across the whole region this year",
                                          "Harbour plans for spring", "Harbour report"])
        #expect(Array(harbour.dropFirst(3)) == ["Weekend notes", "Weekend diary", "Short item"])
        // Two words: both in the headline beats one in the headline and one in the summary.
        #expect(try headlines(ArticleFilter(search: "harbour plans")).prefix(2) == ["Harbour plans for spring",
            "Harbour plans approved for a long list of new projects across the whole region this year"])
        #expect(try headlines(ArticleFilter(search: "harbour plans")).last == "Harbour report")
        // The joined query (any filter beside the search) ranks the same way.
        for search in ["harbour", "harbour plans", "plans", "harb"] {
            let plain = try headlines(ArticleFilter(search: search))
            #expect(try headlines(ArticleFilter(unreadOnly: true, search: search)) == plain, "\(search)")
            #expect(try index.total(ArticleFilter(search: search)) == plain.count)
            #expect(try index.counts(ArticleFilter(search: search)).total == plain.count)
        }
    }

    @Test func replacedAndRemovedArticlesAreNotCountedOrListed() throws {
        let sandbox = try IndexSandbox()
        for i in 0..<12 {
            try sandbox.store.write("Port/p\(i).txt", TemporaryStore.page(
                headline: i % 3 == 0 ? "Harbour story \(i)" : "Story \(i)", standfirst: "News \(i).",
                body: ["Boats in the harbour, day \(i)."]))
        }
        let (index, _) = try sandbox.open()
        try index.refresh()
        let search = ArticleFilter(search: "harbour")
        #expect(try index.total(search) == 12)
        // A page rewritten (its search row replaced), one removed, one that no longer matches.
        try sandbox.store.write("Port/p1.txt", TemporaryStore.page(headline: "Story 1", standfirst: "News 1, revised.",
                                                                    body: ["Boats in the harbour, a later edition."]))
        try sandbox.store.delete("Port/p2.txt")
        try sandbox.store.write("Port/p3.txt", TemporaryStore.page(headline: "Harbour story 3", standfirst: "Now about trains.",
                                                                    body: ["Trains only."]))
        try sandbox.store.write("Port/p4.txt", TemporaryStore.page(headline: "Story 4", standfirst: "News 4.",
                                                                    body: ["Trains only, no boats."]))
        try index.refresh()
        let dead = try index.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_dead") ?? 0 }
        #expect(dead >= 3)
        let listed = try index.articles(search, sort: .relevance)
        #expect(listed.count == 10)  // 12, less p2 (gone) and p4 (no longer about the harbour)
        #expect(Set(listed.map(\.article.headline)).count == 10)
        #expect(!listed.contains { $0.article.headline == "Story 2" || $0.article.headline == "Story 4" })
        #expect(try index.total(search) == 10)
        #expect(try index.counts(search).total == 10)
        // Pages of the ranking, across the tier boundary, are slices of the whole.
        var paged: [ArticleID] = []
        for offset in stride(from: 0, to: 12, by: 3) {
            paged += try index.articles(search, sort: .relevance, offset: offset, limit: 3).map(\.article.id)
        }
        #expect(paged == listed.map(\.article.id))
        #expect(try index.articles(ArticleFilter(unreadOnly: true, search: "harbour"), sort: .relevance).map(\.article.id)
                == listed.map(\.article.id))
    }
}

/// A search nobody waits for any more is stopped (the reader cancels it when a key supersedes it).
@Suite struct QueryCancellationTests {
    @Test func aCancelledReadFailsAndLaterReadsWork() throws {
        let sandbox = try IndexSandbox()
        for i in 0..<5 {
            try sandbox.store.write("Port/p\(i).txt", TemporaryStore.page(headline: "Harbour story \(i)"))
        }
        let (index, _) = try sandbox.open()
        try index.refresh()
        let search = ArticleFilter(search: "harbour")
        let live = QueryCancellation()
        #expect(try QueryCancellation.$current.withValue(live) { try index.articles(search, sort: .relevance).count } == 5)
        let stopped = QueryCancellation()
        stopped.cancel()
        #expect(throws: ArticleIndexError.self) {
            try QueryCancellation.$current.withValue(stopped) { try index.articles(search, sort: .relevance) }
        }
        #expect(throws: ArticleIndexError.self) {
            try QueryCancellation.$current.withValue(stopped) { try index.total(search) }
        }
        // A query already running is stopped by the progress handler (this one would count
        // ten million rows).
        let endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000) SELECT count(*) FROM n"
        #expect(throws: DatabaseError.self) {
            try index.database.writer.read { db in try stopped.whileRunning(on: db) { try Int.fetchOne(db, sql: endless) } }
        }
        // The connection is not left interrupted.
        #expect(try index.articles(search, sort: .relevance).count == 5)
        #expect(try index.total(search) == 5)
    }
}

/// A body that repeats the summary word for word (a feed item with only a description) is not
/// indexed twice; a body with words of its own is.
@Suite struct SearchRowTests {
    @Test func aBodyThatRepeatsTheSummaryIsLeftOutOfTheSearchRow() throws {
        #expect(SearchText.sameWords("Boats came in.\nThe tide turned.", "Boats came in. The tide turned."))
        #expect(!SearchText.sameWords("Boats came in.", "Boats came on."))
        #expect(!SearchText.sameWords("Boats came in.", "Boats came in. More."))
        #expect(SearchText.bodyColumn("a\nb", summary: "a b") == "")
        #expect(SearchText.bodyColumn("a b", summary: nil) == "a b")
        #expect(SearchText.bodyColumn("a b c", summary: "a b") == "a b c")

        let sandbox = try IndexSandbox()
        try sandbox.store.write("Port/same.txt", TemporaryStore.page(headline: "Tide report", standfirst: "Boats came in.",
                                                                      body: ["Boats came in."]))
        try sandbox.store.write("Port/own.txt", TemporaryStore.page(headline: "Harbour report", standfirst: "Gulls came in.",
                                                                     body: ["Gulls came in.", "Ferries left."]))
        let (index, _) = try sandbox.open()
        try index.refresh()
        func hits(_ match: String) throws -> Int {
            try index.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM search WHERE search MATCH ?", arguments: [match]) ?? 0
            }
        }
        #expect(try hits("summary : boats") == 1)
        #expect(try hits("body : boats") == 0)
        #expect(try hits("body : gulls") == 1)
        #expect(try index.articles(ArticleFilter(search: "boats"), sort: .relevance).map(\.article.headline) == ["Tide report"])
        #expect(try index.articles(ArticleFilter(search: "ferries"), sort: .relevance).map(\.article.headline) == ["Harbour report"])
        // A later refresh (batch by batch, not the first build) writes its rows the same way.
        try sandbox.store.write("Port/later.txt", TemporaryStore.page(headline: "Crab report", standfirst: "Crabs came in.",
                                                                       body: ["Crabs came in."]))
        try index.refresh()
        #expect(try hits("summary : crabs") == 1)
        #expect(try hits("body : crabs") == 0)
    }
}
