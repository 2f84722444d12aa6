import Foundation
import TidingsModel
import TidingsUI

/// Runs `Effect.searchBodies` off the main loop: reading every stored page takes far longer
/// than a frame. One search at a time on a serial queue; a newer query supersedes an older
/// one, which stops between files, and only the answer for the newest query is kept.
final class ReaderBodySearcher: @unchecked Sendable {
    private let library: Library
    private let queue = DispatchQueue(label: "tidings body search", qos: .userInitiated)
    private let lock = NSLock()
    /// The query last asked for, until its answer is taken.
    private var latest: String?
    private var answer: (query: String, ids: Set<ArticleID>)?

    init(library: Library) { self.library = library }

    func search(_ query: String) {
        lock.withLock {
            latest = query
            answer = nil
        }
        // A short pause first: a key typed meanwhile supersedes this query before any file is
        // read, and the frame for the key is painted without a search competing for the CPU.
        queue.asyncAfter(deadline: .now() + .milliseconds(40)) { [self] in
            guard isLatest(query) else { return }
            let ids = library.articleIDs(whoseBodyContains: query, shouldStop: { !self.isLatest(query) })
            lock.withLock { if latest == query { answer = (query, ids) } }
        }
    }

    /// A search is running or its answer waits to be taken: the main loop polls more often.
    var isBusy: Bool { lock.withLock { latest != nil } }

    /// The newest query's answer, once, as the action for the reducer.
    func takeAnswer() -> Action? {
        lock.withLock {
            guard let found = answer else { return nil }
            answer = nil
            latest = nil
            return .bodyMatches(query: found.query, ids: found.ids)
        }
    }

    private func isLatest(_ query: String) -> Bool { lock.withLock { latest == query } }
}
