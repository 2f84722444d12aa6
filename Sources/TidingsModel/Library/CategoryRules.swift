import Foundation
import TOMLKit

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
                let normalised = CategoryRules.words(in: k).joined(separator: " ")
                guard !normalised.isEmpty else { continue }
                if normalised.contains(" ") { phrases.append(normalised) } else { words.insert(normalised) }
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

    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case syntax(path: String, line: Int?, column: Int?, message: String)
        case format(path: String, message: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "\(path): cannot read category rules: \(reason)"
            case .syntax(let path, let line, let column, let message):
                let at = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
                return "\(path)\(at): invalid TOML: \(message)"
            case .format(let path, let message):
                return "\(path): \(message)"
            }
        }
    }

    /// Reads rules from TOML; they replace the built-ins:
    ///
    ///     [categories]
    ///     Tech = ["ai", "apple", "smartphone"]
    ///     Food = ["recipe", "restaurant", "street food"]
    ///
    /// Rules are tried in alphabetical order of category on a tie (TOML tables have no order).
    public static func load(contentsOf url: URL) throws -> CategoryRules {
        let path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LoadError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(toml: text, path: path)
    }

    public static func parse(toml text: String, path: String = "categories.toml") throws -> CategoryRules {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw LoadError.syntax(path: path, line: error.source.begin.line, column: error.source.begin.column,
                                   message: error.description)
        } catch {
            throw LoadError.syntax(path: path, line: nil, column: nil, message: "\(error)")
        }
        guard let categories = table["categories"]?.table else {
            throw LoadError.format(path: path, message: "missing [categories] table (e.g. Tech = [\"ai\", \"apple\"])")
        }
        var rules: [Rule] = []
        for key in categories.keys.sorted() {
            let name = TextSanitizer.clean(key).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw LoadError.format(path: path, message: "category names must not be empty")
            }
            guard let array = categories[key]?.array else {
                throw LoadError.format(path: path, message: "category \"\(name)\" must be an array of strings")
            }
            var keywords: [String] = []
            for value in array {
                guard let word = value.string else {
                    throw LoadError.format(path: path, message: "category \"\(name)\": every keyword must be a string")
                }
                keywords.append(word)
            }
            rules.append(Rule(category: name, keywords: keywords))
        }
        return CategoryRules(rules: rules)
    }

    /// Where the user's rules live: `$XDG_CONFIG_HOME/tidings/categories.toml`, else
    /// `~/.config/tidings/categories.toml`.
    public static func userFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let config: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            config = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        return config.appendingPathComponent("tidings/categories.toml")
    }

    /// The user's rules if the file exists (errors in it are thrown, not ignored), else the built-ins.
    public static func userOrBuiltIn(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CategoryRules {
        let url = userFileURL(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else { return .builtIn }
        return try load(contentsOf: url)
    }

    /// Used when the user has no rules file.
    public static let builtIn = CategoryRules([
        ("Tech", ["ai", "apple", "google", "microsoft", "meta", "amazon", "software", "app", "apps", "smartphone",
                  "iphone", "android", "pixel", "laptop", "pc", "chip", "chips", "nvidia", "amd", "intel", "gaming",
                  "cyber", "cybersecurity", "cloud", "data", "startup", "robot", "robotics", "5g", "wifi",
                  "internet", "browser", "youtube", "openai", "chatbot", "keyboard", "semiconductor", "tech"]),
        ("Business", ["business", "market", "markets", "shares", "stock", "stocks", "profit", "revenue", "earnings",
                      "investors", "investment", "investments", "bank", "banks", "economy", "economic", "inflation",
                      "jobs", "layoffs", "retail", "brands", "marketing", "trade", "tariff", "tariffs", "ipo",
                      "merger", "acquisition", "ceo", "growth"]),
        ("Science", ["science", "scientists", "research", "researchers", "study", "space", "nasa", "planet",
                     "telescope", "physics", "chemistry", "biology", "fossil", "species", "climate", "genome",
                     "quantum", "asteroid", "moon", "mars", "ocean", "volcano", "dinosaur"]),
        ("Health", ["health", "hospital", "hospitals", "doctor", "doctors", "disease", "virus", "vaccine",
                    "vaccines", "cancer", "covid", "dengue", "medical", "medicine", "patients", "diet", "fitness",
                    "mental", "nutrition", "outbreak"]),
        ("Sport", ["sport", "sports", "football", "soccer", "cricket", "tennis", "badminton", "golf", "olympic",
                   "olympics", "league", "match", "cup", "championship", "athlete", "athletes", "marathon",
                   "formula", "f1", "nba", "fifa", "goal", "coach", "tournament"]),
        ("Politics", ["election", "elections", "minister", "parliament", "government", "president", "policy",
                      "vote", "votes", "voters", "party", "senate", "congress", "law", "bill", "court", "mp"]),
        ("World", ["war", "un", "united nations", "refugees", "diplomat", "diplomatic", "embassy", "summit",
                   "border", "ceasefire", "asean", "global", "international", "earthquake", "flood", "floods",
                   "typhoon"]),
        ("Entertainment", ["film", "films", "movie", "movies", "music", "album", "concert", "celebrity", "tv",
                           "series", "netflix", "actor", "actress", "singer", "festival", "k-pop", "anime",
                           "box office", "streaming"]),
        ("Travel", ["travel", "tourism", "tourists", "airline", "airlines", "flight", "flights", "airport",
                    "hotel", "hotels", "visa"]),
        ("Food", ["food", "restaurant", "restaurants", "recipe", "hawker", "chef", "cuisine", "coffee"]),
    ])
}
