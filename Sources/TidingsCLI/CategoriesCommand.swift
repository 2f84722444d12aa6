import ArgumentParser
import Foundation
import TidingsModel

struct CategoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories", abstract: "Categories with their article and unread counts.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            let library = openLibrary(paths)
            let readIDs = try readMarks(paths)
            var counts: [String: (articles: Int, unread: Int)] = [:]
            for article in library.articles {
                var entry = counts[article.category, default: (0, 0)]
                entry.articles += 1
                if !readIDs.contains(article.id) { entry.unread += 1 }
                counts[article.category] = entry
            }
            let records = library.categories.map {
                CategoryRecord(name: $0, articles: counts[$0]?.articles ?? 0, unread: counts[$0]?.unread ?? 0)
            }
            switch output.format {
            case .json:
                try JSONOutput.write(records)
            case .text:
                if records.isEmpty {
                    StandardOutput.write("No categories.\n")
                    return
                }
                let nameWidth = min(30, max(8, records.map { DisplayWidth.of($0.name) }.max() ?? 0))
                var lines = ["\(TextLayout.fit("Category", to: nameWidth))  Articles  Unread"]
                for r in records {
                    lines.append("\(TextLayout.fit(TextSanitizer.clean(r.name), to: nameWidth))  \(Self.right(r.articles, 8))  \(Self.right(r.unread, 6))")
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }

    static func right(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
