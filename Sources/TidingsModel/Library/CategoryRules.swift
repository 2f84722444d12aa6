/// Keyword rules that give an article a category when neither the page nor the store folder does.
/// A category wins by the number of its keywords found (whole words, case-insensitive) in the
/// headline and summary; headline hits count double; ties go to the earlier rule.
public struct CategoryRules: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var category: String
        /// Lowercased single words; multi-word keywords are kept in `phrases`.
        public var words: Set<String>
        public var phrases: [String]
        public init(category: String, keywords: [String]) {
            self.category = category
            var words = Set<String>()
            var phrases: [String] = []
            for k in keywords {
                let parts = CategoryRules.words(in: k)
                guard !parts.isEmpty else { continue }
                // Count words, not `contains(" ")`: a space followed by a combining mark is one
                // Character, so "ai \u{745}" looked like one word and could never match (fuzzing).
                let normalised = parts.joined(separator: " ")
                if parts.count > 1 { phrases.append(normalised) } else { words.insert(normalised) }
            }
            self.words = words
            self.phrases = phrases
        }
    }

    public var rules: [Rule] {
        didSet { index = Self.makeMatcher(rules) }
    }
    private var index: Matcher

    public init(rules: [Rule]) {
        self.rules = rules
        index = Self.makeMatcher(rules)
    }

    public static func == (a: CategoryRules, b: CategoryRules) -> Bool { a.rules == b.rules }

    private static func makeMatcher(_ rules: [Rule]) -> Matcher {
        var m = Matcher()
        for (r, rule) in rules.enumerated() {
            for w in rule.words {
                let h = wordHashes(in: w)
                if h.count == 1 { m.words[h[0], default: []].append(r) }
            }
            for phrase in rule.phrases {
                let h = wordHashes(in: phrase)
                if let first = h.first { m.phrases[first, default: []].append((h, r)) }
            }
        }
        return m
    }

    public init(_ table: [(category: String, keywords: [String])]) {
        self.init(rules: table.map { Rule(category: $0.category, keywords: $0.keywords) })
    }

    public func category(headline: String, summary: String?) -> String? {
        guard !rules.isEmpty else { return nil }
        let index = matcher
        var scores = [Int](repeating: 0, count: rules.count)
        func score(_ text: String, weight: Int) {
            let hashes = CategoryRules.wordHashes(in: text)
            for (n, h) in hashes.enumerated() {
                if let hits = index.words[h] { for r in hits { scores[r] += weight } }
                if let candidates = index.phrases[h] {
                    for (words, r) in candidates where n + words.count <= hashes.count
                        && hashes[n..<(n + words.count)].elementsEqual(words) {
                        scores[r] += weight
                    }
                }
            }
        }
        score(headline, weight: 2)
        if let summary { score(summary, weight: 1) }
        var best: Int?
        for r in scores.indices where scores[r] > 0 && scores[r] > (best.map { scores[$0] } ?? 0) { best = r }
        return best.map { rules[$0].category }
    }

    /// Keyword lookup by word hash: word -> rules, first word of a phrase -> (phrase, rule).
    struct Matcher: Sendable {
        var words: [UInt64: [Int]] = [:]
        var phrases: [UInt64: [([UInt64], Int)]] = [:]
    }

    private var matcher: Matcher { index }

    /// Lowercased words as FNV-1a hashes: runs of letters and digits; everything else separates.
    /// ASCII is folded on bytes; a word with other letters is lowercased as a String first.
    static func wordHashes(in text: String) -> [UInt64] {
        var out: [UInt64] = []
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325, prime: UInt64 = 0x0000_0100_0000_01b3
        var hash = basis
        var length = 0
        var nonASCII: [UInt8] = []
        var hasNonASCII = false
        func flush() {
            if hasNonASCII {
                hash = basis
                for b in String(decoding: nonASCII, as: UTF8.self).lowercased().utf8 { hash ^= UInt64(b); hash &*= prime }
            }
            if length > 0 { out.append(hash) }
            hash = basis
            length = 0
            nonASCII.removeAll(keepingCapacity: true)
            hasNonASCII = false
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            var isWordScalar = false
            if v < 0x80 {
                var b = UInt8(v)
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                isWordScalar = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            } else {
                let p = scalar.properties
                isWordScalar = p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                if isWordScalar { hasNonASCII = true }
            }
            guard isWordScalar else { flush(); continue }
            for b in String(scalar).utf8 {
                let folded = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                hash ^= UInt64(folded)
                hash &*= prime
                nonASCII.append(b)
            }
            length += 1
        }
        flush()
        return out
    }

    /// Lowercased words as Strings (for building rules).
    static func words(in text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
