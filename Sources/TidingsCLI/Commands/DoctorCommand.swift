import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore

/// Where everything is, and what did not load: the first thing to run when something is missing.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Show the store, state and config paths, and every skipped page with its reason.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    struct Report: Encodable {
        struct Location: Encodable {
            var path: String
            var source: String
            var status: String
        }
        struct Skipped: Encodable {
            var path: String
            var reason: String
        }
        var store: Location
        var state: Location
        var categoryRules: Location
        /// The article index: where it is and what it holds.
        var index: Location
        var articles: Int
        var teasers: Int
        var skipped: [Skipped]
    }

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            var warnings: [String] = []
            // The state is looked at first: opening it sets a broken file aside.
            let stateStatus = Self.stateStatus(paths)
            let session = try IndexSession.open(paths, marks: try marksForReading(paths) { _ in }, warn: { warnings.append($0) })
            let index = session.index

            let rulesStatus: String
            if !FileManager.default.fileExists(atPath: paths.categoryRules.path) {
                rulesStatus = "not present: built-in rules"
            } else if let problem = warnings.first {
                rulesStatus = "not used: \(problem)"
            } else {
                rulesStatus = "used"
            }

            let kinds = try index.kindCounts()
            let skipped = try index.skipped()
            var indexStatus = "\(try index.fileCount()) files; this run: \(session.report)"
            if let note = session.note { indexStatus = note + "; " + indexStatus }
            let report = Report(
                store: .init(path: session.storeURL.path, source: paths.storeSource.rawValue,
                             status: "\(kinds.pages + kinds.teasers) articles, \(skipped.count) skipped"),
                state: .init(path: paths.state.path, source: paths.stateSource.rawValue, status: stateStatus),
                categoryRules: .init(path: paths.categoryRules.path, source: ResolvedPaths.Source.xdgDefault.rawValue,
                                     status: rulesStatus),
                index: .init(path: index.path?.path ?? "(in memory)", source: index.path == nil ? "memory" : "beside the state",
                             status: indexStatus),
                articles: kinds.pages,
                teasers: kinds.teasers,
                skipped: skipped.map { .init(path: TextSanitizer.clean($0.path), reason: TextSanitizer.clean($0.reason)) })

            switch output.format {
            case .json:
                try JSONOutput.write(report)
            case .text:
                StandardOutput.write(Self.text(report))
            }
        }
    }

    /// Opening the state also sets a broken file aside, which is what a user running doctor wants.
    static func stateStatus(_ paths: ResolvedPaths) -> String {
        guard FileManager.default.fileExists(atPath: paths.state.path) else {
            return "not created yet: the first mark creates it"
        }
        do {
            let state = try openState(paths, readOnlyFallback: true) { _ in }
            let marked = try state.readIDs().count
            if let moved = state.setAside {
                return "was not a valid database: moved to \(moved.path); a new one was started"
            }
            if let problem = state.readOnlyReason {
                return "read-only, \(marked) marked read; \(problem)"
            }
            return "ok, \(marked) marked read"
        } catch {
            return "error: \(error)"
        }
    }

    static func text(_ r: Report) -> String {
        var lines = [
            "store:       \(r.store.path)",
            "             (\(r.store.source)) \(r.articles) full pages, \(r.teasers) teasers",
            "state:       \(r.state.path)",
            "             (\(r.state.source)) \(r.state.status)",
            "categories:  \(r.categoryRules.path)",
            "             \(r.categoryRules.status)",
            "index:       \(r.index.path)",
            "             \(r.index.status)",
        ]
        if r.skipped.isEmpty {
            lines.append("skipped:     none")
        } else {
            lines.append("skipped:     \(r.skipped.count) page(s)")
            lines += r.skipped.map { "  \($0.path): \($0.reason)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
