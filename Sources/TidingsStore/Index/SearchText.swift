import Foundation

/// How text goes into the full-text index and how a user's search becomes an FTS5 query.
///
/// SQLite's `unicode61` tokenizer splits on anything that is not a letter or digit, folds case
/// and (with `remove_diacritics 2`) accents. Scripts written without spaces (Chinese, Japanese,
/// Thai...) would become one token per sentence, so a search for a word inside it would find
/// nothing. Both the indexed text and the query therefore put spaces around every character of
/// those scripts, and a search word becomes a phrase: `新加坡` is the phrase `新 加 坡`, which
/// matches wherever those characters stand together, as a substring search would.
public enum SearchText {
    /// The text to give FTS5 for `text`. ASCII-only and Latin text (no byte of a 3- or 4-byte
    /// UTF-8 sequence) is returned as it is, without a copy.
    static func indexable(_ text: String) -> String {
        var text = text
        let needsWork = text.withUTF8 { bytes in bytes.contains { $0 >= 0xE0 } }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        var lastWasSpaced = false
        for scalar in text.unicodeScalars {
            if isUnspacedScript(scalar) {
                out.append(" ")
                out.append(scalar)
                lastWasSpaced = true
            } else {
                if lastWasSpaced { out.append(" ") }
                out.append(scalar)
                lastWasSpaced = false
            }
        }
        return String(out)
    }

    /// Characters of scripts that do not separate words with spaces: each is its own token.
    static func isUnspacedScript(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F,  // Myanmar
             0x1780...0x17FF,  // Khmer
             0x3040...0x30FF,  // Hiragana, Katakana
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xAC00...0xD7AF,  // Hangul syllables
             0x20000...0x3134F:  // CJK extensions B-G
            return true
        default:
            return false
        }
    }

    /// The body column of an article's search row (texts already `indexable`). A body that says
    /// only what the summary says (a feed item with a description and nothing else: the summary
    /// is the description's text, the body its paragraphs) is left out: the same words are
    /// found, in the same best-match tier, for half the full-text work and size.
    static func bodyColumn(_ body: String, summary: String?) -> String {
        guard let summary, sameWords(summary, body) else { return body }
        return ""
    }

    /// Equal but for which white space separates the words (paragraphs joined by line breaks,
    /// the summary by spaces): the tokenizer reads both the same.
    static func sameWords(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for i in 0..<x.count where x[i] != y[i] {
                    let spaces: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A }
                    if !(spaces(x[i]) && spaces(y[i])) { return false }
                }
                return true
            }
        }
    }

    /// The words of a search: split on white space; words with no letter or digit are dropped.
    public static func words(_ search: String) -> [String] {
        search.split(whereSeparator: { $0.isWhitespace }).map(String.init).filter { word in
            word.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
    }

    /// The FTS5 MATCH expression for a search, or nil when the search has no words.
    /// Every word must match (AND); each word is a phrase whose last token may be a prefix,
    /// so `pix` finds `Pixel` and `e-mail` finds `e-mail` and `e mail`. A word of one character
    /// must be a whole word: as a prefix it would match most of the store, and the reader
    /// searches from the first key typed.
    static func matchExpression(_ search: String) -> String? {
        phrases(search)?.joined(separator: " AND ")
    }

    private static func phrases(_ search: String) -> [String]? {
        let words = words(search)
        guard !words.isEmpty else { return nil }
        return words.map { word in
            let escaped = indexable(word).replacingOccurrences(of: "\"", with: "\"\"")
            return word.count == 1 ? "\"\(escaped)\"" : "\"\(escaped)\" *"
        }
    }

    /// The search as three disjoint MATCH expressions, best first: a word of it in the
    /// headline; in the summary; only in the body. Best match lists them in that order, each
    /// by bm25 (which still counts every word in every column, so two words in the headline
    /// beat one), and a word found in a third of the store has its first screenful ranked
    /// from its headline hits alone.
    static func tierExpressions(_ search: String) -> [String]? {
        guard let phrases = phrases(search) else { return nil }
        let all = "(" + phrases.joined(separator: " AND ") + ")", any = "(" + phrases.joined(separator: " OR ") + ")"
        return ["\(all) AND headline : \(any)",
                "\(all) AND summary : \(any) NOT headline : \(any)",
                "\(all) NOT {headline summary} : \(any)"]
    }

    // MARK: - Highlighting

    /// Ranges of `text` that a search matched, for highlighting: each word of the search as a
    /// case- and accent-insensitive substring that starts a word (for scripts without spaces,
    /// anywhere). Sorted, not overlapping.
    public static func matchRanges(of search: String, in text: String) -> [Range<String.Index>] {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        var found: [Range<String.Index>] = []
        for word in words(search) {
            let needle = word.trimmingCharacters(in: .punctuationCharacters)
            guard !needle.isEmpty else { continue }
            let anywhere = needle.unicodeScalars.first.map(isUnspacedScript) ?? false
            var from = text.startIndex
            while from < text.endIndex, let r = text.range(of: needle, options: options, range: from..<text.endIndex) {
                let startsWord = r.lowerBound == text.startIndex
                    || !text[text.index(before: r.lowerBound)].isLetterOrDigit
                if anywhere || startsWord { found.append(r) }
                from = r.upperBound
            }
        }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for r in found {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// A short excerpt of `text` around the first match, with `…` where it was cut, and the
    /// matched ranges inside the excerpt. nil when nothing matches.
    public static func snippet(of search: String, in text: String, width: Int = 80)
        -> (text: String, matches: [Range<String.Index>])? {
        guard let first = matchRanges(of: search, in: text).first else { return nil }
        let lead = max(0, width / 3)
        var start = first.lowerBound
        var n = 0
        while start > text.startIndex && n < lead {
            start = text.index(before: start)
            n += 1
        }
        var end = start
        n = 0
        while end < text.endIndex && n < width {
            end = text.index(after: end)
            n += 1
        }
        let excerpt = (start > text.startIndex ? "…" : "") + text[start..<end] + (end < text.endIndex ? "…" : "")
        return (excerpt, matchRanges(of: search, in: excerpt))
    }
}

extension Character {
    fileprivate var isLetterOrDigit: Bool { isLetter || isNumber }
}
