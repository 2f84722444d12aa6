import Foundation
import TidingsStore
import TidingsSync

/// The reader's syncs with the feed server of `[sync]`, each on a thread of its own: at start,
/// every `interval_minutes`, a moment after local marks (so they reach the server while the
/// reader runs), and on `R`. Back-off and a refused password are the account's (`SyncAccount`):
/// only `R` overrides the back-off. The main loop polls `poll()`.
final class ReaderSyncer: @unchecked Sendable {
    enum Event {
        case finished(SyncEngine.Report)
        case failed(SyncError)
    }

    let account: SyncAccount
    private let state: ReadStateStore
    private let lock = NSLock()
    private var running = false
    private var events: [Event] = []
    private var lastStart = Date.distantPast
    /// When to push the marks just made (nil: none waiting for a push).
    private var pushAt: Date?

    init(account: SyncAccount, state: ReadStateStore) {
        self.account = account
        self.state = state
    }

    var isRunning: Bool { lock.withLock { running } }

    /// Starts a sync unless one runs. `forced`: the user asked (`R`), the back-off is ignored.
    @discardableResult
    func start(forced: Bool) -> Bool {
        let go = lock.withLock { () -> Bool in
            guard !running else { return false }
            running = true
            lastStart = Date()
            pushAt = nil
            return true
        }
        guard go else { return false }
        if !forced, (try? account.isDue()) == false {
            lock.withLock { running = false }
            return false
        }
        let account = self.account
        let thread = Thread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.bookkeeping)
            let event: Event
            do {
                event = .finished(try account.sync(forced: forced))
            } catch let error as SyncError {
                event = .failed(error)
            } catch {
                event = .failed(.settings("\(error)"))
            }
            lock.withLock {
                events.append(event)
                running = false
            }
        }
        thread.name = "tidings sync"
        thread.stackSize = 4 << 20
        thread.start()
        return true
    }

    /// Local marks were written: push them in a moment (several keys in a row go together).
    func marksChanged() {
        lock.withLock { if pushAt == nil { pushAt = Date().addingTimeInterval(2) } }
    }

    /// Starts what is due: the push of fresh marks, or the periodic sync.
    func tick(now: Date = Date()) {
        let due = lock.withLock { () -> Bool in
            if running { return false }
            if let pushAt, now >= pushAt { return true }
            return now.timeIntervalSince(lastStart) >= account.config.intervalMinutes * 60
        }
        if due { start(forced: false) }
    }

    func poll() -> [Event] {
        lock.withLock {
            let taken = events
            events = []
            return taken
        }
    }

    /// What the status line says about the sync.
    func statusText() -> String {
        if isRunning { return "syncing…" }
        let pending = (try? state.pendingChanges()) ?? 0
        if pending > 0 { return "\(pending) change\(pending == 1 ? "" : "s") waiting" }
        if let status = try? account.status() {
            if status.refused { return "sync refused" }
            if status.lastError != nil { return "sync failed" }
            if status.lastSync != nil { return "synced" }
        }
        return "not synced"
    }
}
