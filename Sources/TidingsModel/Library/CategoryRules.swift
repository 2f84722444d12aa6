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

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    public init(_ table: [(category: String, keywords: [String])]) {
        rules = table.map { Rule(category: $0.category, keywords: $0.keywords) }
    }

    public func category(headline: String, summary: String?) -> String? {
        guard !rules.isEmpty else { return nil }
        let headWords = CategoryRules.words(in: headline)
        let summaryWords = summary.map(CategoryRules.words(in:)) ?? []
        let anyPhrases = rules.contains { !$0.phrases.isEmpty }
        let headJoined = anyPhrases ? " " + headWords.joined(separator: " ") + " " : ""
        let summaryJoined = anyPhrases ? " " + summaryWords.joined(separator: " ") + " " : ""
        var best: (category: String, score: Int)?
        for rule in rules {
            var score = 0
            for w in headWords where rule.words.contains(w) { score += 2 }
            for w in summaryWords where rule.words.contains(w) { score += 1 }
            for phrase in rule.phrases {
                if headJoined.contains(" \(phrase) ") { score += 2 }
                if summaryJoined.contains(" \(phrase) ") { score += 1 }
            }
            if score > 0 && score > (best?.score ?? 0) { best = (rule.category, score) }
        }
        return best?.category
    }

    /// Lowercased words: runs of letters and digits; everything else separates. ASCII is handled
    /// on bytes; a word with other letters is lowercased by Foundation.
    static func words(in text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var nonASCII = false
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            out.append(nonASCII ? word.lowercased() : word)
            current.removeAll(keepingCapacity: true)
            nonASCII = false
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                var b = UInt8(v)
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { current.append(b) } else { flush() }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark {
                current.append(contentsOf: String(scalar).utf8)
                nonASCII = true
            } else {
                flush()
            }
        }
        flush()
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
