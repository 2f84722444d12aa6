import Foundation

/// A thread of its own that runs jobs one at a time, in order. Not one of Dispatch's pool
/// threads: the priority it sets (`BackgroundPriority`) stays with it and is never carried into
/// another queue's jobs (an unprivileged thread cannot raise its priority again).
final class JobThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(name: String, niceness: Int32) {
        let thread = Thread { [self] in
            BackgroundPriority.lowerCurrentThread(to: niceness)
            while let job = next() { job() }
        }
        thread.name = name
        thread.start()
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// The thread ends once the jobs already queued have run.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.withLock {
            while jobs.isEmpty && !stopped { condition.wait() }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
