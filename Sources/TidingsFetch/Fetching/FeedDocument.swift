import TidingsModel

/// A fetched feed's bytes cut into its items, found by a light scan (comments and CDATA passed
/// over), so stored items can be carried from one fetch to the next as the exact bytes the feed
/// sent: an item's text, and so its article id and read mark, never change.
struct FeedDocument {
    enum Kind { case rss, atom }

    let bytes: [UInt8]
    let kind: Kind
    /// Byte ranges of each `<item>...</item>` or `<entry>...</entry>`, in order.
    let items: [Range<Int>]
    /// Where carried items go: before `</channel>` (RSS 2), `</rdf:RDF>` (RSS 1) or `</feed>`.
    let insertionPoint: Int?

    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        var scanner = Scanner(bytes: bytes)
        var items: [Range<Int>] = []
        var kind: Kind?
        var insertion: Int?
        var openItem: (start: Int, name: String)?
        while let tag = scanner.next() {
            let local = tag.name.split(separator: ":").last.map(String.init) ?? tag.name
            if kind == nil {
                switch local {
                case "rss", "RDF": kind = .rss
                case "feed": kind = .atom
                default: break
                }
            }
            if let open = openItem {
                if tag.closing && tag.name == open.name {
                    items.append(open.start..<tag.end)
                    openItem = nil
                }
                continue
            }
            if !tag.closing && (local == "item" || local == "entry") {
                if tag.selfClosing { items.append(tag.start..<tag.end) } else { openItem = (tag.start, tag.name) }
            } else if tag.closing && (local == "channel" || local == "RDF" || local == "feed") {
                // RSS 1 keeps items after </channel>, inside <rdf:RDF>: the root's close wins there.
                insertion = tag.start
            }
        }
        guard let kind else { return nil }
        self.kind = kind
        self.items = items
        insertionPoint = insertion
    }

    /// A stable key for the item: its guid or id, else its link, else its title, else its bytes.
    func key(of item: Range<Int>) -> String {
        let slice = Array(bytes[item])
        for name in ["guid", "id"] {
            if let text = Self.elementText(name, in: slice), !text.isEmpty { return text }
        }
        if let text = Self.elementText("link", in: slice), !text.isEmpty { return text }
        if let href = Self.linkHref(in: slice), !href.isEmpty { return href }
        if let title = Self.elementText("title", in: slice), !title.isEmpty { return "title:" + title }
        return "bytes:" + String(StableHash.fnv1a(slice), radix: 16)
    }

    /// The item's link (RSS `<link>` text or Atom `<link href>`), for full-text fetching.
    func link(of item: Range<Int>) -> String? {
        let slice = Array(bytes[item])
        if let text = Self.elementText("link", in: slice), !text.isEmpty { return text }
        return Self.linkHref(in: slice)
    }

    /// The text of the first element with that local name directly readable in `slice`.
    static func elementText(_ name: String, in slice: [UInt8]) -> String? {
        var scanner = Scanner(bytes: slice)
        var depth = 0
        while let tag = scanner.next() {
            if !tag.closing { depth += 1 }
            let local = tag.name.split(separator: ":").last.map(String.init) ?? tag.name
            guard !tag.closing, !tag.selfClosing, local == name, depth > 1 else {
                if tag.closing || tag.selfClosing { depth -= 1 }
                continue
            }
            var inner = scanner
            while let end = inner.next() {
                if end.closing && end.name == tag.name {
                    return XMLText.decode(cdataStripped(Array(slice[tag.end..<end.start]))).trimmingSpaces()
                }
            }
            return nil
        }
        return nil
    }

    /// Atom's `<link href>`: rel="alternate" (or no rel) first.
    static func linkHref(in slice: [UInt8]) -> String? {
        var scanner = Scanner(bytes: slice)
        var fallback: String?
        while let tag = scanner.next() {
            guard !tag.closing, tag.name == "link" else { continue }
            let attributes = scanner.attributes(of: tag)
            guard let href = attributes["href"] else { continue }
            let rel = attributes["rel"] ?? "alternate"
            if rel == "alternate" { return href }
            fallback = fallback ?? href
        }
        return fallback
    }

    static func cdataStripped(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while let start = text.firstRange(of: "<![CDATA["), let end = text[start.upperBound...].firstRange(of: "]]>") {
            let inner = text[start.upperBound..<end.lowerBound]
            // Protect the CDATA's own & from entity decoding.
            text = String(text[..<start.lowerBound]) + inner.replacing("&", with: "&amp;") + String(text[end.upperBound...])
        }
        return text
    }

    struct Tag {
        var name: String
        var start: Int
        var end: Int          // just past '>'
        var closing: Bool
        var selfClosing: Bool
    }

    struct Scanner {
        let bytes: [UInt8]
        var i = 0

        mutating func next() -> Tag? {
            let b = bytes
            while i < b.count {
                guard b[i] == 0x3C else { i += 1; continue }   // '<'
                let start = i
                if has("<!--") { skip(past: "-->"); continue }
                if has("<![CDATA[") { skip(past: "]]>"); continue }
                if has("<?") || has("<!") { skip(past: ">"); continue }
                i += 1
                let closing = i < b.count && b[i] == 0x2F
                if closing { i += 1 }
                let nameStart = i
                while i < b.count, !Self.isNameEnd(b[i]) { i += 1 }
                let name = String(decoding: b[nameStart..<i], as: UTF8.self)
                // To the end of the tag, minding quoted attribute values.
                var quote: UInt8 = 0
                while i < b.count {
                    let c = b[i]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { break }
                    i += 1
                }
                let selfClosing = i > 0 && i < b.count && b[i - 1] == 0x2F
                i = min(i + 1, b.count)
                if name.isEmpty { continue }
                return Tag(name: name, start: start, end: i, closing: closing, selfClosing: selfClosing)
            }
            return nil
        }

        func attributes(of tag: Tag) -> [String: String] {
            let inside = Array(bytes[tag.start..<tag.end])
            var opml = OPML.Scanner(inside)
            return opml.nextTag()?.attributes ?? [:]
        }

        func has(_ text: String) -> Bool {
            let t = Array(text.utf8)
            return i + t.count <= bytes.count && bytes[i..<i + t.count].elementsEqual(t)
        }

        mutating func skip(past text: String) {
            let t = Array(text.utf8)
            while i < bytes.count {
                if i + t.count <= bytes.count, bytes[i..<i + t.count].elementsEqual(t) { i += t.count; return }
                i += 1
            }
        }

        static func isNameEnd(_ c: UInt8) -> Bool {
            c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3E || c == 0x2F
        }
    }
}

enum StableHash {
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ text: String) -> String {
        let value = String(fnv1a(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - value.count) + value
    }
}
