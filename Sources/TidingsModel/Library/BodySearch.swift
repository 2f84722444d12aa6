/// Full-text search over article bodies, which stay on disk: each stored file is read again,
/// and only the one being looked at is in memory.
extension Library {
    /// The articles whose body text (as `body(of:)` gives it, joined by newlines) contains
    /// `query`, case-insensitively. Reads every stored page file once; a file of plain text
    /// that lacks one of the query's ASCII words is skipped without parsing. `shouldStop` is
    /// asked between files: a caller whose query is superseded stops early (the answer is then
    /// partial and should be dropped). Unreadable files are left out: the scan reports them.
    public func articleIDs(whoseBodyContains query: String, shouldStop: () -> Bool = { false }) -> Set<ArticleID> {
        let term = query.lowercased()
        let needle = Array(term.utf8)
        guard !needle.isEmpty else { return [] }
        let words = BodyPrefilter.asciiWords(in: needle)
        var idsByPath: [String: [ArticleID]] = [:]
        for a in articles {
            if let path = a.sourcePath, a.kind == .article { idsByPath[path, default: []].append(a.id) }
        }
        var found: Set<ArticleID> = []
        for (path, ids) in idsByPath {
            if shouldStop() { break }
            guard let parser = parsers.first(where: { $0.accepts(path: path) }),
                  let bytes = try? FileBytes.read(storePath + "/" + path, limit: parser.maxFileSize) else { continue }
            if parser is TextPageParser && !words.isEmpty && BodyPrefilter.canSkip(bytes, lacking: words) { continue }
            guard let file = try? parser.parse(bytes, path: path), let firstPage = file.pages.first else { continue }
            for id in ids {
                // The same page `body(of:)` would show.
                let page = file.pages.first { ArticleID(headline: $0.headline) == id } ?? firstPage
                let text = page.body.blocks.map(\.text).joined(separator: "\n").lowercased()
                if BodyPrefilter.contains(Array(text.utf8), needle) { found.insert(id) }
            }
        }
        return found
    }
}

/// Cheap tests on a file's raw bytes before parsing it.
enum BodyPrefilter {
    /// Runs of ASCII letters and digits in the (lower-cased) query: a page whose text holds the
    /// query holds each of them, in any letter case.
    static func asciiWords(in needle: [UInt8]) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        for b in needle {
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { word.append(b) } else if !word.isEmpty {
                words.append(word)
                word = []
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// True when the file certainly does not contain one of `words`. Only when nothing in the
    /// file could change a word between the raw bytes and the cleaned text: no control or bidi
    /// character that cleaning removes (it could sit inside a word), no character whose lower
    /// case is ASCII (Kelvin sign, dotted capital I).
    static func canSkip(_ bytes: [UInt8], lacking words: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            if mayHideWords(p) { return false }
            return words.contains { !containsFoldingASCII(p, $0) }
        }
    }

    static func mayHideWords(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x20 {
                if b != 0x0A && b != 0x0D && b != 0x09 { return true }
            } else if b == 0x7F {
                return true
            } else if b >= 0xC2 && i + 1 < n {
                let c = p[i + 1]
                switch b {
                case 0xC2 where c >= 0x80 && c <= 0x9F: return true            // C1 controls
                case 0xC4 where c == 0xB0: return true                          // İ
                case 0xD8 where c == 0x9C: return true                          // U+061C
                case 0xE2 where i + 2 < n:
                    let d = p[i + 2]
                    if c == 0x80 && (d == 0x8E || d == 0x8F || (d >= 0xAA && d <= 0xAE)) { return true }
                    if c == 0x81 && d >= 0xA6 && d <= 0xA9 { return true }
                    if c == 0x84 && d == 0xAA { return true }                  // Kelvin sign
                default: break
                }
            }
            i += 1
        }
        return false
    }

    /// `word` is lower-case ASCII letters and digits; the text's ASCII capitals fold to it.
    static func containsFoldingASCII(_ text: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        let n = text.count, m = word.count
        guard m > 0, m <= n else { return m == 0 }
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        let first = word[0]
        var i = 0
        while i <= n - m {
            if fold(text[i]) == first {
                var j = 1
                while j < m && fold(text[i + j]) == word[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }

    static func contains(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = text.count, m = needle.count
        guard m <= n else { return false }
        return text.withUnsafeBufferPointer { t in
            var i = 0
            while i <= n - m {
                if t[i] == needle[0] {
                    var j = 1
                    while j < m && t[i + j] == needle[j] { j += 1 }
                    if j == m { return true }
                }
                i += 1
            }
            return false
        }
    }
}
