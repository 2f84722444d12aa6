import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

/// The reader's rows straight from the on-disk index: each call is one or two SQL statements on
/// indexed columns, so the list costs what it shows, whatever the size of the store. Used from
/// the main loop and the reader's worker threads (`ReaderWorker`).
final class IndexRows: RowSource, @unchecked Sendable {
    let index: ArticleIndex
    /// Widest category name, kept until the index changes (the list's category column).
    private var categoryWidth: (generation: Int, width: Int)?
    private let lock = NSLock()

    init(index: ArticleIndex) { self.index = index }

    static func filter(_ query: ViewQuery) -> ArticleFilter {
        ArticleFilter(category: query.filter.category, unreadOnly: query.filter.unreadOnly,
                      search: query.filter.search.isEmpty ? nil : query.filter.search, keep: query.keep,
                      starredOnly: query.filter.starredOnly)
    }

    static func sort(_ order: TidingsUI.SortOrder) -> ArticleSort {
        switch order {
        case .newestFirst: return .newest
        case .oldestFirst: return .oldest
        case .byCategory: return .category
        case .bestMatch: return .relevance
        }
    }

    /// The view's rows and size. The unread count needs every article's mark: unless the view
    /// is unread-only (whose size needs them anyway) it is left to `counts(_:)`, which the
    /// reader runs after painting, so the first frame of a big store does not wait for it.
    func view(_ query: ViewQuery, keeping: ArticleID?, near: Int, limit: Int) throws -> (view: ListView, selected: Int) {
        let filter = Self.filter(query), sort = Self.sort(query.sort)
        let counted = filter.unreadOnly ? try index.counts(filter) : nil
        let total = try counted?.total ?? index.total(filter)
        var selected = min(max(0, near), max(0, total - 1))
        if let keeping, let at = try index.fastPosition(of: keeping, in: filter, sort: sort) { selected = at }
        let offset = max(0, min(selected - limit / 3, total - limit))
        let rows = try fetch(filter, sort, offset: offset, limit: limit)
        // Only an empty view needs to know whether the whole store is empty.
        let storeIsEmpty = try total == 0 && (filter == ArticleFilter() || index.total(ArticleFilter()) == 0)
        let known = knownCategoryWidth()
        let width = known ?? rows.map { TextWidth.of($0.article.category) }.max() ?? 0
        let view = ListView(query: query, total: total, unread: counted?.unread ?? 0, offset: offset, rows: rows,
                            storeIsEmpty: storeIsEmpty, categoryColumnWidth: width,
                            isCounted: counted != nil && known != nil)
        return (view, selected)
    }

    func counts(_ query: ViewQuery) throws -> (unread: Int, categoryColumnWidth: Int) {
        (try index.counts(Self.filter(query)).unread, try widestCategory())
    }

    func rows(_ query: ViewQuery, offset: Int, limit: Int) throws -> [ListRow] {
        try fetch(Self.filter(query), Self.sort(query.sort), offset: offset, limit: limit)
    }

    private func fetch(_ filter: ArticleFilter, _ sort: ArticleSort, offset: Int, limit: Int) throws -> [ListRow] {
        let starred = starredIDs?() ?? []
        return try index.articles(filter, sort: sort, offset: offset, limit: limit).map {
            ListRow(article: $0.article, isRead: $0.isRead, isStarred: starred.contains($0.article.id))
        }
    }

    /// The starred ids (a small table, read for each window of rows).
    var starredIDs: (@Sendable () -> Set<ArticleID>)?

    /// Reads on in pages from `position` until an unread row turns up.
    func unreadPosition(_ query: ViewQuery, from position: Int, forward: Bool) throws -> Int? {
        let filter = Self.filter(query), sort = Self.sort(query.sort)
        let page = 500
        if forward {
            var at = position + 1
            while true {
                let rows = try index.articles(filter, sort: sort, offset: at, limit: page)
                if let i = rows.firstIndex(where: { !$0.isRead }) { return at + i }
                if rows.count < page { return nil }
                at += page
            }
        } else {
            var end = position
            while end > 0 {
                let start = max(0, end - page)
                let rows = try index.articles(filter, sort: sort, offset: start, limit: end - start)
                if let i = rows.lastIndex(where: { !$0.isRead }) { return start + i }
                end = start
            }
            return nil
        }
    }

    /// Told after a mark-all (its time and view), for the sync outbox's note of it.
    var afterMarkAll: (@Sendable (Date, ViewQuery) -> Void)?

    func markAll(_ query: ViewQuery) throws -> [ArticleID] {
        let now = Date()
        let changed = try index.markAll(Self.filter(query), read: true, at: now)
        if !changed.isEmpty { afterMarkAll?(now, query) }
        return changed
    }

    /// Sizes alone come from one narrow index (10 ms at 100,000 articles); unread counts
    /// read every article's mark (35-110 ms), so the picker opens without them.
    func categories(counted: Bool) throws -> [PickerEntry] {
        let entries = try counted
            ? index.categories().map { PickerEntry(category: $0.name, unread: $0.unread, total: $0.articles) }
            : index.categorySizes().map { PickerEntry(category: $0.name, unread: nil, total: $0.articles) }
        let all = PickerEntry(category: nil, unread: counted ? entries.reduce(0) { $0 + ($1.unread ?? 0) } : nil,
                              total: entries.reduce(0) { $0 + $1.total })
        // "Starred" after All, when anything is starred.
        var starred: [PickerEntry] = []
        if starredIDs != nil {
            let filter = ArticleFilter(starredOnly: true)
            let total = try index.total(filter)
            if total > 0 {
                starred = [PickerEntry(category: nil, unread: counted ? try index.counts(filter).unread : nil, total: total, starred: true)]
            }
        }
        return [all] + starred + entries.sorted {
            let (a, b) = ($0.category ?? "", $1.category ?? "")
            return a.lowercased() == b.lowercased() ? a < b : a.lowercased() < b.lowercased()
        }
    }

    /// The widest category of the index as it is now, if already measured.
    private func knownCategoryWidth() -> Int? {
        guard let generation = try? index.generation(), let known = lock.withLock({ categoryWidth }),
              known.generation == generation else { return nil }
        return known.width
    }

    private func widestCategory() throws -> Int {
        let generation = try index.generation()
        if let known = lock.withLock({ categoryWidth }), known.generation == generation { return known.width }
        let width = try index.categoryKeys().map { TextWidth.of($0) }.max() ?? 0
        lock.withLock { categoryWidth = (generation, width) }
        return width
    }
}
