import TidingsModel

/// What filtering and sorting need, computed once per library load so that a key (a search
/// keystroke, `U`, `s`) is one pass over precomputed keys: no lower-casing, no sorting, no
/// width measuring per key. At 10,000 articles that pass takes well under a millisecond.
struct ViewIndex: Sendable {
    var indexByID: [ArticleID: Int] = [:]
    /// Lower-cased "headline\nsummary" of every article as UTF-8, one after another, each ended
    /// by a 0 byte (never in a search term, so no match runs across two articles).
    private(set) var searchText: [UInt8] = []
    /// Where each article's text starts in `searchText`, plus the end: `count + 1` entries.
    private(set) var searchStarts: [Int] = []
    /// Display width of each article's category (the list's category column).
    private(set) var categoryWidths: [Int] = []
    /// Article indices in each sort order; a view is one of these, filtered.
    private(set) var newestFirst: [Int] = []
    private(set) var oldestFirst: [Int] = []
    private(set) var byCategory: [Int] = []

    init() {}

    init(_ articles: [Article]) {
        indexByID.reserveCapacity(articles.count)
        searchStarts.reserveCapacity(articles.count + 1)
        categoryWidths.reserveCapacity(articles.count)
        var widthOf: [String: Int] = [:]
        for (i, a) in articles.enumerated() {
            indexByID[a.id] = i
            searchStarts.append(searchText.count)
            Self.appendLowered(a.headline, to: &searchText)
            searchText.append(0x0A)
            if let summary = a.summary { Self.appendLowered(summary, to: &searchText) }
            searchText.append(0)
            if let w = widthOf[a.category] { categoryWidths.append(w) } else {
                let w = TextWidth.of(a.category)
                widthOf[a.category] = w
                categoryWidths.append(w)
            }
        }
        searchStarts.append(searchText.count)
        sortOrders(articles)
    }

    /// `text.lowercased()` as UTF-8, folding ASCII bytes directly when that is all there is
    /// (most headlines): building the index is part of the first frame of a big store.
    static func appendLowered(_ text: String, to out: inout [UInt8]) {
        var text = text
        let done = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            for b in bytes { out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            return true
        }
        if !done { out.append(contentsOf: text.lowercased().utf8) }
    }

    func order(_ sort: SortOrder) -> [Int] {
        switch sort {
        case .newestFirst: return newestFirst
        case .oldestFirst: return oldestFirst
        case .byCategory: return byCategory
        }
    }

    /// Sorts on integer keys (comparing optional dates or strings in a closure is several times
    /// slower). Ties keep the library's order.
    private mutating func sortOrders(_ articles: [Article]) {
        func dayKey(_ d: CivilDate?) -> Int { d.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1 }
        let days = articles.map { dayKey($0.date) }
        let all = Array(articles.indices)
        // Undated articles (key -1) come last in both date orders: they are the least useful.
        newestFirst = all.sorted { days[$0] != days[$1] ? days[$0] > days[$1] : $0 < $1 }
        let oldKey = days.map { $0 < 0 ? Int.max : $0 }
        oldestFirst = all.sorted { oldKey[$0] != oldKey[$1] ? oldKey[$0] < oldKey[$1] : $0 < $1 }
        // Category names case-insensitively (exact spelling breaks ties), newest first inside one.
        let distinct = Array(Set(articles.map(\.category)))
        let folded: [String] = distinct.map { $0.lowercased() }
        let byName: [Int] = distinct.indices.sorted { (a: Int, b: Int) -> Bool in
            folded[a] != folded[b] ? folded[a] < folded[b] : distinct[a] < distinct[b]
        }
        var rankOf: [String: Int] = [:]
        for (r, n) in byName.enumerated() { rankOf[distinct[n]] = r }
        let rank = articles.map { rankOf[$0.category]! }
        byCategory = all.sorted {
            if rank[$0] != rank[$1] { return rank[$0] < rank[$1] }
            if days[$0] != days[$1] { return days[$0] > days[$1] }
            return $0 < $1
        }
    }

    /// Which articles' headline or summary contain `term` (already lower-cased), as flags by
    /// article index: one scan over all the text.
    func headlineMatches(_ term: String) -> [Bool] {
        let count = searchStarts.count - 1
        var hits = [Bool](repeating: false, count: max(0, count))
        let needle = Array(term.utf8)
        guard count > 0, !needle.isEmpty, !needle.contains(0) else { return hits }
        searchText.withUnsafeBufferPointer { text in
            var from = 0
            var article = 0
            while let at = ByteSearch.find(needle, in: text, from: from) {
                // The article holding the match: starts only grow, so walk forward.
                while searchStarts[article + 1] <= at { article += 1 }
                hits[article] = true
                from = searchStarts[article + 1]
            }
        }
        return hits
    }
}

/// Substring search on UTF-8 bytes: lower-cased text matches a lower-cased term byte for byte.
enum ByteSearch {
    static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = text.count, m = needle.count
        guard m > 0, n - m >= start else { return nil }
        let first = needle[0]
        var i = start
        let last = n - m
        while i <= last {
            if text[i] == first {
                var j = 1
                while j < m && text[i + j] == needle[j] { j += 1 }
                if j == m { return i }
            }
            i += 1
        }
        return nil
    }

    static func contains(_ needle: [UInt8], in text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { find(needle, in: $0, from: 0) != nil }
    }
}
