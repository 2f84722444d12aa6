/// Feeds a web page names with `<link rel="alternate" type="application/rss+xml" href="...">`
/// (or atom+xml), resolved against the page's URL.
public enum Autodiscovery {
    public struct Found: Sendable, Equatable {
        public var url: String
        public var title: String?
    }

    public static func feeds(inHTML bytes: [UInt8], pageURL: String) -> [Found] {
        var scanner = OPML.Scanner(Array(bytes.prefix(2 << 20)))
        var found: [Found] = []
        while let tag = scanner.nextTag() {
            let name = tag.name.lowercased()
            if name == "body" && !tag.closing { break }
            guard name == "link", !tag.closing else { continue }
            let rel = (tag.attributes["rel"] ?? "").lowercased().split(separator: " ")
            let type = (tag.attributes["type"] ?? "").lowercased()
            guard rel.contains("alternate"), type.contains("rss") || type.contains("atom"),
                  let href = tag.attributes["href"]?.trimmingSpaces(), !href.isEmpty else { continue }
            let url = resolve(href, against: pageURL)
            guard URLCheck.problem(url) == nil, !found.contains(where: { $0.url == url }) else { continue }
            found.append(Found(url: url, title: tag.attributes["title"].flatMap { $0.isEmpty ? nil : $0 }))
        }
        return found
    }

    /// A reference resolved against an absolute http(s) URL (RFC 3986's common cases).
    public static func resolve(_ reference: String, against base: String) -> String {
        if let colon = reference.firstIndex(of: ":"), reference[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           !reference[..<colon].isEmpty {
            return reference
        }
        guard let schemeEnd = base.firstRange(of: "://") else { return reference }
        let scheme = base[..<schemeEnd.lowerBound]
        if reference.hasPrefix("//") { return scheme + ":" + reference }
        let afterScheme = base[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let origin = String(base[..<authorityEnd])
        if reference.hasPrefix("/") { return origin + reference }
        var path = String(afterScheme[authorityEnd...].prefix { $0 != "?" && $0 != "#" })
        if reference.hasPrefix("?") { return origin + path + reference }
        if let slash = path.lastIndex(of: "/") { path = String(path[...slash]) } else { path = "/" }
        var segments: [Substring] = []
        for segment in (path + reference).split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if segment == ".." { if !segments.isEmpty { segments.removeLast() } } else if segment != "." { segments.append(segment) }
        }
        return origin + "/" + segments.joined(separator: "/")
    }

    /// The channel's (or Atom feed's) own title.
    public static func feedTitle(_ bytes: [UInt8]) -> String? {
        guard let document = FeedDocument(bytes) else { return nil }
        let head = Array(bytes[..<(document.items.first?.lowerBound ?? min(bytes.count, 65536))])
        return FeedDocument.elementText("title", in: head).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    }

    /// Whether the bytes are an RSS or Atom document.
    public static func isFeed(_ bytes: [UInt8]) -> Bool { FeedDocument(bytes) != nil }
}
