import Foundation
import TidingsFetch
import TidingsNet

/// `R` in the reader: fetches the subscriptions on a thread of its own, like `tidings fetch`.
/// The main loop polls `poll()`; each feed's outcome comes as it lands (its file is already in
/// the store), so the loop can start an index refresh and the list follows.
final class ReaderFetcher: @unchecked Sendable {
    enum Event {
        case landed(FetchProgress)
        case finished([FeedOutcome])
        case failed(String)
    }

    private let lock = NSLock()
    private var running = false
    private var events: [Event] = []

    var isRunning: Bool { lock.withLock { running } }

    /// Starts a fetch unless one runs; the message to show when it cannot start.
    func start(_ locations: () throws -> FetchLocations) -> String? {
        let started = lock.withLock { () -> Bool in
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return "Already fetching…" }
        let where_: FetchLocations
        let subscriptions: [Subscription]
        do {
            where_ = try locations()
            var problems: [String] = []
            subscriptions = try where_.subscriptions(warn: { problems.append($0) })
            if subscriptions.isEmpty {
                throw CLIError(problems.first ?? "No feeds: add one with `tidings feeds add URL`")
            }
        } catch {
            lock.withLock { running = false }
            return "\(error)"
        }
        let thread = Thread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.bookkeeping)
            let event: Event
            do {
                let client = try HTTPClient(options: HTTPClientOptions(userAgent: TidingsUserAgent.value))
                let fetcher = try Fetcher(locations: .init(store: where_.store, stateFile: where_.stateFile,
                                                           feedsFile: where_.feedsFile), client: client)
                let outcomes = fetcher.fetch(subscriptions) { progress in
                    self.lock.withLock { self.events.append(.landed(progress)) }
                }
                event = .finished(outcomes)
            } catch {
                event = .failed("Cannot fetch: \(error)")
            }
            lock.withLock {
                events.append(event)
                running = false
            }
        }
        thread.name = "tidings fetch"
        thread.stackSize = 4 << 20
        thread.start()
        return nil
    }

    func poll() -> [Event] {
        lock.withLock {
            let taken = events
            events = []
            return taken
        }
    }

    /// The status line while feeds land.
    static func progressLine(_ progress: FetchProgress) -> String {
        "Fetching \(progress.done)/\(progress.total): \(progress.outcome.name): \(progress.outcome.summary)"
    }

    /// The status line at the end: counts, and the first failure named.
    static func summaryLine(_ outcomes: [FeedOutcome]) -> (text: String, isError: Bool) {
        let newItems = outcomes.reduce(0) { if case .updated(let n) = $1.result { return $0 + n }; return $0 }
        let failed = outcomes.filter(\.isFailure)
        var text = "Fetched \(outcomes.count) feed\(outcomes.count == 1 ? "" : "s"): \(newItems) new item\(newItems == 1 ? "" : "s")"
        if let first = failed.first {
            text += "; \(failed.count) failed (\(first.name): \(first.summary))"
        }
        return (text, !failed.isEmpty)
    }
}
