/// Scores an element's `class` and `id` the way readability does: words that mark article text
/// count for it, words that mark page furniture count against it. Works on bytes (Foundation's
/// `contains` was most of the parse time), and the builder caches the answer per distinct hint.
struct ClassHints {
    var weight: Int16 = 0
    var isCaption = false
    var isBreadcrumb = false
    var isWeather = false
    /// Named like a date line, a byline or an article's meta line: its text may hold the date.
    var isDate = false
    /// Named like an update or modification time (a date of last resort).
    var isModified = false
    /// Named like the publication time ("published", "posted", "created").
    var isPublished = false
    /// Named like an author's name or a byline.
    var isAuthor = false
    /// Named like a comment or a reply: dates and names inside are the commenters'.
    var isComment = false
    /// Furniture so clearly named that readability drops it before scoring ("unlikely candidates").
    var isUnlikely = false

    static let positive = bytes(["article", "body", "content", "entry", "hentry", "main", "page", "post", "text",
                                 "blog", "story", "prose"])
    static let negative = bytes(["comment", "contact", "foot", "masthead", "meta", "outbrain", "taboola",
                                 "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
                                 "shopping", "widget", "social", "newsletter", "subscri", "banner", "breadcrumb",
                                 "menu", "popup", "modal", "cookie", "gdpr", "recommend", "trending", "popular",
                                 "login", "signup", "disqus", "toolbar", "pagination", "pager", "byline", "author",
                                 "tags", "tagcloud", "combx", "community", "hidden", "print", "advert",
                                 "caption", "credit", "most-read", "mostread", "read-more", "readmore", "more-stories",
                                 "further", "nav", "header", "dateline", "timestamp", "rating", "signin", "follow"])
    /// Whole words (split on space, '-' and '_') that would be too broad as substrings.
    static let negativeWords: Set<[UInt8]> = Set(bytes(["ad", "ads", "adv", "dfp", "tag", "tools", "tool", "date", "time",
                                                        "hide", "hid", "extra", "bio", "list", "links", "teaser", "teasers",
                                                        "sharing", "embed", "video", "gallery", "photo", "image", "img",
                                                        "figure", "infobox", "aside", "more", "next", "prev", "top"]))
    static let unlikely = bytes(["comment", "disqus", "sidebar", "related", "share", "social", "newsletter", "subscri",
                                 "cookie", "popup", "modal", "footer", "masthead", "menu", "breadcrumb", "outbrain",
                                 "taboola", "sponsor", "promo", "banner", "skyscraper", "recommend", "trending",
                                 "most-read", "mostread", "gdpr", "signup", "login", "pagination", "pager", "shoutbox",
                                 "combx", "community", "remark", "replies", "agegate", "supplemental", "ad-break",
                                 "legends", "rss", "yom-remote"])
    static let maybe = bytes(["article", "body", "content", "main", "column", "shadow"])
    static let caption = bytes(["caption", "credit"])
    static let breadcrumb = bytes(["breadcrumb"])
    static let weather = bytes(["weather"])
    static let date = bytes(["date", "time", "publish", "posted", "datum", "fecha", "byline", "meta"])
    static let modified = bytes(["update", "modif", "edited", "aktualisiert"])
    static let author = bytes(["author", "byline", "autor", "writer", "reporter", "journalist", "creator", "verfasser",
                               "contributor"])

    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// For a lowercased "class id" string.
    init(_ hint: [UInt8]) {
        guard !hint.isEmpty else { return }
        var neg = ClassHints.any(NeedleIndexCache.negative, in: hint)
        if !neg {
            var word = [UInt8]()
            for b in hint + [0x20] {
                if b == 0x20 || b == 0x2D || b == 0x5F {
                    if ClassHints.negativeWords.contains(word) { neg = true; break }
                    word.removeAll(keepingCapacity: true)
                } else { word.append(b) }
            }
        }
        if neg { weight -= 25 }
        if ClassHints.any(NeedleIndexCache.positive, in: hint) { weight += 25 }
        isUnlikely = ClassHints.any(NeedleIndexCache.unlikely, in: hint) && !ClassHints.any(NeedleIndexCache.maybe, in: hint)
        isCaption = ClassHints.any(NeedleIndexCache.caption, in: hint)
        isBreadcrumb = ClassHints.contains(hint, ClassHints.breadcrumb[0])
        isWeather = ClassHints.contains(hint, ClassHints.weather[0])
        // A comment's date is not the article's.
        isDate = ClassHints.any(NeedleIndexCache.date, in: hint) && !ClassHints.any(NeedleIndexCache.comment, in: hint)
        isModified = isDate && ClassHints.any(NeedleIndexCache.modified, in: hint)
        isPublished = ClassHints.any(NeedleIndexCache.published, in: hint)
        // A comment's author is not the article's.
        isComment = ClassHints.any(NeedleIndexCache.comment, in: hint)
        isAuthor = ClassHints.any(NeedleIndexCache.author, in: hint) && !isComment
    }

    /// Needle lists indexed by first byte, so a hint is scanned once per list, not once per needle.
    struct NeedleIndex {
        let byFirst: [[[UInt8]]]
        init(_ needles: [[UInt8]]) {
            var table = [[[UInt8]]](repeating: [], count: 256)
            for n in needles where !n.isEmpty { table[Int(n[0])].append(n) }
            byFirst = table
        }
    }


    static func any(_ index: NeedleIndex, in hay: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { h in
            for i in 0..<h.count {
                for needle in index.byFirst[Int(h[i])] where i + needle.count <= h.count {
                    var k = 1
                    while k < needle.count, h[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
            }
            return false
        }
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        let first = needle[0]
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// The fixed needle lists, indexed once.
enum NeedleIndexCache {
    static let positive = ClassHints.NeedleIndex(ClassHints.positive)
    static let negative = ClassHints.NeedleIndex(ClassHints.negative)
    static let unlikely = ClassHints.NeedleIndex(ClassHints.unlikely)
    static let maybe = ClassHints.NeedleIndex(ClassHints.maybe)
    static let caption = ClassHints.NeedleIndex(ClassHints.caption)
    static let date = ClassHints.NeedleIndex(ClassHints.date)
    static let modified = ClassHints.NeedleIndex(ClassHints.modified)
    static let comment = ClassHints.NeedleIndex(ClassHints.bytes(["comment", "respond", "reply"]))
    static let published = ClassHints.NeedleIndex(ClassHints.bytes(["publish", "posted", "created"]))
    static let author = ClassHints.NeedleIndex(ClassHints.author)

}
