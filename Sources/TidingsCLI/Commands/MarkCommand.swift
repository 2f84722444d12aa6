import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Mark articles read (or unread with --unread), or star them (--star, --unstar).")

    // Unrecognised options land here too, so that `validate` names `mark -x` as an unknown option
    // (ArgumentParser asked for the missing ids instead).
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Article ids as `list` prints them; any unique prefix works. `-` reads ids from standard input (separated by white space).", valueName: "ID"))
    var ids: [String] = []

    @Flag(name: .long, help: "Mark every article read (or of one category, with --category), as the reader's A does.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("With --all: only this category.", valueName: "NAME"))
    var category: String?

    @Flag(name: .long, help: "Mark unread instead of read.")
    var unread = false

    @Flag(name: .long, help: "Star the articles (keep them for later); their read marks stay as they are.")
    var star = false

    @Flag(name: .long, help: "Take the star off the articles.")
    var unstar = false

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    /// The ids with each `-` replaced by the ids read from standard input.
    static func expand(_ ids: [String]) throws -> [String] {
        guard ids.contains("-") else { return ids }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let read = String(decoding: input, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if read.isEmpty { throw CLIError("no article ids on standard input") }
        return ids.flatMap { $0 == "-" ? read : [$0] }
    }

    func validate() throws {
        if let option = ids.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            throw ValidationError("Unknown option '\(option)'")
        }
        if all {
            if !ids.isEmpty { throw ValidationError("Give either article ids or --all, not both.") }
            if star || unstar { throw ValidationError("--all marks read or unread, not stars.") }
            return
        }
        if category != nil { throw ValidationError("--category goes with --all.") }
        if ids.isEmpty { throw ValidationError("Give at least one article id (or --all).") }
        if [unread, star, unstar].filter({ $0 }).count > 1 {
            throw ValidationError("Give at most one of --unread, --star and --unstar.")
        }
    }

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            // The state first: marking needs it writable, and the index then reads marks from it.
            let state = try openState(paths)
            let index = try IndexSession.open(paths, marks: .database(state.path)).index
            if all {
                let now = Date()
                let changed = try index.markAll(ArticleFilter(category: category), read: !unread, at: now)
                if !unread { try state.noteMarkAllForSync(at: now, category: category) }
                switch output.format {
                case .json: try JSONOutput.write(["changed": changed.count])
                case .text: StandardOutput.write("Marked \(changed.count) article(s) \(unread ? "unread" : "read").\n")
                }
                return
            }
            // Every id must resolve before anything is written: all marks or none. A set keeps
            // the de-duplication linear (50,000 ids took 110 s with a search of the list each).
            var articles: [Article] = []
            var seen: Set<ArticleID> = []
            for id in try Self.expand(ids) {
                let article = try resolveArticle(index, id).article
                if seen.insert(article.id).inserted { articles.append(article) }
            }
            if star || unstar {
                try state.setStarred(articles.map(\.id), starred: star)
            } else {
                try state.setRead(articles.map(\.id), read: !unread)
            }
            let readIDs = try state.readIDs()
            let starredIDs = try state.starredIDs()

            switch output.format {
            case .json:
                try JSONOutput.write(articles.map { ArticleRecord($0, read: readIDs.contains($0.id), starred: starredIDs.contains($0.id)) })
            case .text:
                let lines = ArticleRows.render(articles, readIDs: readIDs, starredIDs: starredIDs, width: StandardOutput.columns())
                let verb = star ? "Starred" : unstar ? "Unstarred" : unread ? "Marked unread" : "Marked read"
                StandardOutput.write("\(verb):\n" + lines.joined(separator: "\n") + "\n")
            }
        }
    }
}
