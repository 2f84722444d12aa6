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
        let og = openGraph.map(site.strip).flatMap(nonEmpty)
        let ld = structured.map(site.strip).flatMap(nonEmpty)
        let title = self.title.map(site.strip).flatMap(nonEmpty)
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

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
