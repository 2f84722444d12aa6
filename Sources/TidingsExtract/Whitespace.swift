/// Whitespace collapsing and trimming on UTF-8 bytes, with the same results as the Character and
/// Foundation versions they replace (`split(whereSeparator: \.isWhitespace)` + `joined(" ")`, and
/// `trimmingCharacters(in: .whitespacesAndNewlines)`). Those cost two thirds of feed parsing:
/// every Character's whitespace property is a table lookup after grapheme breaking.
///
/// Both character sets are Unicode's White_Space (`whitespacesAndNewlines` is Z* + U+0009...000D
/// + U+0085, the same 25 scalars). Splitting works on Characters, so a whitespace scalar that is
/// not a Character of its own (a combining mark after it, a prepended mark before it) would split
/// differently from bytes: when a whitespace scalar touches a scalar outside the ranges known to
/// break graphemes there, `collapsed` answers nil and the caller takes the Character path.
enum Whitespace {
    /// Length of the whitespace scalar at `i` (0 when none): U+0009...000D, U+0020, U+0085,
    /// U+00A0, U+1680, U+2000...200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    static func length(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        let n = p.count
        switch b {
        case 0xC2:
            return i + 1 < n && (p[i + 1] == 0x85 || p[i + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return i + 2 < n && p[i + 1] == 0x9A && p[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < n else { return 0 }
            let m = p[i + 1], l = p[i + 2]
            if m == 0x80 { return (l >= 0x80 && l <= 0x8A) || l == 0xA8 || l == 0xA9 || l == 0xAF ? 3 : 0 }
            return m == 0x81 && l == 0x9F ? 3 : 0
        case 0xE3:
            return i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// The scalar starting at `i` of valid UTF-8, and its length.
    @inline(__always)
    private static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b = UInt32(p[i])
        if b < 0x80 { return (b, 1) }
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) }
        return ((b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Scalars that are never Prepend, Extend, ZWJ or SpacingMark (grapheme break property), so a
    /// whitespace scalar next to them is a Character of its own. Conservative: anything not listed
    /// sends the caller to the Character path.
    @inline(__always)
    private static func breaksBeside(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x300, 0x370..<0x483, 0x48A..<0x530, 0x1E00..<0x200C, 0x2010..<0x2060, 0x2070..<0x20D0,
             0x2100..<0x2CEF, 0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100, 0x4E00..<0xA000,
             0xAC00..<0xD7A4, 0xFF01..<0xFF9E, 0x1F1E6..<0x1F3FB, 0x1F400..<0x1FB00:
            return true
        default:
            return false
        }
    }

    /// Whitespace runs to single spaces, trimmed, as `s.split(whereSeparator: \.isWhitespace)
    /// .joined(separator: " ")`; nil when a whitespace scalar might share a Character with its
    /// neighbour (see the type's comment). Returns `s` itself when nothing changes.
    static func collapsed(_ s: String) -> String? {
        enum Outcome { case same, changed(String), undecided }
        var s = s
        let outcome = s.withUTF8 { p -> Outcome in
            let n = p.count
            // First pass: is anything to change, and is every whitespace scalar its own Character?
            var change = false
            var i = 0
            var prevWasSpace = true  // the start counts as after whitespace: leading ones change
            var prevNonASCII: UInt32 = 0  // the scalar before, when it was not ASCII (0: ASCII or none)
            while i < n {
                let b = p[i]
                if b > 0x20 && b < 0x80 {
                    prevWasSpace = false
                    prevNonASCII = 0
                    i += 1
                    continue
                }
                let w = length(p, i)
                if w > 0 {
                    if prevWasSpace || w > 1 || b != 0x20 { change = true }
                    if prevNonASCII != 0 && !breaksBeside(prevNonASCII) { return .undecided }
                    prevWasSpace = true
                    prevNonASCII = 0
                    i += w
                    if i < n, p[i] >= 0x80, length(p, i) == 0, !breaksBeside(scalar(p, i).0) { return .undecided }
                    continue
                }
                let (v, len) = scalar(p, i)
                prevWasSpace = false
                prevNonASCII = v < 0x80 ? 0 : v
                i += len
            }
            if prevWasSpace && n > 0 { change = true }  // trailing whitespace
            guard change else { return .same }
            var out = [UInt8]()
            out.reserveCapacity(n)
            var pending = false
            i = 0
            while i < n {
                let w = length(p, i)
                if w > 0 {
                    pending = true
                    i += w
                    continue
                }
                if pending {
                    if !out.isEmpty { out.append(0x20) }
                    pending = false
                }
                out.append(p[i])
                i += 1
            }
            return .changed(String(decoding: out, as: UTF8.self))
        }
        switch outcome {
        case .same: return s
        case .changed(let out): return out
        case .undecided: return nil
        }
    }

    /// `s.trimmingCharacters(in: .whitespacesAndNewlines)` on bytes (no grapheme question: trimming
    /// works on scalars).
    static func trimmed(_ s: String) -> String {
        var s = s
        let bounds: (Int, Int)? = s.withUTF8 { p in
            let n = p.count
            var start = 0
            while start < n {
                let w = length(p, start)
                if w == 0 { break }
                start += w
            }
            var end = n
            while end > start {
                // The last scalar's first byte: step back over continuation bytes.
                var k = end - 1
                while k > start, p[k] & 0xC0 == 0x80 { k -= 1 }
                if length(p, k) == 0 { break }
                end = k
            }
            return start == 0 && end == n ? nil : (start, end)
        }
        guard let (start, end) = bounds else { return s }
        let u = s.utf8
        return String(s[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)])
    }
}
