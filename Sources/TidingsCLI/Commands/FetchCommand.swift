import ArgumentParser
import Foundation
import TidingsFetch
import TidingsModel
import TidingsNet

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Fetch subscribed feeds into the store, then index them.",
        discussion: """
            Fetches every feed in feeds.toml (or the ones named, by URL or title). A feed that \
            failed waits (exponential back-off, or the server's Retry-After) unless --force. \
            Exit status 1 when a feed failed; the others are fetched all the same.
            """)

    @Argument(help: "Feeds to fetch (URL or title); default: all.") var names: [String] = []
    @Flag(name: .long, help: "Fetch even feeds that are waiting after a failure, or disabled.") var force = false
    @Option(name: .long, help: "Transfers at once (in all; at most 2 per host).") var connections = 16
    @Option(name: .long, help: "Seconds one request may take in all.") var timeout = 30
    @Flag(name: .long, help: "Do not bring the article index up to date afterwards (the next command or the reader does).")
    var noIndex = false
    @OptionGroup var locations: LocationOptions
    @OptionGroup var feedsFile: FeedsFileOption
    @OptionGroup var output: FormatOptions

    struct OutcomeRecord: Encodable {
        var url: String
        var name: String
        var result: String
        var new_items: Int?
        var ok: Bool
        var notes: [String]
    }

    func run() throws {
        try reportingErrors {
            let where_ = try FetchLocations(try locations.resolve(), feeds: feedsFile.feeds, createStore: true)
            let all = try where_.subscriptions()
            guard !all.isEmpty else {
                throw CLIError("no feeds in \(where_.feedsFile.path); add one with `tidings feeds add URL`")
            }
            var chosen = all
            if !names.isEmpty {
                chosen = []
                for name in names {
                    let lowered = name.lowercased()
                    let matches = all.filter { $0.url == name || $0.title?.lowercased() == lowered }
                    guard !matches.isEmpty else { throw CLIError("no feed named '\(name)' in \(where_.feedsFile.path)") }
                    for match in matches where !chosen.contains(match) { chosen.append(match) }
                }
            }
            let outcomes = try runFetch(chosen, where_: where_, force: force, connections: connections,
                                        json: output.format == .json)
            if output.format == .json {
                try JSONOutput.write(outcomes.map { o in
                    var newItems: Int?
                    if case .updated(let n) = o.result { newItems = n }
                    return OutcomeRecord(url: redactedURL(o.url), name: TextSanitizer.clean(o.name), result: o.summary,
                                         new_items: newItems, ok: !o.isFailure, notes: o.notes.map(TextSanitizer.clean))
                })
            }
            if outcomes.contains(where: \.isFailure) { throw ExitCode.failure }
        }
    }

    /// Fetches, prints each feed as it lands (text), then brings the index up to date.
    func runFetch(_ subscriptions: [Subscription], where_: FetchLocations, force: Bool, connections: Int,
                  json: Bool) throws -> [FeedOutcome] {
        let client: HTTPClient
        do {
            client = try HTTPClient(options: HTTPClientOptions(userAgent: TidingsUserAgent.value,
                                                               totalTimeoutMilliseconds: max(1, timeout) * 1000,
                                                               maxConnections: max(1, connections)))
        } catch {
            throw CLIError("cannot fetch: \(error)")
        }
        let fetcher: Fetcher
        do {
            fetcher = try Fetcher(locations: .init(store: where_.store, stateFile: where_.stateFile, feedsFile: where_.feedsFile),
                                  client: client)
        } catch {
            throw CLIError("\(error)")
        }
        let outcomes = fetcher.fetch(subscriptions, force: force) { progress in
            guard !json else { return }
            let o = progress.outcome
            var text = "[\(progress.done)/\(progress.total)] \(TextSanitizer.clean(o.name)): \(TextSanitizer.clean(o.summary))\n"
            for note in o.notes { text += "  \(TextSanitizer.clean(note))\n" }
            StandardOutput.write(text)
        }
        if !noIndex, outcomes.contains(where: { if case .updated = $0.result { return true }; return false }) {
            let session = try IndexSession.open(where_.paths, marks: try marksForReading(where_.paths))
            if !json {
                let newItems = outcomes.reduce(0) { if case .updated(let n) = $1.result { return $0 + n }; return $0 }
                let counts = try session.index.counts()
                StandardOutput.write("\(newItems) new item\(newItems == 1 ? "" : "s"); \(counts.total) articles, \(counts.unread) unread.\n")
            }
        }
        return outcomes
    }
}
