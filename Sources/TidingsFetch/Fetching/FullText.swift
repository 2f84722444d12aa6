import TidingsExtract
import TidingsModel

/// The article behind an item's link, extracted by the page parser and kept as simple HTML that
/// the stored feed item carries as its content, so the article pane shows it like any item.
enum FullText {
    enum Failure: Error, CustomStringConvertible {
        case notHTML(String)
        case noArticle
        var description: String {
            switch self {
            case .notHTML(let type): return "the link is not an HTML page (\(type))"
            case .noArticle: return "no article found on the page"
            }
        }
    }

    static func extract(_ body: [UInt8], contentType: String?) throws -> String {
        let type = (contentType ?? "").lowercased()
        let looksHTML = type.contains("html") || (type.isEmpty && body.prefix(1024).contains(0x3C))
        guard looksHTML else { throw Failure.notHTML(contentType ?? "no content type") }
        let page = try HTMLPageParser().parsePage(body)
        let blocks = page.body.blocks
        let words = blocks.reduce(0) { $0 + $1.text.split(separator: " ").count }
        guard words >= 30 else { throw Failure.noArticle }
        var html = ""
        for block in blocks {
            switch block {
            case .paragraph(let text): html += "<p>\(escape(text))</p>\n"
            case .subheading(let text): html += "<h3>\(escape(text))</h3>\n"
            case .quote(let text): html += "<blockquote><p>\(escape(text))</p></blockquote>\n"
            case .listItem(let text): html += "<ul><li>\(escape(text))</li></ul>\n"
            }
        }
        return html
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// The item's bytes with `html` as its first content element (the feed parser takes the first).
    static func inject(_ html: String, into item: ArraySlice<UInt8>, kind: FeedDocument.Kind) -> [UInt8] {
        guard let close = item.firstIndex(of: 0x3E) else { return Array(item) }
        let element: String
        switch kind {
        case .rss:
            let cdata = html.replacing("]]>", with: "]]]]><![CDATA[>")
            element = "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[\(cdata)]]></content:encoded>"
        case .atom:
            element = "<content type=\"html\">\(escape(html))</content>"
        }
        if item[item.index(before: close)] == 0x2F { return Array(item) }   // <item/>: nothing to add to
        return Array(item[...close]) + Array(element.utf8) + Array(item[item.index(after: close)...])
    }
}
