import Foundation
import TidingsStore

/// One account's syncs over time: what was last done, what went wrong, when to try again.
/// Kept in the state file (`sync_meta`), so the reader and `tidings sync` agree.
public struct SyncAccount: Sendable {
    public let config: SyncConfig
    let state: ReadStateStore
    let store: URL
    let http: SyncHTTP

    public init(config: SyncConfig, state: ReadStateStore, store: URL, http: SyncHTTP) {
        self.config = config
        self.state = state
        self.store = store
        self.http = http
    }

    public struct Status: Sendable, Equatable {
        public var lastSync: Date?
        public var pending: Int
        public var lastError: String?
        /// The server refused these settings: no sync until they change.
        public var refused: Bool
        public var retryAfter: Date?
    }

    public func status() throws -> Status {
        func date(_ key: String) throws -> Date? {
            try state.syncSetting(key).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        }
        return Status(lastSync: try date("last_sync"), pending: try state.pendingChanges(),
                      lastError: try state.syncSetting("last_error"),
                      refused: try state.syncSetting("refused_account") != nil, retryAfter: try date("retry_after"))
    }

    /// Whether a background sync should run now (a refusal waits for new settings; a failure for
    /// its back-off: 30 s, doubling, at most 15 minutes).
    public func isDue(now: Date = Date()) throws -> Bool {
        if let retry = try state.syncSetting("retry_after").flatMap(Double.init), now.timeIntervalSince1970 < retry { return false }
        return true
    }

    /// One sync. `forced` (the user asked) ignores the back-off; a refusal of these same settings
    /// is still not sent again. Progress goes to `progress`.
    public func sync(forced: Bool = false, progress: @escaping (String) -> Void = { _ in }) throws -> SyncEngine.Report {
        if !forced, try !isDue() {
            throw SyncError.unreachable(try state.syncSetting("last_error") ?? "waiting before trying again")
        }
        let service: FeverService
        do {
            let password = try config.password.resolve()
            service = FeverService(endpoint: config.endpoint, user: config.user, password: password, http: http,
                                   timeout: config.timeoutSeconds)
        } catch let error as SyncError {
            try record(error, account: nil)
            throw error
        }
        if let refused = try state.syncSetting("refused_account"), refused == service.accountKey {
            throw SyncError.refused((try state.syncSetting("last_error") ?? "the server refused the user and password")
                                    + " (not tried again until [sync] or the password changes)")
        }
        do {
            let report = try SyncEngine(service: service, state: state, store: store, progress: progress).run()
            try state.setSyncSettings(["last_sync": String(Date().timeIntervalSince1970), "last_error": nil,
                                       "failures": nil, "retry_after": nil, "refused_account": nil])
            return report
        } catch let error as SyncError {
            try record(error, account: service.accountKey)
            throw error
        } catch {
            // The state or the store could not be written: nothing was lost (the outbox is kept).
            let wrapped = SyncError.settings("sync stopped: \(error)")
            try? record(wrapped, account: nil)
            throw wrapped
        }
    }

    private func record(_ error: SyncError, account: String?) throws {
        var values: [String: String?] = ["last_error": error.description]
        switch error {
        case .refused:
            values["refused_account"] = account
        case .unreachable, .badAnswer:
            let failures = (try state.syncSetting("failures").flatMap(Int.init) ?? 0) + 1
            let wait = min(900.0, 30 * pow(2, Double(min(failures - 1, 10))))
            values["failures"] = String(failures)
            values["retry_after"] = String(Date().timeIntervalSince1970 + wait)
        case .settings:
            break
        }
        try state.setSyncSettings(values)
    }
}
