/// A line of a stored page as a byte range: leading and trailing white space (ASCII, and the
/// CR of CRLF) already trimmed. Parsing works on these ranges and makes Strings only for the
/// fields it keeps.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ByteLine {
    var start: Int
    var end: Int
    var isBlank: Bool { start == end }
    var count: Int { end - start }
}

enum ByteText {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }

    /// Splits on LF (so CRLF and LF both work), trimming each line.
    static func lines(_ p: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> [ByteLine] {
        var out: [ByteLine] = []
        out.reserveCapacity(64)
        guard let base = p.baseAddress else { return out }
        var i = start
        let n = p.count
        while i < n {
            let j: Int
            if let hit = memchr(base + i, 0x0A, n - i) {
                j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else {
                j = n
            }
            var s = i, e = j
            while s < e && isSpace(base[s]) { s += 1 }
            while e > s && isSpace(base[e - 1]) { e -= 1 }
            out.append(ByteLine(start: s, end: e))
            i = j + 1
        }
        return out
    }

    /// ASCII case-insensitive comparison of a line against a lowercase ASCII literal.
    @inline(__always)
    static func equalsLowercase(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine, _ literal: [UInt8]) -> Bool {
        guard line.count == literal.count else { return false }
        var k = 0
        while k < literal.count {
            var b = p[line.start + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != literal[k] { return false }
            k += 1
        }
        return true
    }

    @inline(__always)
    static func hasPrefixLowercase(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine, _ literal: [UInt8]) -> Bool {
        guard line.count >= literal.count else { return false }
        var k = 0
        while k < literal.count {
            var b = p[line.start + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != literal[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether the line ends a sentence: `.`, `!`, `?`, `…`, optionally followed by closing quotes
    /// or brackets. Headlines and subheadings usually do not; summaries and paragraphs do.
    static func endsSentence(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Bool {
        var e = line.end
        // Skip closing quotes/brackets: ASCII " ' ) ] and UTF-8 ’ ” (E2 80 99 / E2 80 9D) and » (C2 BB).
        while e > line.start {
            let b = p[e - 1]
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D { e -= 1; continue }
            if e - 3 >= line.start && p[e - 3] == 0xE2 && p[e - 2] == 0x80 && (b == 0x99 || b == 0x9D) { e -= 3; continue }
            if e - 2 >= line.start && p[e - 2] == 0xC2 && b == 0xBB { e -= 2; continue }
            break
        }
        guard e > line.start else { return false }
        let b = p[e - 1]
        if b == 0x2E || b == 0x21 || b == 0x3F { return true }
        // … U+2026 (E2 80 A6), and CJK full stop 。 (E3 80 82), ！ (EF BC 81), ？ (EF BC 9F)
        if e - 3 >= line.start {
            let a = p[e - 3], m = p[e - 2]
            if a == 0xE2 && m == 0x80 && b == 0xA6 { return true }
            if a == 0xE3 && m == 0x80 && b == 0x82 { return true }
            if a == 0xEF && m == 0xBC && (b == 0x81 || b == 0x9F) { return true }
        }
        return false
    }

    /// Any end punctuation, sentence or not (`:`, `;`, `,` too): subheadings have none.
    static func endsWithPunctuation(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Bool {
        if endsSentence(p, line) { return true }
        guard line.count > 0 else { return false }
        let b = p[line.end - 1]
        return b == 0x3A || b == 0x3B || b == 0x2C || b == 0x22 || b == 0x27
            || (line.count >= 3 && p[line.end - 3] == 0xE2 && p[line.end - 2] == 0x80 && (b == 0x9D || b == 0x99))
    }

    /// Counts words (runs of non-space bytes), stopping early past `limit`.
    static func wordCount(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine, limit: Int) -> Int {
        var words = 0
        var inWord = false
        var i = line.start
        while i < line.end {
            if p[i] == 0x20 { inWord = false } else if !inWord {
                inWord = true
                words += 1
                if words > limit { return words }
            }
            i += 1
        }
        return words
    }

    /// The sanitised String of a line, trimmed again (removing escapes can leave edge spaces).
    static func string(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> String {
        string(UnsafeBufferPointer(rebasing: p[line.start..<line.end]))
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Lines are trimmed already; only cleaning (a tab at an edge, a removed escape) can leave edge spaces.
        guard TextSanitizer.needsCleaning(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let cleaned = TextSanitizer.clean(String(decoding: bytes, as: UTF8.self))
        return String(cleaned.trimmingSpaces())
    }
}

extension String {
    func trimmingSpaces() -> Substring {
        var s = self[...]
        while let f = s.first, f == " " { s.removeFirst() }
        while let l = s.last, l == " " { s.removeLast() }
        return s
    }
}
