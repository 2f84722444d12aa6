import Foundation
import Testing
import TestSupport
import TidingsModel
@testable import TidingsStore

/// `fastPosition` (rows counted before the article) must agree with `position` (the view
/// numbered by a window function) for every article, order and filter, ties and undated
/// articles included.
@Suite struct IndexFastPositionTests {
    @Test func agreesWithPositionEverywhere() throws {
        let sandbox = try IndexSandbox()
        let dates = ["Monday, 3 November 2025", "Tuesday, 4 November 2025", nil]
        let categories = ["Tech", "tech", "Food", "World"]
        for i in 0..<36 {
            // Same dates and same headline starts on purpose: the ties decide the order.
            let headline = ["Harbour", "Budget", "Robot"][i % 3] + " story \(i % 7) part \(i)"
            try sandbox.store.write("\(categories[i % 4])/p\(i).txt", TemporaryStore.page(
                date: dates[i % 3], headline: headline, standfirst: i % 2 == 0 ? "Robot news." : "Other news.",
                teasers: i % 5 == 0 ? [("Teaser robot \(i)", "Short.")] : []))
        }
        let (index, state) = try sandbox.open()
        try index.refresh()
        let all = try index.articles().map(\.article.id)
        try state.setRead(Array(all.prefix(10)), read: true)
        let filters = [ArticleFilter(), ArticleFilter(category: "tech"), ArticleFilter(unreadOnly: true),
                       ArticleFilter(unreadOnly: true, keep: [all[3]]), ArticleFilter(search: "robot"),
                       ArticleFilter(category: "food", unreadOnly: true, search: "news")]
        var checked = 0
        for filter in filters {
            for sort in ArticleSort.allCases {
                for id in all {
                    let slow = try index.position(of: id, in: filter, sort: sort)
                    #expect(try index.fastPosition(of: id, in: filter, sort: sort) == slow, "\(filter) \(sort) \(id)")
                    if slow != nil { checked += 1 }
                }
            }
        }
        #expect(checked > 300)
    }
}

/// A plain search reads its best rows from the full-text index first: pages of it must be the
/// same rows, in the same order, as the whole ranked list cut into pages.
@Suite struct IndexSearchPagingTests {
    @Test func pagesOfASearchAreSlicesOfTheWholeRanking() throws {
        let sandbox = try IndexSandbox()
        for i in 0..<60 {
            // Many equal scores (same words) and some better ones (the word in the headline).
            try sandbox.store.write("Port/p\(i).txt", TemporaryStore.page(
                date: "Monday, 3 November 2025", headline: i % 7 == 0 ? "Harbour story \(i)" : "Story \(i)",
                standfirst: "The harbour at dawn.", body: ["Boats in the harbour."]))
        }
        let (index, _) = try sandbox.open()
        try index.refresh()
        let filter = ArticleFilter(search: "harbour")
        let whole = try index.articles(filter, sort: .relevance, offset: 0, limit: 1000).map(\.article.id)
        #expect(whole.count == 60)
        #expect(try index.articles(filter, sort: .relevance, offset: 0, limit: 9).prefix(9).allSatisfy { $0.article.headline.hasPrefix("Harbour") })
        var paged: [ArticleID] = []
        for offset in stride(from: 0, to: 60, by: 7) {
            paged += try index.articles(filter, sort: .relevance, offset: offset, limit: 7).map(\.article.id)
        }
        #expect(paged == whole)
        // With a category the rows come from the joined query; it ranks the same way.
        let filtered = try index.articles(ArticleFilter(category: "Port", search: "harbour"), sort: .relevance).map(\.article.id)
        #expect(filtered == whole)
        for id in whole.prefix(12) {
            #expect(try index.position(of: id, in: filter, sort: .relevance) == whole.firstIndex(of: id))
        }
    }
}
