/// Scores an element's `class` and `id` the way readability does: words that mark article text
/// count for it, words that mark page furniture count against it.
enum ClassHints {
    static let positive = ["article", "body", "content", "entry", "hentry", "main", "page", "post", "text",
                           "blog", "story", "prose", "rich-text", "richtext"]
    static let negative = ["comment", "contact", "foot", "masthead", "meta", "outbrain", "taboola",
                           "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
                           "shopping", "widget", "social", "newsletter", "subscri", "banner", "breadcrumb",
                           "menu", "popup", "modal", "cookie", "gdpr", "recommend", "trending", "popular",
                           "login", "signup", "disqus", "toolbar", "pagination", "pager", "byline", "author",
                           "tags", "tagcloud", "combx", "community", "hidden", "print", "advert", "caption", "credit",
                           "most-read", "mostread", "read-more", "readmore", "more-stories", "further", "nav",
                           "header", "masthead", "dateline", "timestamp", "rating", "signin", "follow"]
    /// Whole words (split on space, '-' and '_') that would be too broad as substrings.
    static let negativeWords: Set<String> = ["ad", "ads", "adv", "dfp", "tag", "tools", "tool", "date", "time",
                                             "hide", "hid", "extra", "bio", "list", "links", "teaser", "teasers",
                                             "sharing", "embed", "video", "gallery", "photo", "image", "img",
                                             "figure", "infobox", "aside", "promo", "more", "next", "prev", "top"]

    /// A weight in multiples of 25, like readability's class weight, for a lowercased class+id string.
    static func weight(_ hint: String) -> Int {
        guard !hint.isEmpty else { return 0 }
        var w = 0
        var neg = false
        for word in negative where hint.contains(word) { neg = true; break }
        if !neg {
            for part in hint.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            where negativeWords.contains(String(part)) { neg = true; break }
        }
        if neg { w -= 25 }
        for word in positive where hint.contains(word) { w += 25; break }
        return w
    }
}
