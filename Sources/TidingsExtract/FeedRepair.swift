/// Feeds as they are published are often not quite XML, and libxml2 (even in recover mode) drops
/// text at each fault: `Caf&eacute;` lost its é, `AT&T buys T&Mobile` became "AT buys T", and a
/// billion-laughs entity stopped the parse at the amplification limit, losing every later item.
/// Since the headline makes the article id, a lost character also changed the id.
///
/// One byte pass before libxml2, outside comments, CDATA sections, processing instructions and
/// the DOCTYPE (tags and their attribute values included):
/// - `&name;` of an HTML5 entity becomes its numeric reference (feeds mean HTML entities);
/// - a `&` that starts no reference becomes `&amp;`, an unknown `&name;` shows as written;
/// - a reference to an entity the document's DTD declares is left out (such entities are never
///   expanded here: nothing is read from outside the feed, nothing multiplies);
/// - a `<` that cannot start markup becomes `&lt;`, and one inside an attribute value too.
/// Returns nil when nothing needs changing (the common case: no copy).
enum FeedRepair {
    static func repair(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { p in
            var scanner = Scanner(p: p)
            scanner.run()
            return scanner.out
        }
    }

    private struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Output, made at the first change: `copied` bytes of the input are already in it.
        var out: [UInt8]?
        var copied = 0
        var declared: Set<[UInt8]> = []

        init(p: UnsafeBufferPointer<UInt8>) { self.p = p }

        /// Replaces p[i..<i+length] with `bytes` in the output.
        mutating func replace(_ length: Int, with bytes: [UInt8]) {
            if out == nil {
                out = []
                out!.reserveCapacity(p.count + 64)
            }
            out!.append(contentsOf: p[copied..<i])
            out!.append(contentsOf: bytes)
            i += length
            copied = i
        }

        func at(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= p.count else { return false }
            let b = s.utf8Start
            for k in 0..<n where p[i + k] != b[k] { return false }
            return true
        }

        /// Moves past the first `end` at or after i (or to the end of the input).
        mutating func skip(past end: StaticString) {
            let n = end.utf8CodeUnitCount
            while i < p.count {
                if at(end) { i += n; return }
                i += 1
            }
        }

        mutating func run() {
            while i < p.count {
                switch p[i] {
                case UInt8(ascii: "&"): reference()
                case UInt8(ascii: "<"): markup()
                default: i += 1
                }
            }
            if out != nil { out!.append(contentsOf: p[copied..<p.count]) }
        }

        static func isNameStart(_ b: UInt8) -> Bool {
            (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x3A || b >= 0x80
        }

        static func isNameByte(_ b: UInt8) -> Bool {
            isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
        }

        static let xmlNames: Set<[UInt8]> = Set(["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) })

        /// At `&`.
        mutating func reference() {
            var j = i + 1
            if j < p.count && p[j] == UInt8(ascii: "#") {
                j += 1
                let hex = j < p.count && p[j] | 0x20 == UInt8(ascii: "x")
                if hex { j += 1 }
                let digits = j
                while j < p.count && j - digits < 8 {
                    let b = p[j]
                    let ok = (b >= 0x30 && b <= 0x39) || (hex && b | 0x20 >= 0x61 && b | 0x20 <= 0x66)
                    if !ok { break }
                    j += 1
                }
                if j > digits && j < p.count && p[j] == UInt8(ascii: ";") { i = j + 1; return }
                replace(1, with: Array("&amp;".utf8))
                return
            }
            guard j < p.count, Self.isNameStart(p[j]) else { replace(1, with: Array("&amp;".utf8)); return }
            while j < p.count && j - i <= 40 && Self.isNameByte(p[j]) { j += 1 }
            guard j < p.count && p[j] == UInt8(ascii: ";") else { replace(1, with: Array("&amp;".utf8)); return }
            let name = Array(p[(i + 1)..<j])
            if Self.xmlNames.contains(name) { i = j + 1; return }
            if declared.contains(name) { replace(j + 1 - i, with: []); return }
            if let numeric = HTMLEntities.numeric[String(decoding: name, as: UTF8.self)] {
                replace(j + 1 - i, with: numeric)
                return
            }
            replace(1, with: Array("&amp;".utf8))
        }

        /// At `<`.
        mutating func markup() {
            if at("<!--") { i += 4; skip(past: "-->"); return }
            if at("<![CDATA[") { i += 9; skip(past: "]]>"); return }
            if at("<?") { i += 2; skip(past: "?>"); return }
            if at("<!DOCTYPE") { doctype(); return }
            let next = i + 1 < p.count ? p[i + 1] : 0
            guard Self.isNameStart(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else {
                replace(1, with: Array("&lt;".utf8))
                return
            }
            // A tag: to its `>`, with quoted attribute values repaired as text.
            i += 1
            var quote: UInt8 = 0
            while i < p.count {
                let b = p[i]
                if quote != 0 {
                    if b == quote { quote = 0; i += 1 }
                    else if b == UInt8(ascii: "&") { reference() }
                    else if b == UInt8(ascii: "<") { replace(1, with: Array("&lt;".utf8)) }
                    else { i += 1 }
                    continue
                }
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                i += 1
                if b == UInt8(ascii: ">") { return }
            }
        }

        /// `<!DOCTYPE ...>` with its internal subset: copied as it is; the names of the general
        /// entities it declares are noted.
        mutating func doctype() {
            i += 9
            var inSubset = false
            var quote: UInt8 = 0
            while i < p.count {
                let b = p[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                    i += 1
                    continue
                }
                if inSubset && at("<!--") { i += 4; skip(past: "-->"); continue }
                if inSubset && at("<!ENTITY") {
                    i += 8
                    while i < p.count && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D) { i += 1 }
                    if i < p.count && p[i] != UInt8(ascii: "%") {
                        let start = i
                        while i < p.count && Self.isNameByte(p[i]) { i += 1 }
                        if i > start { declared.insert(Array(p[start..<i])) }
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
                case UInt8(ascii: "["): inSubset = true
                case UInt8(ascii: "]"): inSubset = false
                case UInt8(ascii: ">") where !inSubset: i += 1; return
                default: break
                }
                i += 1
            }
        }
    }
}

extension FeedParser {
    /// The bytes the feed parser hands to libxml2 after its repair pass, or nil when it changes
    /// nothing (for the fuzz target's fixed-point check).
    package static func repaired(_ bytes: [UInt8]) -> [UInt8]? { FeedRepair.repair(bytes) }
}
