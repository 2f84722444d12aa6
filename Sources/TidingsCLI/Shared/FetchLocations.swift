import Foundation
import TidingsFetch

/// Where subscriptions and fetching live: feeds.toml (`--feeds`, else `$TIDINGS_FEEDS`, else
/// `$XDG_CONFIG_HOME/tidings/feeds.toml`), the fetch state beside the read marks
/// (`state.fetch.json` next to `state.sqlite`), and the store the feeds are written into (the
/// store in use, or `$XDG_DATA_HOME/tidings/pages`, created, when only the demo was in use).
struct FetchLocations {
    var paths: ResolvedPaths
    var feedsFile: URL
    var stateFile: URL
    var store: URL

    init(_ paths: ResolvedPaths, feeds: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
         createStore: Bool) throws {
        var paths = paths
        if let feeds, !feeds.isEmpty {
            feedsFile = URL(fileURLWithPath: feeds).standardizedFileURL
        } else if let env = environment["TIDINGS_FEEDS"], !env.isEmpty {
            feedsFile = URL(fileURLWithPath: env).standardizedFileURL
        } else {
            feedsFile = paths.configDirectory.appendingPathComponent("feeds.toml")
        }
        let stateName = paths.state.deletingPathExtension().lastPathComponent
        stateFile = paths.state.deletingLastPathComponent().appendingPathComponent(stateName + ".fetch.json")
        if let store = paths.store {
            self.store = store
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
            store = URL(fileURLWithPath: data).appendingPathComponent("tidings/pages", isDirectory: true)
            if createStore {
                do {
                    try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
                } catch {
                    throw CLIError("cannot create the store folder \(store.path): \(error.localizedDescription)")
                }
            }
            paths.store = store
            paths.storeSource = .xdgDefault
        }
        self.paths = paths
    }

    /// The subscriptions; broken entries are printed (file and line) and left out.
    func subscriptions(warn: (String) -> Void = printWarning) throws -> [Subscription] {
        guard FileManager.default.fileExists(atPath: feedsFile.path) else { return [] }
        let text: String
        do {
            text = try String(contentsOf: feedsFile, encoding: .utf8)
        } catch {
            throw CLIError("cannot read \(feedsFile.path): \(error.localizedDescription)")
        }
        let parsed = SubscriptionFile.parse(text, file: feedsFile.path)
        for problem in parsed.problems { warn(problem.description) }
        return parsed.subscriptions
    }

    /// Appends entries to feeds.toml (created with its folder when missing).
    func append(_ subscriptions: [Subscription]) throws {
        let existing = (try? String(contentsOf: feedsFile, encoding: .utf8)) ?? ""
        let text = SubscriptionFile.appending(subscriptions, to: existing)
        do {
            try AtomicFile.write(Array(text.utf8), to: feedsFile)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// The User-Agent fetching sends: the program and its version.
enum TidingsUserAgent {
    static var value: String { "Tidings/\(TidingsVersion.string)" }
}
