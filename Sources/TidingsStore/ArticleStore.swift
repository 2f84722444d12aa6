import Foundation
import TidingsModel

/// Everything the article index offers, on one screen. `ArticleIndex` is the one implementation
/// (Index/: each member's documentation is there); the compiler keeps this list and it in step.
/// The read marks have their own door: `ReadStateStore` (Marks/), and `MarkWrites` is the one
/// writer of their table.
public protocol ArticleStore: AnyObject, Sendable {
    // Opening (ArticleIndex.swift)
    var storeURL: URL { get }
    var categoryRules: CategoryRules { get }
    var path: URL? { get }
    var discardedBecause: String? { get }

    // Bringing it up to date with the store (IndexRefresh.swift; a first build: IndexBulkBuild.swift)
    @discardableResult
    func refresh(batchSize: Int, progress: ((IndexProgress) -> Void)?, isCancelled: () -> Bool) throws -> IndexRefreshReport
    func generation() throws -> Int

    // Lists and counts (IndexQueries.swift; the reader's cheaper forms: IndexReaderQueries.swift)
    func articles(_ filter: ArticleFilter, sort: ArticleSort, offset: Int, limit: Int) throws -> [IndexedArticle]
    func position(of id: ArticleID, in filter: ArticleFilter, sort: ArticleSort) throws -> Int?
    func fastPosition(of id: ArticleID, in filter: ArticleFilter, sort: ArticleSort) throws -> Int?
    func counts(_ filter: ArticleFilter) throws -> ArticleCounts
    func total(_ filter: ArticleFilter) throws -> Int
    func kindCounts() throws -> (pages: Int, teasers: Int)
    func fileCount() throws -> Int
    func categories() throws -> [CategoryCount]
    func categoryKeys() throws -> [String]
    func categorySizes() throws -> [(name: String, articles: Int)]

    // One article
    func article(id: ArticleID) throws -> IndexedArticle?
    func resolve(idPrefix: String) throws -> IndexedArticle
    func body(of article: Article) throws -> ArticleBody

    // Marks through the index (a whole view at once; one id at a time: ReadStateStore)
    @discardableResult
    func markAll(_ filter: ArticleFilter, read: Bool, at date: Date) throws -> [ArticleID]

    // The store as a whole
    func weather() throws -> [WeatherReading]
    func newestDate() throws -> CivilDate?
    func skipped() throws -> [SkippedFile]
}

extension ArticleIndex: ArticleStore {}
