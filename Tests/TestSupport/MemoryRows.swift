import TidingsModel
import TidingsUI

/// A `RowSource` over articles held in memory, with the same ordering and filtering rules as the
/// on-disk index: for tests of the reducer and screens, and for anything small enough to hold.
/// Search is case-insensitive: every word must start a word of the headline, summary or a body
/// given in `bodies`; best match ranks headline hits over summary hits over body-only ones.
public final class MemoryRows: RowSource {
    public private(set) var articles: [Article]
    public private(set) var readIDs: Set<ArticleID>
    public var bodies: [ArticleID: ArticleBody]

    public init(articles: [Article], readIDs: Set<ArticleID> = [], bodies: [ArticleID: ArticleBody] = [:]) {
        self.articles = articles
        self.readIDs = readIDs
        self.bodies = bodies
    }

    public func replace(articles: [Article]) { self.articles = articles }

    public func setRead(_ ids: [ArticleID], read: Bool) {
        if read { readIDs.formUnion(ids) } else { readIDs.subtract(ids) }
    }

    func matching(_ query: ViewQuery) -> [Article] {
        let words = query.filter.search.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var scored: [(article: Article, score: Int, at: Int)] = []
        for (at, a) in articles.enumerated() {
            if let c = query.filter.category, a.category.lowercased() != c.lowercased() { continue }
            if query.filter.unreadOnly && readIDs.contains(a.id) && !query.keep.contains(a.id) { continue }
            var score = 0
            if !words.isEmpty {
                let fields = [a.headline, a.summary ?? "", bodies[a.id].map { $0.blocks.map(\.text).joined(separator: " ") } ?? ""]
                    .map { $0.lowercased() }
                guard words.allSatisfy({ w in fields.contains { Self.startsAWord(w, in: $0) } }) else { continue }
                // As in the index: a word in the headline puts the article in the first tier, one
                // in the summary in the second, the body alone in the third; inside a tier, how
                // many words and where stand in for bm25.
                let tier = fields.prefix(2).firstIndex { f in words.contains { Self.startsAWord($0, in: f) } } ?? 2
                score = (2 - tier) * 1_000
                for w in words {
                    for (weight, field) in zip([100, 10, 1], fields) where Self.startsAWord(w, in: field) { score += weight }
                }
            }
            scored.append((a, score, at))
        }
        func day(_ a: Article) -> Int { a.date.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1 }
        func newest(_ x: Article, _ y: Article) -> Bool {
            day(x) != day(y) ? day(x) > day(y) : (x.headline != y.headline ? x.headline < y.headline : x.id.rawValue < y.id.rawValue)
        }
        let sorted: [Article]
        switch query.sort {
        case .newestFirst: sorted = scored.map(\.article).sorted(by: newest)
        case .oldestFirst: sorted = scored.map(\.article).sorted(by: newest).reversed()
        case .byCategory:
            sorted = scored.map(\.article).sorted {
                $0.category.lowercased() != $1.category.lowercased() ? $0.category.lowercased() < $1.category.lowercased()
                    : $0.category != $1.category ? $0.category < $1.category : newest($0, $1)
            }
        case .bestMatch:
            sorted = scored.sorted { $0.score != $1.score ? $0.score > $1.score : newest($0.article, $1.article) }.map(\.article)
        }
        return sorted
    }

    /// `word` starts a word of `text` (a one-character word must be the whole word, as in the index).
    static func startsAWord(_ word: String, in text: String) -> Bool {
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let starts = r.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: r.lowerBound)])
            let ends = word.count > 1 || r.upperBound == text.endIndex || !isWordCharacter(text[r.upperBound])
            if starts && ends { return true }
            from = text.index(after: r.lowerBound)
        }
        return false
    }

    func row(_ a: Article) -> ListRow { ListRow(article: a, isRead: readIDs.contains(a.id)) }

    public func view(_ query: ViewQuery, keeping: ArticleID?, near: Int, limit: Int) -> (view: ListView, selected: Int) {
        let all = matching(query)
        let selected = keeping.flatMap { id in all.firstIndex { $0.id == id } } ?? min(max(0, near), max(0, all.count - 1))
        let start = max(0, min(selected - limit / 3, all.count - limit))
        let window = all[start..<min(all.count, start + limit)].map(row)
        let widths = Set(all.map(\.category)).map { TextWidth.of($0) }
        let view = ListView(query: query, total: all.count, unread: all.filter { !readIDs.contains($0.id) }.count,
                            offset: start, rows: window, storeIsEmpty: articles.isEmpty,
                            categoryColumnWidth: widths.max() ?? 0)
        return (view, selected)
    }

    public func counts(_ query: ViewQuery) -> (unread: Int, categoryColumnWidth: Int) {
        let (view, _) = view(query, keeping: nil, near: 0, limit: 0)
        return (view.unread, view.categoryColumnWidth)
    }

    public func rows(_ query: ViewQuery, offset: Int, limit: Int) -> [ListRow] {
        let all = matching(query)
        let start = min(max(0, offset), all.count)
        return all[start..<min(all.count, start + max(0, limit))].map(row)
    }

    public func unreadPosition(_ query: ViewQuery, from position: Int, forward: Bool) -> Int? {
        let all = matching(query)
        let range = forward ? Array(stride(from: position + 1, to: all.count, by: 1))
                            : Array(stride(from: min(position, all.count) - 1, through: 0, by: -1))
        return range.first { !readIDs.contains(all[$0].id) }
    }

    public func markAll(_ query: ViewQuery) -> [ArticleID] {
        let changed = matching(query).map(\.id).filter { !readIDs.contains($0) }
        readIDs.formUnion(changed)
        return changed
    }

    public func categories(counted: Bool) -> [PickerEntry] {
        var unread: [String: Int] = [:]
        var total: [String: Int] = [:]
        for a in articles {
            total[a.category, default: 0] += 1
            if !readIDs.contains(a.id) { unread[a.category, default: 0] += 1 }
        }
        let names = total.keys.sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }
        return [PickerEntry(category: nil, unread: unread.values.reduce(0, +), total: articles.count)]
            + names.map { PickerEntry(category: $0, unread: unread[$0, default: 0], total: total[$0, default: 0]) }
    }
}
