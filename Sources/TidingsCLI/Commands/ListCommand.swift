import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, newest first.")

    @Flag(name: .long, help: "Only articles not marked read.")
    var unread = false

    @Option(name: .long, help: ArgumentHelp("Only articles in this category (any case).", valueName: "NAME"))
    var category: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only articles whose headline, summary or body contain every word of TEXT (word starts, any case), best matches first.",
        valueName: "TEXT"))
    var search: String?

    @Flag(name: .long, help: "Also report skipped pages (path and reason) on stderr.")
    var verbose = false

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            let session = try IndexSession.open(paths, marks: try marksForReading(paths))
            let index = session.index
            if verbose { try reportSkipped(session) }

            let searching = !(search ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            let filter = ArticleFilter(category: category, unreadOnly: unread, search: search)
            let rows = try index.articles(filter, sort: searching ? .relevance : .newest)
            if let category, output.format == .text {
                let names = try index.categories().map(\.name)
                if !names.contains(where: { $0.lowercased() == category.lowercased() }) {
                    printWarning("no category named \(category); categories: \(names.joined(separator: ", "))")
                }
            }

            switch output.format {
            case .json:
                let starred = try starMarks(paths)
                try JSONOutput.write(rows.map { ArticleRecord($0.article, read: $0.isRead, starred: starred.contains($0.article.id)) })
            case .text:
                if rows.isEmpty {
                    StandardOutput.write(unread ? "No unread articles.\n" : "No articles.\n")
                } else {
                    let readIDs = Set(rows.lazy.filter(\.isRead).map(\.article.id))
                    let lines = ArticleRows.render(rows.map(\.article), readIDs: readIDs, starredIDs: try starMarks(paths),
                                                   width: StandardOutput.columns())
                    StandardOutput.write(lines.joined(separator: "\n") + "\n")
                }
            }
        }
    }

    private func reportSkipped(_ session: IndexSession) throws {
        let skipped = try session.index.skipped()
        for file in skipped {
            printWarning("skipped \(TextSanitizer.clean(file.path)): \(TextSanitizer.clean(file.reason))")
        }
        if !skipped.isEmpty {
            printWarning("\(skipped.count) page(s) skipped in \(session.storeURL.path)")
        }
    }
}
