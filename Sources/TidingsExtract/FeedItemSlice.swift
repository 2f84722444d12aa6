import Foundation
import TidingsModel

/// One item of a feed, cut out of the raw bytes so that opening an article reads one item and
/// not the whole file: a 33 MB feed parsed whole took a second and 270 MB to show one body.
///
/// The cut is the feed's head (everything before its first item: the root element with its
/// namespace declarations, the channel's title and link) followed by the one item; libxml2's
/// recover mode closes what is left open. The cut is found by a byte scan for `<item` (RSS) or
/// `<entry` (Atom) that steps over CDATA sections and comments; a file that is not well-formed
/// could still mislead it, so the item parsed from the cut must carry the article's id, or the
/// caller parses the whole file.
extension FeedParser {
    public func page(_ raw: [UInt8], path: String, near ordinal: Int, matching id: ArticleID) -> ParsedPage? {
        guard ordinal >= 0, let bytes = Gzip.isGzip(raw) ? try? Gzip.inflate(raw) : raw else { return nil }
        // Items that repeat an earlier item's id are not counted in the index: look a little further.
        let tries = 32
        for tag in [Array("item".utf8), Array("entry".utf8)] {
            let starts = Self.elementStarts(tag, in: bytes, count: ordinal + tries)
            guard let first = starts.first else { continue }
            guard ordinal < starts.count else { return nil }
            let head = bytes[0..<first]
            for k in ordinal..<min(starts.count, ordinal + tries) {
                let end = Self.elementEnd(tag, in: bytes, from: starts[k])
                let cut = Array(head) + bytes[starts[k]..<end]
                guard let file = try? parse(cut, path: path), file.pages.count == 1 else { continue }
                if ArticleID(headline: file.pages[0].headline) == id { return file.pages[0] }
            }
            return nil
        }
        return nil
    }

    /// Offsets of the first `count` start tags `<name` (followed by `>`, `/` or white space).
    static func elementStarts(_ name: [UInt8], in bytes: [UInt8], count: Int) -> [Int] {
        var found: [Int] = []
        var i = 0
        let n = bytes.count
        while found.count < count, let lt = nextMarkup(in: bytes, from: i) {
            let after = lt + 1 + name.count
            if after < n && bytes[(lt + 1)..<after].elementsEqual(name) && isTagEnd(bytes[after]) {
                found.append(lt)
            }
            i = lt + 1
        }
        return found
    }

    /// The offset just after the end tag `</name>` that closes the element starting at `start`
    /// (items do not nest), or the end of the bytes.
    static func elementEnd(_ name: [UInt8], in bytes: [UInt8], from start: Int) -> Int {
        var i = start + 1
        let n = bytes.count
        while let lt = nextMarkup(in: bytes, from: i) {
            let after = lt + 2 + name.count
            if after <= n && bytes[lt + 1] == 0x2F && bytes[(lt + 2)..<after].elementsEqual(name),
               let gt = nextByte(0x3E, in: bytes, from: after) {
                return gt + 1
            }
            i = lt + 1
        }
        return n
    }

    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)

    /// The next `<` from `i` that starts markup: CDATA sections and comments, whose text may
    /// hold `<item>`, are stepped over. (Well-formed XML has no other raw `<` in text or
    /// attribute values.)
    private static func nextMarkup(in bytes: [UInt8], from i: Int) -> Int? {
        var i = i
        while let lt = nextByte(0x3C, in: bytes, from: i) {
            if starts(bytes, at: lt, with: cdataOpen) {
                guard let close = find(cdataClose, in: bytes, from: lt + cdataOpen.count) else { return nil }
                i = close + cdataClose.count
            } else if starts(bytes, at: lt, with: commentOpen) {
                guard let close = find(commentClose, in: bytes, from: lt + commentOpen.count) else { return nil }
                i = close + commentClose.count
            } else {
                return lt
            }
        }
        return nil
    }

    private static func starts(_ bytes: [UInt8], at i: Int, with prefix: [UInt8]) -> Bool {
        i + prefix.count <= bytes.count && bytes[i..<(i + prefix.count)].elementsEqual(prefix)
    }

    /// The offset of the next `needle` from `i`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from i: Int) -> Int? {
        var i = i
        while let hit = nextByte(needle[0], in: bytes, from: i) {
            if starts(bytes, at: hit, with: needle) { return hit }
            i = hit + 1
        }
        return nil
    }

    private static func isTagEnd(_ b: UInt8) -> Bool { b == 0x3E || b == 0x2F || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func nextByte(_ byte: UInt8, in bytes: [UInt8], from i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let hit = memchr(base + i, Int32(byte), buf.count - i) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }
}
