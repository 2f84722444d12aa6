import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one article. Showing does not mark it read.")

    @Argument(help: ArgumentHelp("The article's id as `list` prints it; any unique prefix works.", valueName: "ID"))
    var id: String

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            let index = try IndexSession.open(paths, marks: try marksForReading(paths)).index
            let row = try resolveArticle(index, id)
            let article = row.article, read = row.isRead
            let body: ArticleBody
            do {
                body = try index.body(of: article)
            } catch LibraryError.noBody {
                body = ArticleBody(blocks: [])  // a teaser: headline and summary are all there is
            }
            switch output.format {
            case .json:
                try JSONOutput.write(ArticleDetailRecord(article: article, read: read, starred: try starMarks(paths).contains(article.id), body: body))
            case .text:
                StandardOutput.write(Self.text(article, body: body, read: read,
                                               width: min(80, StandardOutput.columns())))
            }
        }
    }

    static func text(_ article: Article, body: ArticleBody, read: Bool, width: Int) -> String {
        var out: [String] = []
        out += Wrap.lines(TextSanitizer.clean(article.headline), width: max(1, width))
        let meta = [article.date?.description, TextSanitizer.clean(article.category), article.id.rawValue,
                    read ? "read" : "unread", article.kind == .teaser ? "teaser only" : nil]
        out.append(meta.compactMap { $0 }.joined(separator: " · "))
        if let summary = article.summary {
            out.append("")
            out += Wrap.lines(TextSanitizer.clean(summary), width: max(1, width))
        }
        for block in body.blocks(belowSummary: article.summary) {
            out.append("")
            let text = TextSanitizer.clean(block.text)
            switch block {
            case .paragraph, .subheading: out += Wrap.lines(text, width: max(1, width))
            case .quote: out += Wrap.lines(text, width: max(1, width - 2)).map { "> " + $0 }
            case .listItem: out += Wrap.lines(text, width: max(1, width - 2)).enumerated().map { ($0 == 0 ? "- " : "  ") + $1 }
            }
        }
        if article.kind == .teaser {
            out.append("")
            out.append("(Known only from a teaser on another page: its own page is not stored.)")
        }
        if !body.imageCredits.isEmpty {
            out.append("")
            out += body.imageCredits.map { "Image credit: " + TextSanitizer.clean($0) }
        }
        if let url = article.url {
            out.append("")
            out.append("Source: " + TextSanitizer.clean(url))
        }
        if !body.links.isEmpty {
            out.append("")
            out.append("Links:")
            for (n, link) in body.links.enumerated() {
                out.append("[\(n + 1)] \(TextSanitizer.clean(link.text)): \(TextSanitizer.clean(link.url))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
