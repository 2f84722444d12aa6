import TidingsModel

/// OPML 2.0 in and out. Import reads every `<outline>` with an `xmlUrl` as a feed and the
/// outlines around it (with no `xmlUrl`) as its category folder, which covers what newsboat
/// (flat), newsraft (sections) and FreshRSS (categories) export. Export writes categories as
/// folders. Small enough to read by hand: OPML is attributes on one element name.
public enum OPML {
    public struct ImportResult: Sendable {
        public var subscriptions: [Subscription]
        /// Outlines skipped, with why (not http(s), no URL).
        public var skipped: [String]
    }

    public enum ImportError: Error, CustomStringConvertible {
        case notOPML
        public var description: String { "not an OPML file (no <opml> element with outlines)" }
    }

    public static func parse(_ text: String) throws -> ImportResult {
        var result = ImportResult(subscriptions: [], skipped: [])
        var folders: [String?] = []   // one per open outline: its name when it is a folder
        var sawOPML = false
        var scanner = Scanner(Array(text.utf8))
        while let tag = scanner.nextTag() {
            switch tag.name.lowercased() {
            case "opml":
                sawOPML = sawOPML || !tag.closing
            case "outline":
                if tag.closing {
                    if !folders.isEmpty { folders.removeLast() }
                    continue
                }
                let attributes = tag.attributes
                let url = attributes["xmlurl"] ?? attributes["xmlUrl".lowercased()]
                let name = attributes["title"] ?? attributes["text"]
                if let url, !url.isEmpty {
                    if let problem = URLCheck.problem(url) {
                        result.skipped.append("\(url): \(problem)")
                    } else if !result.subscriptions.contains(where: { $0.url == url }) {
                        var category = folders.compactMap { $0 }.last
                        // FreshRSS and others put the category in an attribute too.
                        if category == nil, let attribute = attributes["category"], !attribute.isEmpty {
                            category = attribute.split(separator: ",").first.map { String($0).trimmingSpaces() }
                        }
                        if let chosen = category, CategoryFolder.problem(chosen) != nil {
                            category = chosen.replacingSlashes()
                        }
                        result.subscriptions.append(Subscription(url: url, title: name.flatMap { $0.isEmpty ? nil : $0 },
                                                                 category: category))
                    }
                    if !tag.selfClosing { folders.append(nil) }
                } else if !tag.selfClosing {
                    folders.append(name.flatMap { $0.isEmpty ? nil : $0 })
                }
            default:
                continue
            }
        }
        guard sawOPML else { throw ImportError.notOPML }
        return result
    }

    /// OPML 2.0: feeds without a category at the top of the body, the others in one folder outline
    /// per category (in order of first appearance).
    public static func export(_ subscriptions: [Subscription], title: String = "Tidings subscriptions") -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>",
                     "    <title>\(escape(title))</title>", "  </head>", "  <body>"]
        func outline(_ s: Subscription, indent: String) -> String {
            let name = escape(s.title ?? s.url)
            return "\(indent)<outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escape(s.url))\"/>"
        }
        for s in subscriptions where s.category == nil { lines.append(outline(s, indent: "    ")) }
        var categories: [String] = []
        for s in subscriptions { if let c = s.category, !categories.contains(c) { categories.append(c) } }
        for category in categories {
            lines.append("    <outline text=\"\(escape(category))\" title=\"\(escape(category))\">")
            for s in subscriptions where s.category == category { lines.append(outline(s, indent: "      ")) }
            lines.append("    </outline>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
    }

    /// Start and end tags with their attributes; comments, declarations and text are passed over.
    struct Scanner {
        let b: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { b = bytes }

        mutating func nextTag() -> Tag? {
            while i < b.count {
                guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
                if starts("<!--") { skip(past: "-->"); continue }
                if starts("<![CDATA[") { skip(past: "]]>"); continue }
                if starts("<?") || starts("<!") { skip(past: ">"); continue }
                i += 1
                let closing = i < b.count && b[i] == UInt8(ascii: "/")
                if closing { i += 1 }
                let nameStart = i
                while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
                let name = String(decoding: b[nameStart..<i], as: UTF8.self)
                var attributes: [String: String] = [:]
                var selfClosing = false
                while i < b.count {
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    guard i < b.count else { break }
                    if b[i] == UInt8(ascii: ">") { i += 1; break }
                    if b[i] == UInt8(ascii: "/") { selfClosing = true; i += 1; continue }
                    let keyStart = i
                    while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
                    let key = String(decoding: b[keyStart..<i], as: UTF8.self).lowercased()
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    guard i < b.count, b[i] == UInt8(ascii: "=") else { attributes[key] = ""; continue }
                    i += 1
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    guard i < b.count else { break }
                    let quote = b[i]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        i += 1
                        let valueStart = i
                        while i < b.count, b[i] != quote { i += 1 }
                        attributes[key] = XMLText.decode(String(decoding: b[valueStart..<min(i, b.count)], as: UTF8.self))
                        i += 1
                    } else {
                        let valueStart = i
                        while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: ">") { i += 1 }
                        attributes[key] = XMLText.decode(String(decoding: b[valueStart..<i], as: UTF8.self))
                    }
                }
                // Local name: an OPML with a namespace prefix still has outlines.
                let local = name.split(separator: ":").last.map(String.init) ?? name
                return Tag(name: local, closing: closing, selfClosing: selfClosing, attributes: attributes)
            }
            return nil
        }

        func starts(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return i + bytes.count <= b.count && Array(b[i..<i + bytes.count]) == bytes
        }

        mutating func skip(past text: String) {
            let bytes = Array(text.utf8)
            while i < b.count {
                if i + bytes.count <= b.count, Array(b[i..<i + bytes.count]) == bytes { i += bytes.count; return }
                i += 1
            }
        }

        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    func replacingSlashes() -> String {
        var name = String(map { $0 == "/" || $0 == "\\" ? "-" : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 } ?? false) })
        while name.hasPrefix(".") { name.removeFirst() }
        return name
    }
}
