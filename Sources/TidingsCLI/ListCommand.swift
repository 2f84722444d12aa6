import ArgumentParser
import Foundation
import TidingsModel

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, newest first.")

    @Flag(name: .long, help: "Only articles not marked read.")
    var unread = false

    @Option(name: .long, help: ArgumentHelp("Only articles in this category (any case).", valueName: "NAME"))
    var category: String?

    // Headline and summary only: bodies stay on disk; a body search needs the index (issue 5).
    @Option(name: .long, help: ArgumentHelp("Only articles whose headline or summary contains TEXT (any case).",
                                            valueName: "TEXT"))
    var search: String?

    @Flag(name: .long, help: "Also report skipped pages (path and reason) on stderr.")
    var verbose = false

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            let library = openLibrary(paths)
            if verbose { reportSkipped(library) }
            let readIDs = try readMarks(paths)

            var articles = library.articles
            if unread { articles.removeAll { readIDs.contains($0.id) } }
            if let category {
                let wanted = category.lowercased()
                articles.removeAll { $0.category.lowercased() != wanted }
                if output.format == .text, !library.categories.contains(where: { $0.lowercased() == wanted }) {
                    printWarning("no category named \(category); categories: \(library.categories.joined(separator: ", "))")
                }
            }
            if let search, !search.isEmpty {
                articles.removeAll { !Self.matches($0, search) }
            }

            switch output.format {
            case .json:
                try JSONOutput.write(articles.map { ArticleRecord($0, read: readIDs.contains($0.id)) })
            case .text:
                if articles.isEmpty {
                    StandardOutput.write(unread ? "No unread articles.\n" : "No articles.\n")
                } else {
                    let lines = ArticleRows.render(articles, readIDs: readIDs, width: TextLayout.terminalColumns())
                    StandardOutput.write(lines.joined(separator: "\n") + "\n")
                }
            }
        }
    }

    static func matches(_ article: Article, _ text: String) -> Bool {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return article.headline.range(of: text, options: options) != nil
            || article.summary?.range(of: text, options: options) != nil
    }

    private func reportSkipped(_ library: Library) {
        for file in library.skipped {
            printWarning("skipped \(TextSanitizer.clean(file.path)): \(TextSanitizer.clean(file.reason))")
        }
        if !library.skipped.isEmpty {
            printWarning("\(library.skipped.count) page(s) skipped in \(library.storeURL.path)")
        }
    }
}
