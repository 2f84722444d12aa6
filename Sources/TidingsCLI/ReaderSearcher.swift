import Foundation
import TidingsUI

/// Runs the list's search queries off the main loop: a search over 100,000 articles can take
/// longer than a frame, and typing must never wait for it. One query at a time on a serial
/// queue; a newer search supersedes an older one (which is not started if a key came first),
/// and only the newest answer is kept. Other row queries stay on the main loop: they are cheap.
final class ReaderSearcher: @unchecked Sendable {
    private let rows: IndexRows
    private let queue = DispatchQueue(label: "tidings search", qos: .userInitiated)
    private let lock = NSLock()
    /// The effect last asked for, until its answer is taken.
    private var latest: Effect?
    private var answer: Action?

    init(rows: IndexRows) { self.rows = rows }

    /// A search for the list, to run in the background.
    static func wants(_ effect: Effect) -> Bool {
        if case .loadView(let query, _, _, _) = effect { return !query.filter.search.isEmpty }
        return false
    }

    func submit(_ effect: Effect) {
        lock.withLock {
            latest = effect
            answer = nil
        }
        // A short pause first: a key typed meanwhile supersedes this query before it starts,
        // and the frame for the key is painted without a query competing for the CPU.
        queue.asyncAfter(deadline: .now() + .milliseconds(15)) { [self] in
            guard isLatest(effect) else { return }
            let result = perform(effect, with: rows)
            lock.withLock { if latest == effect { answer = result } }
        }
    }

    /// A search is running or its answer waits to be taken: the main loop polls more often.
    var isBusy: Bool { lock.withLock { latest != nil } }

    /// The newest search's answer, once.
    func takeAnswer() -> Action? {
        lock.withLock {
            guard let found = answer else { return nil }
            answer = nil
            latest = nil
            return found
        }
    }

    /// Forgets a search that no longer matters (the search was cleared).
    func cancel() { lock.withLock { latest = nil; answer = nil } }

    private func isLatest(_ effect: Effect) -> Bool { lock.withLock { latest == effect } }
}
