import Foundation

/// What a page's JSON-LD says about its article, from every object of every block (`@graph`
/// arrays, `mainEntity`, nested objects): the article object's fields first, then those of other
/// types (`WebPage`, `ItemPage`...) where the article object has none.
struct JSONLDArticle {
    var headline: String?
    var description: String?
    var datePublished: String?
    var dateModified: String?
    var section: String?
    var authors: [String] = []
    var publisher: String?
    /// The `WebSite` object's name.
    var websiteName: String?
    var url: String?
    var articleBody: String?
    /// `BreadcrumbList` item names in position order.
    var breadcrumbs: [String] = []
    /// Whether an object of an article type was found (not only a `WebPage`).
    var isArticle = false

    static func find(in blobs: [[UInt8]]) -> JSONLDArticle? {
        var objects = [[String: Any]]()
        for blob in blobs {
            guard let any = parse(blob) else { continue }
            collect(any, into: &objects)
        }
        guard !objects.isEmpty else { return nil }
        // `{"@id": ...}` references (WordPress SEO plugins point the article's author at a Person
        // elsewhere in the graph) resolve to the full object of that id.
        var byID = [String: [String: Any]]()
        for o in objects {
            if let id = o["@id"] as? String, o.count > 1, byID[id] == nil || (byID[id]!.count < o.count) { byID[id] = o }
        }
        var result = JSONLDArticle()
        let article = objects.first { isArticle($0["@type"]) }
        result.isArticle = article != nil
        // The article first, then pages, then anything else that has the field.
        let pages = objects.filter { isPage($0["@type"]) }
        let ordered = (article.map { [$0] } ?? []) + pages + objects
        func first(_ f: ([String: Any]) -> String?) -> String? {
            for o in ordered { if let v = f(o) { return v } }
            return nil
        }
        let main = article ?? pages.first
        result.headline = main.flatMap { string($0["headline"]) ?? string($0["name"]) }
            ?? first { string($0["headline"]) }
        result.description = main.flatMap { string($0["description"]) }
        result.datePublished = first { string($0["datePublished"]) } ?? first { string($0["dateCreated"]) }
            ?? first { string($0["uploadDate"]) }
        result.dateModified = first { string($0["dateModified"]) }
        result.section = first { string($0["articleSection"]) }
        for o in ordered where result.authors.isEmpty {
            guard let a = o["author"] ?? o["creator"] else { continue }
            result.authors = names(a, byID: byID)
        }
        result.publisher = first { ($0["publisher"]).flatMap { names($0, byID: byID).first } }
        result.websiteName = objects.first { types($0["@type"]).contains("WebSite") }.flatMap { string($0["name"]) }
        result.articleBody = article.flatMap { string($0["articleBody"]) }
        result.url = main.flatMap { string($0["url"]) ?? string(($0["mainEntityOfPage"] as? [String: Any])?["@id"]) }
        if let list = objects.first(where: { types($0["@type"]).contains("BreadcrumbList") }) {
            result.breadcrumbs = breadcrumbNames(list, byID: byID)
        }
        return result
    }

    /// JSONSerialization, then once more with raw control characters (newlines inside strings,
    /// which browsers accept and many pages write) turned into spaces.
    private static func parse(_ blob: [UInt8]) -> Any? {
        if let any = try? JSONSerialization.jsonObject(with: Data(blob), options: [.fragmentsAllowed]) { return any }
        guard blob.contains(where: { $0 < 0x20 }) else { return nil }
        let repaired = blob.map { $0 < 0x20 ? 0x20 : $0 }
        return try? JSONSerialization.jsonObject(with: Data(repaired), options: [.fragmentsAllowed])
    }

    /// Every object, breadth first, iteratively (a deeply nested blob cannot exhaust the stack).
    private static func collect(_ root: Any, into objects: inout [[String: Any]]) {
        var queue: [Any] = [root]
        var head = 0
        while head < queue.count, head < 10_000 {
            let item = queue[head]
            head += 1
            // Only as many as the walk can visit: a flat array of millions is not copied whole.
            if let array = item as? [Any] { queue.append(contentsOf: array.prefix(max(0, 10_000 - queue.count))); continue }
            guard let object = item as? [String: Any] else { continue }
            objects.append(object)
            for key in ["@graph", "mainEntity", "itemListElement", "item", "isPartOf", "author", "publisher", "creator"] {
                if let v = object[key], v is [Any] || v is [String: Any] { queue.append(v) }
            }
        }
    }

    static func types(_ type: Any?) -> [String] {
        (type as? [String]) ?? ((type as? String).map { [$0] } ?? [])
    }

    private static func isArticle(_ type: Any?) -> Bool {
        types(type).contains {
            $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting"
                || $0 == "SocialMediaPosting" || $0 == "Review" || $0 == "Recipe"
        }
    }

    private static func isPage(_ type: Any?) -> Bool {
        types(type).contains { $0.hasSuffix("Page") }
    }

    private static func string(_ v: Any?) -> String? {
        if let s = v as? String {
            let t = Whitespace.trimmed(s)
            return t.isEmpty ? nil : t
        }
        if let a = v as? [Any] { return a.lazy.compactMap { string($0) }.first }
        return nil
    }

    /// Names of a person, an organisation, a list of them, or references to them by `@id`.
    static func names(_ v: Any, byID: [String: [String: Any]]) -> [String] {
        var out = [String]()
        var queue: [Any] = [v]
        var head = 0
        // A queue read from its head (removeFirst moved the rest each time), holding no more
        // than the 100 steps can take: a 3-million-number author array is neither moved nor copied.
        while head < queue.count, head < 100 {
            let item = queue[head]
            head += 1
            if let s = item as? String {
                let t = Whitespace.trimmed(s)
                if !t.isEmpty, !t.hasPrefix("http") { out.append(t) }
            } else if let a = item as? [Any] {
                queue.append(contentsOf: a.prefix(max(0, 100 - queue.count)))
            } else if let o = item as? [String: Any] {
                if let n = string(o["name"]) {
                    out.append(n)
                } else if let given = string(o["givenName"]) {
                    out.append([given, string(o["familyName"])].compactMap { $0 }.joined(separator: " "))
                } else if o.count <= 2, let id = o["@id"] as? String, let target = byID[id], target.count > o.count {
                    queue.append(target)
                }
            }
        }
        return out
    }

    private static func breadcrumbNames(_ list: [String: Any], byID: [String: [String: Any]]) -> [String] {
        guard let items = list["itemListElement"] as? [Any] else { return [] }
        var named = [(Int, String)]()
        for (i, any) in items.enumerated() {
            guard let o = any as? [String: Any] else { continue }
            let position = (o["position"] as? Int) ?? Int(o["position"] as? String ?? "") ?? i
            var name = string(o["name"])
            if name == nil, let item = o["item"] as? [String: Any] {
                name = string(item["name"]) ?? (item["@id"] as? String).flatMap { byID[$0] }.flatMap { string($0["name"]) }
            }
            if let name { named.append((position, name)) }
        }
        return named.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
