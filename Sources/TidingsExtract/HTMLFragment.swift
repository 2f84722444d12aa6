import TidingsModel

/// HTML held in a feed (`description`, `content:encoded`, Atom `content`) to body text, through the
/// same prefilter, libxml2 SAX pass and block builder as pages, keeping every block (no scoring:
/// a feed's content is the article).
enum HTMLFragment {
    static func body(html: String, baseURL: String?) -> ArticleBody {
        let filtered = Prefilter.run(Array(html.utf8))
        var builder = PageBuilder()
        HTMLSAX.parse(filtered.bytes, encoding: "UTF-8", into: &builder)
        let (blocks, credits, links) = PageAssembler.body(builder.tree.blocks, baseURL: baseURL)
        return ArticleBody(blocks: blocks, imageCredits: credits, links: links)
    }

    /// Plain text of a short HTML snippet (titles, summaries), blocks joined by spaces.
    static func text(html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return PageAssembler.clean(html) }
        let body = body(html: html, baseURL: nil)
        return PageAssembler.clean(body.blocks.map(\.text).joined(separator: " "))
    }
}
