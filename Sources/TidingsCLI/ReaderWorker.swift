import Foundation
import TidingsUI

/// Runs one kind of slow effect off the main loop (a search over 100,000 articles, reading and
/// parsing an article's page), so that keys never wait for it. Jobs run one at a time on a
/// serial queue and their answers wait for the main loop to take them.
///
/// With `latestOnly` (searches), a newer request supersedes an older one: the older is not
/// started if its turn comes after, and its answer is dropped. Otherwise (bodies) every
/// request is answered: a body asked for stays `.loading` until its answer comes.
final class ReaderWorker: @unchecked Sendable {
    private let queue: DispatchQueue
    private let latestOnly: Bool
    private let work: @Sendable (Effect) -> Action?
    private let lock = NSLock()
    private var latest: Effect?
    /// Jobs queued or running.
    private let jobs = DispatchGroup()
    private var running = 0
    private var answers: [Action] = []

    init(label: String, latestOnly: Bool, _ work: @escaping @Sendable (Effect) -> Action?) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
        self.latestOnly = latestOnly
        self.work = work
    }

    /// A search for the list, which runs in the background.
    static func isSearch(_ effect: Effect) -> Bool {
        if case .loadView(let query, _, _, _) = effect { return !query.filter.search.isEmpty }
        return false
    }

    /// Queues `effect`; `delay` lets a newer request supersede it before it starts.
    func submit(_ effect: Effect, delay: DispatchTimeInterval = .milliseconds(0)) {
        lock.withLock {
            latest = effect
            running += 1
            if latestOnly { answers = [] }
        }
        jobs.enter()
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            defer { jobs.leave() }
            let wanted = lock.withLock { !latestOnly || latest == effect }
            let result = wanted ? work(effect) : nil
            lock.withLock {
                running -= 1
                if let result, !latestOnly || latest == effect { answers.append(result) }
            }
        }
    }

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

    /// Drops a search that no longer matters (the list was asked for without one).
    func cancel() { lock.withLock { latest = nil; answers = [] } }
}
