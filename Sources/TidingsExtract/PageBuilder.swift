import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Receives libxml2's SAX events for one page and builds the `PageTree` and `PageSignals`.
/// Nothing here recurses: open elements live on an explicit stack, so depth costs memory, not stack.
struct PageBuilder {
    var tree = PageTree()
    var signals = PageSignals()

    /// Open elements as indices into `tree.elements`; -1 marks a skipped element, -2 a `<br>`.
    private var stack: [Int32] = []
    private var stackTags: [Tag] = []
    /// While > 0 we are inside a skipped subtree (navigation, scripts' leftovers, hidden parts).
    private var skipDepth = 0
    private var blockquoteDepth = 0
    private var figureDepth = 0
    private var captionDepth = 0
    private var unlikelyDepth = 0

    private var text: [UInt8] = []
    private var length = 0
    private var linkLength = 0
    private var commas = 0
    private var pendingSpace = false
    private var links: [PageTree.ArticleLinkDraft] = []
    private var linkStart: Int?
    private var linkLengthStart = 0
    private var linkHref: String?
    private var linkDepth = 0

    private enum Capture { case title, h1, breadcrumb, weather, categoryLink, dateText, modifiedText, byline }
    private var captures: [(kind: Capture, depth: Int, buffer: [UInt8])] = []
    private var breadcrumbItem: [UInt8] = []
    /// Depths of the open elements named like comments (no bylines or dates are read inside).
    private var commentStarts: [Int] = []
    private var depth = 0

    // MARK: events

    /// libxml2 interns element names in its dictionary: one pointer per name, so the tag of a
    /// name is looked up by pointer and the name is never turned into a String twice.
    private var tagByName: [UnsafePointer<xmlChar>: Tag] = [:]

    mutating func tag(_ name: UnsafePointer<xmlChar>) -> Tag {
        if let t = tagByName[name] { return t }
        let t = Tag(name: String(cString: name))
        tagByName[name] = t
        return t
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        let tag = tag(name)
        hintBytes.removeAll(keepingCapacity: true)
        var hidden = false, href: String?, rel: String?
        var metaKey: String?, metaContent: String?, datetime: String?
        var itemprop: String?, lang: String?, pubdate = false
        if let attrs {
            var i = 0
            while let keyPtr = attrs[i] {
                let valPtr = attrs[i + 1]
                i += 2
                func value() -> String { valPtr.map { String(cString: $0) } ?? "" }
                // Compare the C name in place: building a String per attribute cost more than the parse.
                func isKey(_ k: StaticString) -> Bool {
                    strcmp(UnsafeRawPointer(keyPtr).assumingMemoryBound(to: CChar.self),
                           UnsafeRawPointer(k.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
                }
                switch keyPtr[0] {
                case UInt8(ascii: "c"):
                    if isKey("class") { appendHint(valPtr) } else if isKey("content") { metaContent = value() }
                case UInt8(ascii: "i"):
                    if isKey("id") { appendHint(valPtr) }
                    else if isKey("itemprop") {
                        itemprop = value().lowercased()
                        if metaKey == nil { metaKey = itemprop }
                    }
                    else if isKey("itemtype") { if value().hasSuffix("BreadcrumbList") || value().hasSuffix("Breadcrumb") { hintBytes.append(contentsOf: Array(" breadcrumb".utf8)) } }
                case UInt8(ascii: "h"):
                    if isKey("href") { href = value() } else if isKey("hidden") { hidden = true }
                case UInt8(ascii: "a"):
                    if isKey("aria-hidden") { hidden = hidden || value() == "true" }
                case UInt8(ascii: "s"):
                    if isKey("style") {
                        let v = value().lowercased().filter { $0 != " " }
                        if v.contains("display:none") || v.contains("visibility:hidden") { hidden = true }
                    }
                case UInt8(ascii: "r"):
                    if isKey("rel") { rel = value().lowercased() }
                case UInt8(ascii: "p"):
                    if isKey("property") { metaKey = value().lowercased() } else if isKey("pubdate") { pubdate = true }
                case UInt8(ascii: "n"):
                    if isKey("name") { if metaKey == nil { metaKey = value().lowercased() } }
                case UInt8(ascii: "d"):
                    if isKey("datetime") { datetime = value() }
                case UInt8(ascii: "l"):
                    if isKey("lang") { lang = value() }
                default: break
                }
            }
        }
        let hintID = hintIndex()
        let hints = hintID >= 0 ? tree.hints[Int(hintID)] : ClassHints([])
        recordSignals(tag, hint: hints, href: href, rel: rel, metaKey: metaKey, metaContent: metaContent, datetime: datetime)
        if hints.isComment, tag != .body, tag != .html, tag != .main, tag != .article { commentStarts.append(depth) }
        recordDateAndByline(tag, hint: hints, rel: rel, itemprop: itemprop, datetime: datetime, pubdate: pubdate,
                            metaContent: metaContent)
        if tag == .html, let lang, signals.language == nil { signals.language = lang.lowercased() }

        if skipDepth > 0 || tag.isSkipped || hidden || tag == .head {
            skipDepth += 1
            stack.append(-1)
            stackTags.append(tag)
            return
        }
        if tag.isBlock { flush() }
        if tag == .br { stack.append(-2); stackTags.append(tag); return }
        let index = Int32(tree.elements.count)
        let parent = stack.last(where: { $0 >= 0 }) ?? -1
        tree.elements.append(.init(tag: tag, parent: parent, weight: hints.weight,
                                   end: index + 1, hintID: hintID, isCaptionHint: hints.isCaption))
        stack.append(index)
        stackTags.append(tag)
        if hints.isUnlikely && tag != .body && tag != .html && tag != .a && tag != .article && tag != .main {
            tree.elements[Int(index)].isUnlikely = true
            unlikelyDepth += 1
        }
        switch tag {
        case .blockquote: blockquoteDepth += 1
        case .figure: figureDepth += 1
        case .figcaption, .caption: captionDepth += 1
        case .a where href != nil:
            linkDepth += 1
            if linkDepth == 1 {
                flushPendingSpace()
                linkStart = text.count
                linkLengthStart = length
                linkHref = href
            }
        default: break
        }
        if hints.isCaption { captionDepth += 1 }
    }

    /// The lowercased class and id of the element being opened, space separated.
    private var hintBytes: [UInt8] = []
    private var hintIDs: [[UInt8]: Int32] = [:]

    private mutating func appendHint(_ value: UnsafePointer<xmlChar>?) {
        guard var p = value else { return }
        if !hintBytes.isEmpty { hintBytes.append(0x20) }
        while p.pointee != 0 {
            let b = p.pointee
            hintBytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : (b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b))
            p += 1
        }
    }

    /// Distinct class/id strings are scored once per page.
    private mutating func hintIndex() -> Int32 {
        if hintBytes.isEmpty { return -1 }
        if let known = hintIDs[hintBytes] { return known }
        let id = Int32(tree.hints.count)
        tree.hints.append(ClassHints(hintBytes))
        tree.hintTexts.append(String(decoding: hintBytes, as: UTF8.self))
        hintIDs[hintBytes] = id
        return id
    }

    mutating func end(_ name: UnsafePointer<xmlChar>) {
        let tag = tag(name)
        // libxml2 closes implied elements itself, but stay robust against a stray end tag.
        guard let at = stackTags.lastIndex(of: tag) else { return }
        while stack.count > at { popOne() }
    }

    private mutating func popOne() {
        let index = stack.removeLast()
        let tag = stackTags.removeLast()
        endCaptures(closing: tag)
        if commentStarts.last == depth { commentStarts.removeLast() }
        depth -= 1
        if index == -1 { skipDepth -= 1; return }
        if index == -2 { flush(); return }  // <br>
        switch tag {
        case .a where linkDepth > 0:
            linkDepth -= 1
            if linkDepth == 0, let start = linkStart, let href = linkHref {
                let linkText = String(decoding: text[start...], as: UTF8.self)
                if !linkText.isEmpty { links.append(.init(text: linkText, href: href)) }
                linkLength += length - linkLengthStart
                linkStart = nil
            }
        default: break
        }
        if tag.isBlock { flush(owner: index) }
        tree.elements[Int(index)].end = Int32(tree.elements.count)
        switch tag {
        case .blockquote: blockquoteDepth -= 1
        case .figure: figureDepth -= 1
        case .figcaption, .caption: captionDepth -= 1
        default: break
        }
        if tree.elements[Int(index)].isCaptionHint { captionDepth -= 1 }
        if tree.elements[Int(index)].isUnlikely { unlikelyDepth -= 1 }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A capture is a title, a heading or a short line: a container named "date" that holds the
        // whole page must not copy it.
        for i in captures.indices where captures[i].buffer.count < 4096 { captures[i].buffer.append(contentsOf: bytes) }
        if !captures.isEmpty, captures.contains(where: { $0.kind == .breadcrumb }) { breadcrumbItem.append(contentsOf: bytes) }
        guard skipDepth == 0, stackTags.last != .title else { return }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                pendingSpace = true
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {  // no-break space
                pendingSpace = true
                i += 1
            } else {
                if pendingSpace {
                    if !text.isEmpty { text.append(0x20); length += 1 }
                    pendingSpace = false
                }
                text.append(b)
                if b & 0xC0 != 0x80 { length += 1 }
                if b == 0x2C { commas += 1 }
            }
            i += 1
        }
    }

    mutating func finish() {
        while !stack.isEmpty { popOne() }
        flush()
    }

    // MARK: blocks

    private mutating func flushPendingSpace() {
        if pendingSpace, !text.isEmpty { text.append(0x20); length += 1 }
        pendingSpace = false
    }

    /// Ends the current text block, owned by `owner` or the innermost open element.
    private mutating func flush(owner: Int32? = nil) {
        pendingSpace = false
        defer {
            text.removeAll(keepingCapacity: true)
            length = 0; linkLength = 0; commas = 0; links = []
            if linkDepth > 0 { linkStart = 0; linkLengthStart = 0 }
        }
        guard !text.isEmpty else { return }
        if linkDepth > 0, let start = linkStart {  // a link spanning blocks: count what is inside
            linkLength += length - linkLengthStart
            _ = start
        }
        let ownerIndex: Int32 = owner ?? (stack.last(where: { $0 >= 0 }) ?? -1)
        let ownerTag = ownerIndex >= 0 ? tree.elements[Int(ownerIndex)].tag : .body
        let kind: PageTree.BlockKind
        if captionDepth > 0 || figureDepth > 0 { kind = .caption }
        else if ownerTag.isHeading { kind = .heading }
        else if blockquoteDepth > 0 { kind = .quote }
        else if ownerTag == .li || ownerTag == .dd || ownerTag == .dt { kind = .listItem }
        else if ownerTag == .pre { kind = .preformatted }
        else { kind = .paragraph }
        tree.blocks.append(.init(owner: ownerIndex, kind: kind, text: text, length: length,
                                 linkLength: min(linkLength, length), commas: commas, links: links,
                                 unlikely: unlikelyDepth > 0))
    }

    // MARK: metadata

    private mutating func recordSignals(_ tag: Tag, hint: ClassHints, href: String?, rel: String?,
                               metaKey: String?, metaContent: String?, datetime: String?) {
        switch tag {
        case .meta:
            if let k = metaKey, let c = metaContent {
                if signals.meta[k] == nil { signals.meta[k] = c }
                if PageBuilder.authorMetas.contains(k), signals.metaAuthors[k, default: []].count < 8 {
                    signals.metaAuthors[k, default: []].append(c)
                }
            }
        case .link:
            if rel == "canonical", let href, signals.canonical == nil { signals.canonical = href }
        case .base:
            if let href, signals.base == nil { signals.base = href }
        case .title where signals.title.isEmpty:
            captures.append((.title, depth, []))
        case .h1 where signals.firstH1.isEmpty && !captures.contains(where: { $0.kind == .h1 }):
            captures.append((.h1, depth, []))
        case .time:
            if let datetime, signals.timeDatetime == nil { signals.timeDatetime = datetime }
        case .a:
            if let rel, signals.categoryLink == nil, rel.contains("category") || rel == "tag" {
                captures.append((.categoryLink, depth, []))
            }
        default:
            if let k = metaKey, k == "datepublished", let v = datetime ?? metaContent, signals.meta["itemprop:datepublished"] == nil {
                signals.meta["itemprop:datepublished"] = v
            }
        }
        if let k = metaKey, tag != .meta, k == "datepublished", let v = datetime ?? metaContent,
           signals.meta["itemprop:datepublished"] == nil {
            signals.meta["itemprop:datepublished"] = v
        }
        do {
            if signals.breadcrumbs.isEmpty, hint.isBreadcrumb, !captures.contains(where: { $0.kind == .breadcrumb }) {
                captures.append((.breadcrumb, depth, []))
                breadcrumbItem = []
            } else if hint.isWeather, signals.weatherTexts.count < 8,
                      !captures.contains(where: { $0.kind == .weather }) {
                captures.append((.weather, depth, []))
            }
        }
        if tag == .a || tag == .li, captures.contains(where: { $0.kind == .breadcrumb }) {
            addBreadcrumbItem()
        }
    }

    /// Where the date and the author may be written in the page itself: `<time>`, elements named
    /// like a date line or a byline, `itemprop` and `rel=author`.
    private mutating func recordDateAndByline(_ tag: Tag, hint: ClassHints, rel: String?, itemprop: String?,
                                              datetime: String?, pubdate: Bool, metaContent: String?) {
        guard commentStarts.isEmpty else { return }
        let modified = hint.isModified || itemprop == "datemodified"
        if tag == .time || (datetime != nil && tag != .meta) {
            if let datetime, signals.times.count < 8 {
                signals.times.append(TimeMark(value: datetime, isPublished: pubdate || itemprop == "datepublished" || hint.isPublished,
                                              isModified: modified))
            }
        }
        if tag != .meta, itemprop == "datemodified", let v = datetime ?? metaContent, signals.meta["itemprop:datemodified"] == nil {
            signals.meta["itemprop:datemodified"] = v
        }
        guard tag != .meta, tag != .title, tag != .head, tag != .html, tag != .body else { return }
        // A byline often carries the date too ("By Jane Doe, 7 November 2023").
        if tag == .time || hint.isDate || hint.isAuthor || itemprop == "datepublished" || itemprop == "datemodified" {
            if signals.dateTexts.count + openCaptures(of: .dateText) + openCaptures(of: .modifiedText) < 12 {
                captures.append((modified ? .modifiedText : .dateText, depth, []))
            }
        }
        let isAuthor = itemprop == "author" || itemprop == "creator" || (rel.map { $0.split(separator: " ").contains("author") } ?? false)
            || hint.isAuthor
        if isAuthor, signals.bylines.count + openCaptures(of: .byline) < 8 {
            captures.append((.byline, depth, []))
        }
    }

    private func openCaptures(of kind: Capture) -> Int {
        var n = 0
        for c in captures where c.kind == kind { n += 1 }
        return n
    }

    static let authorMetas: Set<String> = ["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author",
                                           "article:author_name"]

    private mutating func addBreadcrumbItem() {
        let text = PageBuilder.collapse(breadcrumbItem)
        for part in text.split(whereSeparator: { ">/»›|".contains($0) }) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if !item.isEmpty, item.count < 80 { signals.breadcrumbs.append(item) }
        }
        breadcrumbItem = []
    }

    private mutating func endCaptures(closing tag: Tag) {
        if tag == .a || tag == .li, captures.contains(where: { $0.kind == .breadcrumb }) {
            addBreadcrumbItem()
        }
        while let last = captures.last, last.depth == depth {
            captures.removeLast()
            let value = PageBuilder.collapse(last.buffer)
            switch last.kind {
            case .title: signals.title = value
            case .h1:
                signals.firstH1 = value
                signals.dateTextsBeforeH1 = signals.dateTexts.count
            case .breadcrumb: addBreadcrumbItem()
            case .weather: if !value.isEmpty { signals.weatherTexts.append(value) }
            case .categoryLink: if !value.isEmpty { signals.categoryLink = value }
            case .dateText, .modifiedText:
                if !value.isEmpty, value.utf8.count < 200 {
                    signals.dateTexts.append(DateTextMark(text: value, isModified: last.kind == .modifiedText))
                }
            case .byline:
                if !value.isEmpty, value.utf8.count < 200 { signals.bylines.append(value) }
            }
        }
    }

    /// Whitespace runs to single spaces, trimmed.
    static func collapse(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
