import Foundation

/// The page's section (`Sport`, `Politik`): `article:section`, JSON-LD `articleSection`, the
/// breadcrumb trail, a category link, and the first segment of the page's URL path. A string that
/// reads like a headline (long, a sentence, the headline itself) is never a section.
struct SectionChoice {
    var declared: [String] = []
    var structuredTrail: [String] = []
    var pageTrail: [String] = []
    var categoryLink: String?
    var url: String?
    var headline: String
    var site: SiteNames

    func choose() -> String? {
        for raw in declared {
            // `Politik, Inland`: several sections in one value; the first is the main one.
            let first = raw.split(separator: ",").first.map(String.init) ?? raw
            if let s = section(first) { return s }
        }
        // The trail's last item is often the article itself, which `section` turns away.
        if let s = trail(structuredTrail) { return s }
        if let link = categoryLink, let s = section(link) { return s }
        if let s = trail(pageTrail) { return s }
        if let url, let s = SectionChoice.fromURL(url) { return s }
        return nil
    }

    private func trail(_ items: [String]) -> String? {
        items.map(PageAssembler.clean).filter { section($0) != nil && !isHome($0) }.last
    }

    private func isHome(_ s: String) -> Bool {
        let k = SiteNames.key(s)
        return ["home", "startseite", "start", "accueil", "inicio", "portada", "homepage", "news", "nachrichten"].contains(k)
            || site.isSite(s)
    }

    /// `raw` as a section name, or nil when it reads like a headline or is empty.
    func section(_ raw: String) -> String? {
        let s = PageAssembler.clean(raw)
        guard SectionChoice.isSectionLike(s) else { return nil }
        let k = SiteNames.key(s)
        let h = SiteNames.key(headline)
        if k == h || (k.count >= 12 && h.contains(k)) { return nil }
        return s
    }

    /// Short, a few words, not a sentence: `Sport`, `Social Media Marketing`, `Filme & Serien`.
    static func isSectionLike(_ s: String) -> Bool {
        guard s.count >= 2, s.count <= 40, s.contains(where: \.isLetter) else { return false }
        if s.split(separator: " ").count > 5 { return false }
        if s.contains("://") || s.hasSuffix("?") || s.hasSuffix("!") || s.hasSuffix(":") || s.contains(". ") { return false }
        return true
    }

    /// The first path segment of an article URL (`/sport/...` -> `Sport`) when the path goes
    /// deeper than that segment and the segment is a word, not an id, a date or a language code.
    static func fromURL(_ url: String) -> String? {
        guard let r = url.range(of: "://") else { return nil }
        let afterHost = url[r.upperBound...].drop { $0 != "/" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/")
        guard segments.count >= 2 else { return nil }
        var first = segments[0]
        // `/de/politik/...`, `/en-gb/sport/...`: a language code before the section.
        if first.count == 2 || (first.count == 5 && first.dropFirst(2).first == "-"), segments.count >= 3 { first = segments[1] }
        guard first.count >= 3, first.count <= 24, first.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }),
              !first.contains(".") else { return nil }
        let lower = first.lowercased()
        if ["news", "article", "articles", "story", "stories", "post", "posts", "blog", "blogs", "content", "amp", "www",
            "index", "page", "pages", "p", "a", "n", "item", "items", "artikel", "nachrichten", "noticias", "actualites",
            "notizie", "web", "html", "archive", "archives", "node", "id", "tag", "tags", "category", "categories",
            "author", "video", "videos", "live", "wp-content", "uploads"].contains(lower) {
            return nil
        }
        let words = lower.split { $0 == "-" || $0 == "_" }
        guard words.count <= 3 else { return nil }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
