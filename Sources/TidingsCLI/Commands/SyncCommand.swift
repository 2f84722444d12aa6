import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsSync

/// `tidings sync`: one sync with the server in config.toml's `[sync]`, headless; `--status` only
/// reports. Exit 0 done; 1 settings or local trouble; 2 the server refused the user/password;
/// 3 no usable answer (offline, a timeout, not the Fever API). The outbox is kept in every case.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync read marks, stars and articles with the feed server in config.toml's [sync].",
        discussion: """
            Exit status: 0 synced; 1 settings or local error; 2 the server refused the user or password \
            (not tried again until the settings change); 3 the server could not be reached or did not \
            answer as the Fever API does (changes wait and are sent next time).
            """)

    @Flag(name: .long, help: "Show the last sync, the changes waiting and the last error; contact nothing.")
    var status = false

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let paths: ResolvedPaths
        let config: SyncConfig
        do {
            paths = try locations.resolve()
            guard let found = try SyncConfig.load(from: paths.configDirectory.appendingPathComponent("config.toml")) else {
                throw CLIError("no [sync] table in \(paths.configDirectory.appendingPathComponent("config.toml").path): "
                               + "add kind = \"fever\", endpoint, user and password_command or password_env")
            }
            config = found
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        try reportingErrors {
            let state = try openState(paths)
            let store = try syncStore(paths)
            let timed = TimedSyncHTTP(try CurlSyncHTTP(timeoutSeconds: config.timeoutSeconds))
            let account = SyncAccount(config: config, state: state, store: store, http: timed)
            let started = DispatchTime.now().uptimeNanoseconds
            defer {
                if ProcessInfo.processInfo.environment["TIDINGS_SYNC_PROFILE"] != nil {
                    let total = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                    let (requests, waited) = timed.totals
                    printWarning(String(format: "sync profile: %.3f s in all; %d requests, %.3f s waiting for the server; %.3f s in Tidings",
                                        total, requests, waited, total - waited))
                }
            }
            if status {
                try report(try account.status(), config: config)
                return
            }
            do {
                let result = try account.sync(forced: true)
                switch output.format {
                case .json:
                    try JSONOutput.write(SyncRecord(result))
                case .text:
                    StandardOutput.write("Synced with \(redacted(config.endpoint)): \(result.pulled) item(s) pulled, "
                                         + "\(result.pushed) change(s) sent, \(result.marksChanged) mark(s) taken from the server"
                                         + (result.pending > 0 ? ", \(result.pending) change(s) waiting" : "") + ".\n")
                }
            } catch let error as SyncError {
                let pending = (try? state.pendingChanges()) ?? 0
                let waiting = pending > 0 ? " (\(pending) change(s) waiting, kept)" : ""
                switch error {
                case .settings: printError("\(error)\(waiting)"); throw ExitCode.failure
                case .refused: printError("\(error)\(waiting)"); throw ExitCode(2)
                case .unreachable, .badAnswer: printError("\(error)\(waiting); will retry"); throw ExitCode(3)
                }
            }
        }
    }

    private func report(_ status: SyncAccount.Status, config: SyncConfig) throws {
        switch output.format {
        case .json:
            try JSONOutput.write(SyncStatusRecord(status, endpoint: redacted(config.endpoint)))
        case .text:
            var lines = ["server:     \(redacted(config.endpoint)) (\(config.kind.rawValue), user \(TextSanitizer.clean(config.user)))"]
            lines.append("last sync:  " + (status.lastSync.map(stamp) ?? "never"))
            lines.append("waiting:    \(status.pending) change(s)")
            if let error = status.lastError {
                lines.append("last error: \(TextSanitizer.clean(error))")
            }
            if status.refused { lines.append("            not retried until [sync] or the password changes") }
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

/// Where pulled items are kept: the store, or (when none is set) the default store folder,
/// created, so that the next run reads it.
func syncStore(_ paths: ResolvedPaths) throws -> URL {
    if let store = paths.store { return store }
    let environment = ProcessInfo.processInfo.environment
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
    let folder = URL(fileURLWithPath: data).appendingPathComponent("tidings/pages", isDirectory: true)
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        throw CLIError("cannot create the store folder \(folder.path) for synced articles: \(error.localizedDescription)")
    }
    return folder
}

private func redacted(_ url: String) -> String { TextSanitizer.clean(url.replacingOccurrences(of: #"//[^/@]*@"#, with: "//***@", options: .regularExpression)) }

private func stamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: date)
}

struct SyncRecord: Encodable {
    var pulled: Int
    var pushed: Int
    var marksChanged: Int
    var pending: Int
    init(_ r: SyncEngine.Report) {
        pulled = r.pulled
        pushed = r.pushed
        marksChanged = r.marksChanged
        pending = r.pending
    }
}

struct SyncStatusRecord: Encodable {
    var endpoint: String
    var lastSync: String?
    var pending: Int
    var lastError: String?
    var refused: Bool
    init(_ s: SyncAccount.Status, endpoint: String) {
        self.endpoint = endpoint
        lastSync = s.lastSync.map(stamp)
        pending = s.pending
        lastError = s.lastError
        refused = s.refused
    }

    enum CodingKeys: String, CodingKey { case endpoint, lastSync, pending, lastError, refused }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(endpoint, forKey: .endpoint)
        try c.encode(lastSync, forKey: .lastSync)
        try c.encode(pending, forKey: .pending)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(refused, forKey: .refused)
    }
}
