import Foundation
import TidingsStore
import TidingsUI

/// Runs one kind of slow effect off the main loop (a search over 100,000 articles, reading and
/// parsing an article's page), so that keys never wait for it. Jobs run one at a time on a
/// thread of its own (`JobThread`, at the worker's priority) and their answers wait for the
/// main loop to take them.
///
/// With `latestOnly` (searches, counts), a newer request supersedes an older one: the older is
/// not started if its turn comes after, an index query it is running is stopped
/// (`QueryCancellation`), and its answer is dropped. Otherwise (bodies, mark-all) every
/// request is answered: a body asked for stays `.loading` until its answer comes.
final class ReaderWorker: @unchecked Sendable {
    private let thread: JobThread
    private let latestOnly: Bool
    private let work: @Sendable (Effect) -> Action?
    private let lock = NSLock()
    /// The number of the newest request; a job whose number is older is superseded.
    private var newest = 0
    /// The job running now, to stop when a newer one comes.
    private var runningCancellation: QueryCancellation?
    /// Jobs queued or running.
    private let jobs = DispatchGroup()
    private var running = 0
    private var answers: [Action] = []

    init(label: String, latestOnly: Bool, niceness: Int32 = BackgroundPriority.awaited,
         _ work: @escaping @Sendable (Effect) -> Action?) {
        thread = JobThread(name: label, niceness: niceness)
        self.latestOnly = latestOnly
        self.work = work
    }

    /// A search for the list, which runs in the background.
    static func isSearch(_ effect: Effect) -> Bool {
        if case .loadView(let query, _, _, _) = effect { return !query.filter.search.isEmpty }
        return false
    }

    /// Queues `effect`.
    func submit(_ effect: Effect) {
        let number = lock.withLock {
            newest += 1
            running += 1
            if latestOnly {
                answers = []
                runningCancellation?.cancel()
            }
            return newest
        }
        jobs.enter()
        thread.async { [self] in
            defer { jobs.leave() }
            let cancellation = QueryCancellation()
            let wanted = lock.withLock {
                guard isWanted(number) else { return false }
                runningCancellation = cancellation
                return true
            }
            let result = wanted ? QueryCancellation.$current.withValue(cancellation) { work(effect) } : nil
            lock.withLock {
                running -= 1
                if runningCancellation === cancellation { runningCancellation = nil }
                if let result, isWanted(number) { answers.append(result) }
            }
        }
    }

    deinit { thread.stop() }

    private func isWanted(_ number: Int) -> Bool { !latestOnly || number == newest }

    /// A job is queued or running, or an answer waits: the main loop polls more often.
    var isBusy: Bool { lock.withLock { running > 0 || !answers.isEmpty } }

    /// The answers that came in, oldest first, once.
    func takeAnswers() -> [Action] {
        lock.withLock {
            defer { answers = [] }
            return answers
        }
    }

    /// Blocks until every queued job has run (its answer still waits to be taken).
    func waitUntilIdle() { jobs.wait() }

    /// Drops a search that no longer matters (the list was asked for without one), stopping it
    /// if it runs.
    func cancel() {
        guard latestOnly else { return }
        lock.withLock {
            newest += 1
            answers = []
            runningCancellation?.cancel()
        }
    }
}
