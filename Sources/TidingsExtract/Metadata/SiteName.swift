import Foundation

/// The names a site goes by on one page (`og:site_name`, the JSON-LD publisher and `WebSite`, the
/// host of its URL), and headlines with that name taken off (`Headline - BBC News`, `Site | Headline`).
struct SiteNames {
    /// Lowercased letters and digits of each name, without spaces ("bbcnews").
    private(set) var keys: [String] = []
    /// The host's distinctive label ("bbc" of www.bbc.co.uk), when the page's URL is known.
    private(set) var hostLabel: String?

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", " // ", " ~ ", " : ", ": ", " |", "| "]

    init(names: [String?], url: String?) {
        for case let n? in names {
            let k = SiteNames.key(n)
            if k.count >= 2, !keys.contains(k) { keys.append(k) }
        }
        if let url, let host = SiteNames.host(url) { hostLabel = SiteNames.label(host) }
    }

    /// Whether `part` of a title names the site: equal to a known name, or one contains the other
    /// (`BBC` and `BBC News`), or it is the host's label (`Spiegel` on spiegel.de).
    func isSite(_ part: String) -> Bool {
        let k = SiteNames.key(part)
        guard k.count >= 2 else { return false }
        if SiteNames.isDomain(part) { return true }
        for name in keys {
            if k == name { return true }
            if name.count >= 3, k.count >= 3, k.hasPrefix(name) || name.hasPrefix(k) || k.hasSuffix(name) { return true }
        }
        if let label = hostLabel, label.count >= 3 {
            if k == label || k.hasPrefix(label) || label.hasPrefix(k) && k.count >= 4 { return true }
            if k.count <= label.count + 12, k.contains(label) { return true }
        }
        return false
    }

    /// `title` without the site's name at its end or start, as many times as it is there
    /// (`Story - Section - Site`: the section stays unless it also names the site).
    func strip(_ title: String) -> String {
        var t = title
        var changed = true
        var rounds = 0
        while changed, rounds < 4 {
            changed = false
            rounds += 1
            for sep in SiteNames.separators {
                guard let r = t.range(of: sep, options: .backwards) else { continue }
                let tail = String(t[r.upperBound...])
                let head = PageAssembler.trimSpaces(String(t[..<r.lowerBound]))
                if !head.isEmpty, isSite(tail) { t = head; changed = true; break }
                if let f = t.range(of: sep) {
                    let first = String(t[..<f.lowerBound])
                    let rest = PageAssembler.trimSpaces(String(t[f.upperBound...]))
                    if !rest.isEmpty, isSite(first) { t = rest; changed = true; break }
                }
            }
        }
        // `Headline - BBC` where nothing named the site but the ending is the host's own words.
        return t
    }

    /// `MacTechNews.de`, `chadim.net`: a title part that is a domain name names the site.
    static func isDomain(_ part: String) -> Bool {
        let t = part.trimmingCharacters(in: .whitespaces)
        guard !t.contains(" "), let dot = t.lastIndex(of: "."), dot != t.startIndex else { return false }
        let tld = t[t.index(after: dot)...]
        return (2...6).contains(tld.count) && tld.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Lowercased letters and digits only.
    static func key(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() where c.isLetter || c.isNumber { out.append(c) }
        return out
    }

    static func host(_ url: String) -> String? {
        guard let r = url.range(of: "://") else { return nil }
        let rest = url[r.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The registrable label of a host: `www.bbc.co.uk` -> `bbc`, `edition.cnn.com` -> `cnn`.
    static func label(_ host: String) -> String? {
        var parts = host.split(separator: ".").map(String.init)
        guard parts.count >= 2 else { return parts.first }
        parts.removeLast()  // top-level domain
        // Second-level domains that registries sell under a country (`co.uk`, `com.au`).
        if parts.count >= 2, ["co", "com", "org", "net", "ac", "gov", "or", "ne", "gv"].contains(parts.last!) { parts.removeLast() }
        return parts.last.map { key($0) }
    }
}
