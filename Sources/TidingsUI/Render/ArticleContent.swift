import Foundation
import TidingsModel

/// One line of the article pane before it is placed on screen.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var element: ThemeElement
    public init(_ text: String, _ element: ThemeElement) {
        self.text = text
        self.element = element
    }
}

/// The article pane as lines wrapped to a width: shared by the renderer and by the reducer,
/// which needs the line count to page and to stop at the end.
public enum ArticleContent {
    /// The lines for an article, remembered for the last article, body and width: every frame
    /// and most keys while reading ask for them, and wrapping a long article each time cost a
    /// few milliseconds per frame. The result depends only on the arguments, so remembering it
    /// changes nothing else; the comparison is cheap because unchanged text shares storage.
    public static func lines(for article: Article, body: BodyState?, width: Int) -> [StyledLine] {
        if let hit = LastWrap.shared.lookup(article, body, width) { return hit }
        let lines = wrap(article, body: body, width: width)
        LastWrap.shared.store(article, body, width, lines)
        return lines
    }

    static func wrap(_ article: Article, body: BodyState?, width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        var out: [StyledLine] = []
        func add(_ text: String, _ element: ThemeElement, indent: String = "", hanging: String? = nil) {
            let first = indent, rest = hanging ?? indent
            let wrapped = Wrap.lines(text, width: max(1, width - TextWidth.of(first)))
            for (i, l) in wrapped.enumerated() { out.append(StyledLine((i == 0 ? first : rest) + l, element)) }
        }
        func blank() { if let last = out.last, !last.text.isEmpty { out.append(StyledLine("", .articleBody)) } }

        add(article.headline, .articleHeadline)
        var meta: [String] = []
        if let d = article.date { meta.append(d.description) }
        meta.append(article.category)
        if let site = article.site { meta.append(site) }
        else if let path = article.sourcePath { meta.append(path.split(separator: "/").last.map(String.init) ?? path) }
        else if article.kind == .teaser { meta.append("teaser") }
        add(meta.joined(separator: " · "), .articleMeta)
        if !article.authors.isEmpty { add("By " + article.authors.joined(separator: ", "), .articleMeta) }
        if let url = article.url { add(url, .articleLink) }
        blank()
        if let summary = article.summary, !summary.isEmpty {
            add(summary, .articleStandfirst)
            blank()
        }
        if article.kind == .teaser {
            add("Only the summary of this article is stored: it was seen as a teaser on another page.", .articleNote)
            return out
        }
        switch body {
        case nil, .loading?:
            add("Loading…", .articleNote)
        case .failed(let message)?:
            add("Could not load this article: \(message)", .articleNote)
        case .loaded(let loaded)?:
            var b = loaded
            b.blocks = loaded.blocks(belowSummary: article.summary)
            for (i, block) in b.blocks.enumerated() {
                switch block {
                case .paragraph(let t): add(t, .articleBody)
                case .subheading(let t): add(t, .articleSubheading)
                case .quote(let t): add(t, .articleQuote, indent: "│ ")
                case .listItem(let t): add(t, .articleBody, indent: "• ", hanging: "  ")
                }
                // A blank line between blocks, except under a subheading and inside a list.
                let next = i + 1 < b.blocks.count ? b.blocks[i + 1] : nil
                switch (block, next) {
                case (.subheading, _?), (.listItem, .listItem?): break
                default: blank()
                }
            }
            if loaded.blocks.isEmpty {
                add("(This stored page has no body text.)", .articleNote)
                blank()
            }
            for credit in b.imageCredits {
                add(credit.lowercased().hasPrefix("image credit") ? credit : "Image credit: \(credit)", .articleCredit)
            }
            if !b.imageCredits.isEmpty { blank() }
            if !b.links.isEmpty {
                add("Links", .articleSubheading)
                for (i, link) in b.links.enumerated() {
                    let label = link.text.isEmpty ? link.url : "\(link.text) — \(link.url)"
                    let number = "[\(i + 1)] "
                    add(label, .articleLink, indent: number, hanging: String(repeating: " ", count: number.count))
                }
            }
        }
        while out.last?.text.isEmpty == true { out.removeLast() }
        return out
    }
}

/// A one-entry memo for `ArticleContent.lines`, safe from any thread (tests render in parallel).
private final class LastWrap: @unchecked Sendable {
    static let shared = LastWrap()
    private let lock = NSLock()
    private var key: (article: Article, body: BodyState?, width: Int)?
    private var lines: [StyledLine] = []

    func lookup(_ article: Article, _ body: BodyState?, _ width: Int) -> [StyledLine]? {
        lock.lock()
        defer { lock.unlock() }
        guard let key, key.width == width, key.article == article, key.body == body else { return nil }
        return lines
    }

    func store(_ article: Article, _ body: BodyState?, _ width: Int, _ lines: [StyledLine]) {
        lock.lock()
        defer { lock.unlock() }
        key = (article, body, width)
        self.lines = lines
    }
}
