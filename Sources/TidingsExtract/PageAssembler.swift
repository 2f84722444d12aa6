import Foundation
import TidingsModel

/// Turns the chosen blocks and the page's signals into a `ParsedPage`; every string is sanitised here.
struct PageAssembler {
    let signals: PageSignals
    let blocks: [PageTree.Block]
    /// Every text block of the page in order, the article's and the rest (dates and bylines near the headline).
    var allBlocks: [PageTree.Block] = []

    func page() -> ParsedPage {
        let ld = JSONLDArticle.find(in: signals.jsonLD)
        let meta = signals.meta
        func m(_ keys: String...) -> String? {
            for k in keys { if let v = meta[k].map(PageAssembler.metaText), !v.isEmpty { return v } }
            return nil
        }
        let siteName = m("og:site_name", "application-name") ?? ld?.publisher.map(PageAssembler.metaText)
        let canonical = signals.canonical ?? meta["og:url"] ?? ld?.url
        let baseURL = URLs.absolute(signals.base ?? "", relativeTo: nil) ?? URLs.absolute(canonical ?? "", relativeTo: nil)
        let url = canonical.flatMap { URLs.absolute($0, relativeTo: baseURL) }

        var (body, credits, links) = PageAssembler.body(blocks, baseURL: baseURL)
        // Pages rendered by script keep the article only in their structured data: when the page's
        // own text is less than half of JSON-LD's articleBody, the articleBody is the better body.
        if let structured = ld?.articleBody, structured.count > 200 {
            let found = body.reduce(0) { $0 + $1.text.count }
            if found < structured.count / 2 {
                let html = structured.contains("<") ? structured
                    : structured.split(whereSeparator: \.isNewline).map { "<p>\($0)</p>" }.joined()
                let fromLD = HTMLFragment.body(html: html, baseURL: baseURL)
                if !fromLD.blocks.isEmpty { body = fromLD.blocks; links = fromLD.links }
            }
        }

        let site = SiteNames(names: [siteName, ld?.publisher, ld?.websiteName, m("application-name")], url: url)
        var headline = HeadlineChoice(structured: ld?.isArticle == true ? ld?.headline.map(PageAssembler.metaText) : nil,
                                      openGraph: m("og:title", "twitter:title"),
                                      h1: nonEmpty(PageAssembler.metaText(signals.firstH1)),
                                      title: nonEmpty(PageAssembler.metaText(signals.title)), site: site).choose()
        // A heading that repeats the headline is not body text.
        if let h = headline, case .subheading(let first)? = body.first, first == h { body.removeFirst() }
        if headline == nil || headline!.isEmpty { headline = body.first.map { String($0.text.prefix(120)) } ?? "" }
        let summary = m("og:description", "description", "twitter:description")
            ?? ld?.description.map(PageAssembler.clean)
            ?? body.first(where: { if case .paragraph = $0 { return true } else { return false } })?.text
        let near = nearHeadline()
        let published = date(ld: ld, url: url, near: near, image: m("og:image", "twitter:image"))
        let category = SectionChoice(
            declared: [m("article:section", "og:section", "section", "parsely-section", "sailthru.section"), ld?.section].compactMap { $0 },
            structuredTrail: ld?.breadcrumbs ?? [], pageTrail: signals.breadcrumbs,
            categoryLink: signals.categoryLink.map(PageAssembler.metaText), url: url, headline: headline ?? "", site: site).choose()
        let metaAuthors = ["author", "dc.creator", "byl", "sailthru.author", "parsely-author", "article:author_name"]
            .flatMap { signals.metaAuthors[$0] ?? [] }
        let authors = AuthorChoice(structured: ld?.authors ?? [], articleAuthor: signals.metaAuthors["article:author"] ?? [],
                                   bylines: signals.bylines + near.filter(AuthorChoice.isBylineLine), metaAuthor: metaAuthors, site: site,
                                   publisher: ld?.publisher).choose()

        return ParsedPage(storedDate: nil, publishedDate: published?.day, weather: WeatherWidget.readings(signals.weatherTexts),
                          headline: headline ?? "", summary: summary,
                          body: ArticleBody(blocks: body, imageCredits: credits, links: links),
                          category: category, url: url.map { TextSanitizer.clean($0) }, author: nil,
                          siteName: siteName ?? ld?.websiteName.map(PageAssembler.clean),
                          authors: authors.map { TextSanitizer.clean($0) }, publishedAt: published?.utcSeconds)
    }

    /// Short lines of the page just after its `<h1>` (then just before it): where pages write the
    /// date and the byline without naming them in markup (`<small>Donnerstag, 15.2.2018</small>`).
    private func nearHeadline() -> [String] {
        guard !allBlocks.isEmpty else { return [] }
        let h1 = Array(signals.firstH1.utf8)
        var at = h1.isEmpty ? nil : allBlocks.firstIndex { $0.kind == .heading && $0.text == h1 }
        if at == nil { at = allBlocks.firstIndex { $0.kind == .heading } }
        guard let at else { return [] }
        var lines = [String]()
        for b in allBlocks[(at + 1)...].prefix(8) + allBlocks[..<at].suffix(3).reversed() where b.length <= 160 {
            lines.append(String(decoding: b.text, as: UTF8.self))
        }
        return lines
    }

    /// A meta value or title as text: character references a page escaped twice decoded, sanitised, collapsed.
    static func metaText(_ s: String) -> String {
        clean(EntityResidue.decode(s))
    }

    /// Publication metadata first, then the page's own date marks, the URL, modification dates.
    private func date(ld: JSONLDArticle?, url: String?, near: [String], image: String?) -> FoundDate? {
        let meta = signals.meta
        let publishedKeys = ["article:published_time", "og:published_time", "og:article:published_time", "itemprop:datepublished",
                             "datepublished"]
        let laterKeys = ["date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
                         "dcterms.date", "dcterms.issued", "dcterms.created", "dc.date.created", "sailthru.date",
                         "parsely-pub-date", "article.published", "article_date_original", "publication_date",
                         "original-publish-date", "datecreated", "article.created", "release_date", "displaydate",
                         "citation_publication_date", "citation_date", "created", "og:pubdate", "bt:pubdate", "uploaddate",
                         "itemprop:datecreated", "datecreated"]
        let modifiedKeys = ["article:modified_time", "og:updated_time", "og:modified_time", "itemprop:datemodified",
                            "datemodified", "last-modified", "dcterms.modified", "dc.date.modified", "lastmod", "revised"]
        var published = publishedKeys.compactMap { meta[$0] }
        if let p = ld?.datePublished { published.append(p) }
        published += laterKeys.compactMap { meta[$0] }
        var modified = modifiedKeys.compactMap { meta[$0] }
        if let m = ld?.dateModified { modified.append(m) }
        let blocks = self.blocks, all = self.allBlocks
        let choice = DateChoice(published: published, times: signals.times, dateTexts: signals.dateTexts,
                                dateTextsBeforeH1: signals.dateTextsBeforeH1, nearHeadline: near, url: url, modified: modified,
                                bodyTexts: {
                                    (blocks.prefix(400) + all.prefix(2000)).filter { $0.length < 400 && DateText.mayHoldYear($0.text) }
                                        .map { String(decoding: $0.text.prefix(300), as: UTF8.self) }
                                },
                                imageURL: image, language: signals.language)
        return choice.choose()
    }

    /// Blocks to body, credits and the body's absolute http(s) links (deduplicated).
    static func body(_ blocks: [PageTree.Block], baseURL: String?) -> ([BodyBlock], [String], [ArticleLink]) {
        var body = [BodyBlock]()
        var credits = [String]()
        var links = [ArticleLink]()
        var seenLinks = Set<String>()
        for block in blocks {
            // Block text is already collapsed by the builder: only sanitise and trim.
            let text = PageAssembler.trimSpaces(TextSanitizer.clean(String(decoding: block.text, as: UTF8.self)))
            guard !text.isEmpty else { continue }
            switch block.kind {
            case .caption: credits.append(text); continue
            case .heading: body.append(.subheading(text))
            case .listItem: body.append(.listItem(text))
            case .quote: body.append(.quote(text))
            case .paragraph, .preformatted: body.append(.paragraph(text))
            }
            for link in block.links {
                guard let abs = URLs.absolute(link.href, relativeTo: baseURL), seenLinks.insert(abs).inserted else { continue }
                let label = PageAssembler.clean(link.text)
                links.append(ArticleLink(text: label.isEmpty ? abs : label, url: TextSanitizer.clean(abs)))
            }
        }
        return (body, credits, links)
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// Without leading and trailing ASCII spaces (Foundation's trimming was a tenth of the run time).
    static func trimSpaces(_ s: String) -> String {
        let u = s.utf8
        guard u.first == 0x20 || u.last == 0x20 else { return s }
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
        return String(s[start..<end])
    }

    /// Sanitised, whitespace collapsed, trimmed.
    static func clean(_ s: String) -> String {
        let cleaned = TextSanitizer.clean(s)
        return Whitespace.collapsed(cleaned) ?? collapseByCharacters(cleaned)
    }

    /// The Character definition of the collapse, for what `Whitespace.collapsed` leaves (a
    /// whitespace scalar inside a Character) and for tests comparing the two.
    static func collapseByCharacters(_ s: String) -> String {
        guard s.contains(where: { $0.isWhitespace }) else { return s }
        return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

enum URLs {
    /// An absolute http(s) URL, resolving `href` against `base`; nil for anything else.
    static func absolute(_ href: String, relativeTo base: String?) -> String? {
        let trimmed = Whitespace.trimmed(href)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        let resolved: URL?
        if let base, let baseURL = URL(string: base) {
            resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL
        } else {
            resolved = URL(string: trimmed)
        }
        guard let url = resolved, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host?.isEmpty == false else { return nil }
        return url.absoluteString
    }
}

/// A weather widget's text (temperature and place) as readings, best effort:
/// `30°C Singapore`, `Singapore 30 °C`, `72°F New York`.
enum WeatherWidget {
    static func readings(_ texts: [String]) -> [WeatherReading] {
        var out = [WeatherReading]()
        for text in texts {
            let words = PageAssembler.clean(text).split(separator: " ").map(String.init)
            var i = 0
            while i < words.count {
                if let (celsius, used) = temperature(words, i) {
                    var place = words[(i + used)...].prefix(while: { temperature([$0], 0) == nil && $0.first?.isLetter == true })
                        .prefix(3).joined(separator: " ")
                    // "BLR 26°C Clouds": what follows is the sky, and the place stands before.
                    if let sky = place.split(separator: " ").first, conditions.contains(sky.lowercased()) { place = "" }
                    if place.isEmpty, i > 0, words[i - 1].first?.isLetter == true { place = words[i - 1] }
                    if !place.isEmpty { out.append(WeatherReading(region: place, celsius: celsius, date: nil)) }
                    i += used
                } else { i += 1 }
            }
        }
        return out
    }

    /// Words for the sky that widgets print after the temperature, never a place.
    private static let conditions: Set<String> = ["clouds", "cloudy", "clear", "sunny", "sun", "rain", "rainy", "showers",
        "drizzle", "snow", "sleet", "fog", "foggy", "mist", "haze", "hazy", "smoke", "dust", "overcast", "partly",
        "mostly", "thunderstorm", "thunderstorms", "storm", "windy", "fair"]

    /// `30°C`, `30 °C`, `30 ° C`, `-2.5C`, `30°`, `72°F` at `i`: celsius and words used.
    private static func temperature(_ words: [String], _ i: Int) -> (Double, Int)? {
        var w = words[i]
        var used = 1
        while used < 3, i + used < words.count, ["°C", "°F", "C", "F", "°", "ºC", "ºF", "º"].contains(words[i + used]),
              !(w.hasSuffix("C") || w.hasSuffix("F")) {
            w += words[i + used]; used += 1
        }
        var unit: Character = "C"
        var numberPart = Substring(w)
        if numberPart.hasSuffix("F") { unit = "F"; numberPart = numberPart.dropLast() }
        else if numberPart.hasSuffix("C") { numberPart = numberPart.dropLast() }
        else if !numberPart.hasSuffix("°") && !numberPart.hasSuffix("º") { return nil }
        while numberPart.hasSuffix("°") || numberPart.hasSuffix("º") { numberPart = numberPart.dropLast() }
        guard let v = Double(numberPart.replacingOccurrences(of: "−", with: "-")), v > -100, v < 150 else { return nil }
        return (unit == "F" ? ((v - 32) * 5 / 9 * 10).rounded() / 10 : v, used)
    }
}
