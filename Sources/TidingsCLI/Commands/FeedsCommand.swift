import ArgumentParser
import Foundation
import TidingsFetch
import TidingsModel
import TidingsNet

/// `--feeds FILE`, shared by the subscription commands and `fetch`.
struct FeedsFileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Subscriptions file (default: $TIDINGS_FEEDS, else $XDG_CONFIG_HOME/tidings/feeds.toml).",
                                            valueName: "FILE"))
    var feeds: String?
}

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Subscriptions: list them with their health, add, import, export.",
        subcommands: [FeedsListCommand.self, FeedsAddCommand.self, FeedsImportCommand.self, FeedsExportCommand.self],
        defaultSubcommand: FeedsListCommand.self)
}

struct FeedRecord: Encodable {
    var url: String
    var title: String?
    var category: String?
    var full_text: Bool
    var refresh_seconds: Int
    var retention_seconds: Int
    var file: String?
    var last_fetch: String?
    var result: String?
    var ok: Bool?
    var items_kept: Int
    var next_fetch: String?
    var disabled: String?
    var full_text_problem: String?
}

struct FeedsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every feed with its last fetch, result, items kept and next fetch.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var feedsFile: FeedsFileOption
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let where_ = try FetchLocations(try locations.resolve(), feeds: feedsFile.feeds, createStore: false)
            let subscriptions = try where_.subscriptions()
            let state = try FetchState.load(where_.stateFile)
            let now = Date().timeIntervalSince1970
            let records = subscriptions.map { s -> FeedRecord in
                let feed = state.feeds[s.url]
                let next: Double? = feed.flatMap { f in
                    if f.disabled != nil { return nil }
                    if let retry = f.retryAfter, f.ok == false { return retry }
                    return f.lastFetch.map { $0 + Double(s.refreshSeconds) }
                }
                return FeedRecord(url: redactedURL(s.url), title: s.title, category: s.category, full_text: s.fullText,
                                  refresh_seconds: s.refreshSeconds, retention_seconds: s.retentionSeconds,
                                  file: feed?.file, last_fetch: feed?.lastFetch.map(Self.iso), result: feed?.result, ok: feed?.ok,
                                  items_kept: feed?.itemsKept ?? 0, next_fetch: feed == nil ? "now" : next.map { $0 <= now ? "now" : Self.iso($0) },
                                  disabled: feed?.disabled, full_text_problem: feed?.fullTextProblem)
            }
            switch output.format {
            case .json:
                try JSONOutput.write(records)
            case .text:
                guard !records.isEmpty else {
                    StandardOutput.write("No feeds. Add one with `tidings feeds add URL` or import OPML with `tidings feeds import FILE`.\n")
                    return
                }
                var lines: [String] = []
                for r in records {
                    let name = TextSanitizer.clean(r.title ?? r.url)
                    lines.append(name + (r.category.map { "  [\(TextSanitizer.clean($0))]" } ?? ""))
                    if r.title != nil { lines.append("  \(TextSanitizer.clean(r.url))") }
                    let last = r.last_fetch.map { "last fetch \(Self.ago($0, now: now))" } ?? "never fetched"
                    let result = r.result.map { ": \(TextSanitizer.clean($0))" } ?? ""
                    let next = r.disabled != nil ? "disabled (\(TextSanitizer.clean(r.disabled!)))"
                        : "next fetch " + (r.next_fetch.map { $0 == "now" ? "now" : Self.ago($0, now: now) } ?? "now")
                    lines.append("  \(last)\(result); \(r.items_kept) items kept; \(next)")
                    if let problem = r.full_text_problem { lines.append("  full text: \(TextSanitizer.clean(problem))") }
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }

    static func iso(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded()))
    }

    static func ago(_ iso: String, now: Double) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let delta = date.timeIntervalSince1970 - now
        let magnitude = abs(delta)
        let text: String
        if magnitude < 90 { text = "\(Int(magnitude)) s" } else if magnitude < 5400 { text = "\(Int(magnitude / 60)) min" } else if magnitude < 2 * 86400 { text = "\(Int(magnitude / 3600)) h" } else { text = "\(Int(magnitude / 86400)) days" }
        return delta < 0 ? "\(text) ago" : "in \(text)"
    }
}

struct FeedsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Subscribe to a feed; a web page's URL is searched for the feeds it names.")

    @Argument(help: "The feed's URL, or a page that links to its feed.") var url: String
    @Option(name: .long, help: "Category (the store folder the feed goes in).") var category: String?
    @Option(name: .long, help: "Title (default: the feed's own).") var title: String?
    @Flag(name: .long, help: "Fetch the page behind each item and show the extracted article.") var fullText = false
    @Flag(name: .long, help: "Add without fetching the URL first.") var noCheck = false
    @OptionGroup var locations: LocationOptions
    @OptionGroup var feedsFile: FeedsFileOption

    func run() throws {
        try reportingErrors {
            let where_ = try FetchLocations(try locations.resolve(), feeds: feedsFile.feeds, createStore: false)
            if let problem = URLCheck.problem(url) { throw CLIError(problem) }
            let existing = try where_.subscriptions(warn: { _ in })
            var feedURL = url
            var feedTitle = title
            if !noCheck {
                let client = try HTTPClient(options: HTTPClientOptions(userAgent: TidingsUserAgent.value))
                let response: HTTPResponse
                switch client.send(HTTPRequest(url: url)) {
                case .failure(let error): throw CLIError("cannot fetch \(redactedURL(url)): \(error) (--no-check adds it anyway)")
                case .success(let answer): response = answer
                }
                guard response.status == 200 else {
                    throw CLIError("\(redactedURL(url)) answered HTTP \(response.status) (--no-check adds it anyway)")
                }
                if Autodiscovery.isFeed(response.body) {
                    feedURL = response.permanentURL ?? url
                    feedTitle = feedTitle ?? Autodiscovery.feedTitle(response.body).map(TextSanitizer.clean)
                } else {
                    let found = Autodiscovery.feeds(inHTML: response.body, pageURL: response.url)
                    switch found.count {
                    case 0:
                        throw CLIError("\(redactedURL(url)) is neither a feed nor a page that names one")
                    case 1:
                        feedURL = found[0].url
                        feedTitle = feedTitle ?? found[0].title.map(TextSanitizer.clean)
                        StandardError.write("Found the feed \(TextSanitizer.clean(redactedURL(feedURL))) on that page.\n")
                    default:
                        var lines = ["\(TextSanitizer.clean(redactedURL(url))) names \(found.count) feeds; add the one you want:"]
                        for feed in found {
                            lines.append("  tidings feeds add '\(TextSanitizer.clean(feed.url))'" + (feed.title.map { "   (\(TextSanitizer.clean($0)))" } ?? ""))
                        }
                        StandardOutput.write(lines.joined(separator: "\n") + "\n")
                        throw ExitCode(2)
                    }
                }
            }
            if existing.contains(where: { $0.url == feedURL }) {
                throw CLIError("\(redactedURL(feedURL)) is already in \(where_.feedsFile.path)")
            }
            let subscription = Subscription(url: feedURL, title: feedTitle, category: category, fullText: fullText)
            let check = SubscriptionFile.parse(SubscriptionFile.entry(subscription), file: "new entry")
            if let problem = check.problems.first { throw CLIError(problem.message) }
            try where_.append([subscription])
            StandardOutput.write("Added \(TextSanitizer.clean(feedTitle ?? redactedURL(feedURL))) to \(where_.feedsFile.path). `tidings fetch` fetches it.\n")
        }
    }
}

struct FeedsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add the feeds of an OPML file (newsboat, newsraft, FreshRSS and others export one).")

    @Argument(help: "The OPML file.") var file: String
    @OptionGroup var locations: LocationOptions
    @OptionGroup var feedsFile: FeedsFileOption

    func run() throws {
        try reportingErrors {
            let where_ = try FetchLocations(try locations.resolve(), feeds: feedsFile.feeds, createStore: false)
            let text: String
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                text = String(decoding: data, as: UTF8.self)
            } catch {
                throw CLIError("cannot read \(file): \(error.localizedDescription)")
            }
            let result: OPML.ImportResult
            do { result = try OPML.parse(text) } catch { throw CLIError("\(file): \(error)") }
            let existing = Set(try where_.subscriptions(warn: { _ in }).map(\.url))
            let fresh = result.subscriptions.filter { !existing.contains($0.url) }.map { s -> Subscription in
                var s = s
                s.title = s.title.map(TextSanitizer.clean)
                return s
            }
            for skipped in result.skipped { printWarning("skipped \(TextSanitizer.clean(skipped))") }
            if !fresh.isEmpty { try where_.append(fresh) }
            let already = result.subscriptions.count - fresh.count
            StandardOutput.write("Imported \(fresh.count) feed\(fresh.count == 1 ? "" : "s") into \(where_.feedsFile.path)"
                                 + (already > 0 ? " (\(already) already there)" : "") + ".\n")
        }
    }
}

struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the subscriptions as OPML 2.0 (categories as folders) to stdout.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var feedsFile: FeedsFileOption

    func run() throws {
        try reportingErrors {
            let where_ = try FetchLocations(try locations.resolve(), feeds: feedsFile.feeds, createStore: false)
            StandardOutput.write(OPML.export(try where_.subscriptions()))
        }
    }
}
