import Foundation

/// The article's headline from what the page offers: its own `<h1>` where the metadata confirms
/// it, else the structured headline, `og:title`, and `<title>`, each without the site's name.
struct HeadlineChoice {
    var structured: String?
    var openGraph: String?
    var h1: String?
    var title: String?
    var site: SiteNames

    func choose() -> String? {
        let og = openGraph.map(site.strip).flatMap(nonEmpty).map { HeadlineChoice.withoutShortParts($0, dashes: false) }
        let ld = structured.map(site.strip).flatMap(nonEmpty)
        let title = self.title.map(site.strip).flatMap(nonEmpty).map { HeadlineChoice.withoutShortParts($0, dashes: true) }
        let h1 = self.h1.flatMap(nonEmpty).flatMap { site.isSite($0) ? nil : $0 }
        // A visible heading that the metadata also names is the headline as the reader sees it;
        // a heading the metadata does not know is often the site's logo or a section title.
        if let h1, h1.count <= 400 {
            let k = SiteNames.key(h1)
            for other in [ld, og, title, self.title, openGraph] {
                guard let other else { continue }
                let o = SiteNames.key(other)
                if o == k || (k.count >= 12 && o.hasPrefix(k)) || (k.count >= 12 && o.hasSuffix(k)) { return h1 }
            }
        }
        return ld ?? og ?? title ?? h1
    }

    /// A title whose site the page does not name: `Story | Blog name`, `Blog » Archive » Story`.
    /// Split at the first kind of separator it holds, the longest part is the headline when every
    /// other part is short (a name, not half a sentence). After a dash only a short ending goes:
    /// `Topic - Story` is often the headline itself.
    static func withoutShortParts(_ title: String, dashes: Bool) -> String {
        let strong = [" | ", " » ", " :: ", " · ", " // ", " : ", " • "]
        for sep in strong + (dashes ? [" – ", " — ", " - "] : []) where title.contains(sep) {
            let parts = title.components(separatedBy: sep).map { PageAssembler.trimSpaces($0) }.filter { !$0.isEmpty }
            guard parts.count >= 2, let longest = parts.indices.max(by: { parts[$0].count < parts[$1].count }) else { return title }
            let words = { (s: String) in s.split(separator: " ").count }
            let isDash = !strong.contains(sep)
            if isDash && longest != 0 { return title }
            let limit = isDash ? 3 : 5
            guard words(parts[longest]) >= 2,
                  parts.indices.allSatisfy({ $0 == longest || words(parts[$0]) <= limit }) else { return title }
            return parts[longest]
        }
        return title
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
