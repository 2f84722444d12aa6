import Foundation

/// The article fields of a page's JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, ...), also found
/// inside `@graph` arrays.
struct JSONLDArticle {
    var headline: String?
    var description: String?
    var datePublished: String?
    var section: String?
    var author: String?
    var publisher: String?
    var url: String?
    var articleBody: String?

    static func find(in blobs: [[UInt8]]) -> JSONLDArticle? {
        for blob in blobs {
            guard let any = try? JSONSerialization.jsonObject(with: Data(blob), options: [.fragmentsAllowed]) else { continue }
            // Iterative search, so a deeply nested blob cannot exhaust the stack.
            var queue: [Any] = [any]
            var steps = 0
            while !queue.isEmpty, steps < 10_000 {
                steps += 1
                let item = queue.removeFirst()
                if let array = item as? [Any] { queue.append(contentsOf: array); continue }
                guard let object = item as? [String: Any] else { continue }
                if isArticle(object["@type"]) { return JSONLDArticle(object) }
                if let graph = object["@graph"] { queue.append(graph) }
                if let main = object["mainEntity"] { queue.append(main) }
            }
        }
        return nil
    }

    private static func isArticle(_ type: Any?) -> Bool {
        let types: [String] = (type as? [String]) ?? ((type as? String).map { [$0] } ?? [])
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" }
    }

    private init(_ o: [String: Any]) {
        headline = JSONLDArticle.string(o["headline"]) ?? JSONLDArticle.string(o["name"])
        description = JSONLDArticle.string(o["description"])
        datePublished = JSONLDArticle.string(o["datePublished"]) ?? JSONLDArticle.string(o["dateCreated"])
        section = JSONLDArticle.string(o["articleSection"])
        author = JSONLDArticle.name(o["author"])
        publisher = JSONLDArticle.name(o["publisher"])
        articleBody = JSONLDArticle.string(o["articleBody"])
        url = JSONLDArticle.string(o["url"]) ?? JSONLDArticle.string((o["mainEntityOfPage"] as? [String: Any])?["@id"])
    }

    private static func string(_ v: Any?) -> String? {
        if let s = v as? String { return s.isEmpty ? nil : s }
        if let a = v as? [Any] { return a.lazy.compactMap { string($0) }.first }
        return nil
    }

    private static func name(_ v: Any?) -> String? {
        if let s = v as? String { return s.isEmpty ? nil : s }
        if let o = v as? [String: Any] { return string(o["name"]) }
        if let a = v as? [Any] {
            let names = a.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }
}
