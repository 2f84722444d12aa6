@preconcurrency import CLibXML2
import Foundation
import TidingsModel

/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds (`.xml`, `.rss`, `.atom`): one `ParsedPage` per item.
///
/// libxml2 reads the feed with `XML_PARSE_NONET` and without `NOENT`, `DTDLOAD` or `HUGE`: no DTD or
/// external entity is loaded, nothing is fetched, entity references are never expanded into the
/// text we read (only text and CDATA nodes are), and libxml2's own amplification limits stop a
/// billion-laughs document.
public struct FeedParser: PageFileParser {
    public init() {}

    public var maxFileSize: Int { Gzip.maxOutput }

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    public func accepts(path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".xml") || p.hasSuffix(".rss") || p.hasSuffix(".atom")
            || p.hasSuffix(".xml.gz") || p.hasSuffix(".rss.gz") || p.hasSuffix(".atom.gz")
    }

    public func parse(_ raw: [UInt8], path: String) throws -> ParsedFile {
        let inflated = Gzip.isGzip(raw) ? try Gzip.inflate(raw) : raw
        guard !inflated.isEmpty else { throw SkipReason("empty feed") }
        guard inflated.count <= Int(Int32.max) else { throw SkipReason("feed too large") }
        let bytes = FeedRepair.repair(inflated) ?? inflated
        // Shift_JIS and EUC-KR as published are their Windows supersets (CP932, CP949): decoding
        // by the narrow tables lost the rest of the feed at the first NEC or extended Hangul character.
        let encoding = Charset.declared(in: bytes).flatMap(Charset.superset(of:))
        HTMLSAX.ready()
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                xmlReadMemory($0, Int32(buf.count), nil, encoding, FeedParser.options)
            }
        }
        guard let doc else { throw SkipReason("not a well-formed XML feed") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw SkipReason("empty XML document") }
        let items: [XMLNode]
        let rootNode = XMLNode(root)
        switch rootNode.name {
        case "rss": items = rootNode.children("channel").flatMap { $0.children("item") }
        case "RDF": items = rootNode.children("item") + rootNode.children("channel").flatMap { $0.children("item") }
        case "feed": items = rootNode.children("entry")
        default: throw SkipReason("XML but not an RSS or Atom feed (root <\(PageAssembler.clean(rootNode.name))>)")
        }
        let channel = rootNode.name == "feed" ? rootNode : (rootNode.children("channel").first ?? rootNode)
        let siteName = channel.child("title").map { HTMLFragment.text(html: $0.text) }
        let feedLink = FeedParser.link(of: channel)
        return ParsedFile(kind: .feed, pages: pages(items, siteName: siteName, feedLink: feedLink))
    }

    /// Items of a big feed are read on every core, in runs of `run` items, then put back in order:
    /// a store's largest feed is otherwise one thread's work while the others wait for it.
    private func pages(_ items: [XMLNode], siteName: String?, feedLink: String?, run: Int = 256) -> [ParsedPage] {
        guard items.count >= 2 * run else { return items.map { page(from: $0, siteName: siteName, feedLink: feedLink) } }
        let runs = (items.count + run - 1) / run
        final class Slots: @unchecked Sendable {
            var pages: [[ParsedPage]]
            init(_ n: Int) { pages = Array(repeating: [], count: n) }
        }
        let slots = Slots(runs)
        let lock = NSLock()
        // The document is only read, and each run writes its own slot.
        nonisolated(unsafe) let items = items
        DispatchQueue.concurrentPerform(iterations: runs) { r in
            let out = items[(r * run)..<min(items.count, (r + 1) * run)].map {
                page(from: $0, siteName: siteName, feedLink: feedLink)
            }
            lock.withLock { slots.pages[r] = out }
        }
        return slots.pages.flatMap { $0 }
    }

    private func page(from item: XMLNode, siteName: String?, feedLink: String?) -> ParsedPage {
        let link = FeedParser.link(of: item).flatMap { URLs.absolute($0, relativeTo: feedLink) }
            ?? item.child("guid").flatMap { URLs.absolute($0.text, relativeTo: nil) }
        let title = item.child("title").map { HTMLFragment.text(html: $0.text) } ?? ""
        let descriptionHTML = (item.child("description") ?? item.child("summary"))?.text
        let contentHTML = (item.child("encoded") ?? item.child("content"))?.text
        var body = HTMLFragment.body(html: contentHTML ?? descriptionHTML ?? "", baseURL: link)
        // With no separate content the description is the body: its summary comes from that parse.
        let descriptionText = descriptionHTML.map { html in
            contentHTML == nil && HTMLFragment.needsParser(html)
                ? HTMLFragment.plainText(html) ?? HTMLFragment.text(of: body) : HTMLFragment.text(html: html)
        }
        if title.isEmpty && body.blocks.isEmpty { body = ArticleBody(blocks: []) }
        let summary = descriptionText.flatMap { $0.isEmpty ? nil : $0 } ?? body.blocks.first?.text
        let dateText = FeedParser.dateElements.lazy.compactMap { item.child($0)?.text }.first
        let categories = item.children("category").compactMap { node -> String? in
            let v = node.attribute("label") ?? node.attribute("term") ?? node.text
            let c = PageAssembler.clean(v)
            return c.isEmpty ? nil : c
        } + item.children("subject").map { PageAssembler.clean($0.text) }.filter { !$0.isEmpty }
        let author = item.child("author").map { a in a.child("name")?.text ?? a.text }
            ?? item.child("creator")?.text
        let headline = title.isEmpty ? String(summary?.prefix(120) ?? "") : title
        // The day as written and, where the date gives a time, the UTC moment (newest first sorts by it).
        let published = dateText.flatMap { DateParsing.found($0) }
        return ParsedPage(publishedDate: published?.day, headline: headline, summary: summary,
                          body: body, category: categories.first, url: link.map { TextSanitizer.clean($0) },
                          author: author.map(PageAssembler.clean).flatMap { $0.isEmpty ? nil : $0 },
                          siteName: siteName.flatMap { $0.isEmpty ? nil : $0 },
                          publishedAt: published?.utcSeconds)
    }

    /// Where an item's date may be, first found wins.
    static let dateElements: [StaticString] = ["pubDate", "date", "published", "issued", "updated", "modified"]

    /// RSS `<link>text</link>`, or Atom `<link rel="alternate" href>` (no rel means alternate).
    static func link(of node: XMLNode) -> String? {
        for l in node.children("link") {
            if let href = l.attribute("href") {
                let rel = l.attribute("rel") ?? "alternate"
                if rel == "alternate" { return href }
            } else {
                let t = Whitespace.trimmed(l.text)
                if !t.isEmpty { return t }
            }
        }
        return nil
    }
}

/// A read-only view of a libxml2 element, valid while its document lives.
struct XMLNode {
    let ptr: xmlNodePtr
    init(_ ptr: xmlNodePtr) { self.ptr = ptr }

    /// Local name, without namespace prefix.
    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Child elements named `local` (ASCII), compared as bytes: no String per child.
    func children(_ local: StaticString) -> [XMLNode] {
        var out = [XMLNode]()
        forEachChild(local) { out.append($0); return true }
        return out
    }

    func child(_ local: StaticString) -> XMLNode? {
        var found: XMLNode?
        forEachChild(local) { found = $0; return false }
        return found
    }

    /// Calls `body` for each child element named `local` until it returns false.
    private func forEachChild(_ local: StaticString, _ body: (XMLNode) -> Bool) {
        var c = ptr.pointee.children
        while let node = c {
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name,
               strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(local.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                if !body(XMLNode(node)) { return }
            }
            c = node.pointee.next
        }
    }

    func attribute(_ name: String) -> String? {
        guard let v = xmlGetNoNsProp(ptr, name) else { return nil }
        defer { xmlFree(v) }
        return String(cString: v)
    }

    /// Text and CDATA below this node, in order; entity references are not followed (so no
    /// entity is ever expanded here), and the walk is iterative.
    var text: String {
        var bytes = [UInt8]()
        var stack: [xmlNodePtr] = []
        var c = ptr.pointee.children
        while true {
            while let node = c {
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                    }
                    c = node.pointee.next
                case XML_ELEMENT_NODE:
                    // Inline XHTML (Atom type="xhtml"): keep its text.
                    if let next = node.pointee.next { stack.append(next) }
                    c = node.pointee.children
                default:
                    c = node.pointee.next
                }
            }
            guard let next = stack.popLast() else { break }
            c = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation
