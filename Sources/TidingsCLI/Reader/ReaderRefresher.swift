import Foundation
import TidingsStore
import TidingsUI

/// Brings the index up to date on its own thread while the reader runs: the first frame comes
/// from the index as it was, and the list follows each committed batch. The main loop polls
/// `poll()`; nothing here touches the state or the terminal.
final class ReaderRefresher: @unchecked Sendable {
    enum Event {
        case progress(StoreProgress)
        /// A batch was committed: the list should be read again.
        case changed
        case finished(IndexRefreshReport)
        case failed(String)
    }

    private let index: ArticleIndex
    private let lock = NSLock()
    private var running = false
    private var cancelled = false
    private var progress: StoreProgress?
    private var progressSeen: StoreProgress?
    private var outcome: Event?
    /// The index's generation when last looked at (any process's committed batch changes it).
    private var generation: Int?
    private var generationCheckedAt = DispatchTime(uptimeNanoseconds: 0)

    init(index: ArticleIndex) {
        self.index = index
        generation = try? index.generation()
    }

    var isRunning: Bool { lock.withLock { running } }

    /// Starts a refresh unless one is running; false if one was.
    @discardableResult
    func start() -> Bool {
        let started = lock.withLock { () -> Bool in
            guard !running else { return false }
            running = true
            cancelled = false
            outcome = nil
            return true
        }
        guard started else { return false }
        let thread = Thread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.bookkeeping)
            let event: Event
            do {
                let report = try index.refresh(progress: { p in
                    self.lock.withLock { self.progress = StoreProgress(done: p.done, total: p.total) }
                }, isCancelled: { self.lock.withLock { self.cancelled } })
                event = .finished(report)
            } catch {
                event = .failed("\(error)")
            }
            lock.withLock {
                outcome = event
                running = false
            }
        }
        thread.name = "tidings store refresh"
        thread.stackSize = 4 << 20
        thread.start()
        return true
    }

    /// Asks a running refresh to stop after its current batch (on quit).
    func cancel() { lock.withLock { cancelled = true } }

    /// What happened since the last call, oldest first. Whether the index changed (a batch
    /// committed here or by another reader or command) is asked of it at most four times a
    /// second, not after every key.
    func poll() -> [Event] {
        var events: [Event] = []
        let (p, done) = lock.withLock { () -> (StoreProgress?, Event?) in
            let p = progress != progressSeen ? progress : nil
            progressSeen = progress
            let done = outcome
            outcome = nil
            return (p, done)
        }
        if let p { events.append(.progress(p)) }
        let now = DispatchTime.now()
        if done != nil || now.uptimeNanoseconds - generationCheckedAt.uptimeNanoseconds >= 250_000_000 {
            generationCheckedAt = now
            if let current = try? index.generation(), current != generation {
                generation = current
                events.append(.changed)
            }
        }
        if let done {
            lock.withLock { progress = nil; progressSeen = nil }
            events.append(done)
        }
        return events
    }
}
