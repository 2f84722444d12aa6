import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

struct CategoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories", abstract: "Categories with their article and unread counts.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            let index = try IndexSession.open(paths, marks: try marksForReading(paths)).index
            let records = try index.categories().map {
                CategoryRecord(name: $0.name, articles: $0.articles, unread: $0.unread)
            }
            switch output.format {
            case .json:
                try JSONOutput.write(records)
            case .text:
                if records.isEmpty {
                    StandardOutput.write("No categories.\n")
                    return
                }
                let nameWidth = min(30, max(8, records.map { TextWidth.of($0.name) }.max() ?? 0))
                var lines = ["\(TextWidth.pad("Category", to: nameWidth))  Articles  Unread"]
                for r in records {
                    lines.append("\(TextWidth.pad(TextSanitizer.clean(r.name), to: nameWidth))  \(Self.right(r.articles, 8))  \(Self.right(r.unread, 6))")
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
