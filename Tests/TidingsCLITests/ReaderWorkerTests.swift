import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TidingsStore
import TidingsUI
@testable import TidingsCLI

/// The reader's search queue: a newer search supersedes an older one, stops it while it runs
/// and drops its answer; queues that are not latest-only answer every job.
@Suite struct ReaderWorkerTests {
    /// Work that reports when it starts and runs until its query is cancelled (or 10 s pass).
    final class Probe: @unchecked Sendable {
        let started = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var stopped: [Effect] = []
        var stoppedJobs: [Effect] { lock.withLock { stopped } }

        func work(_ effect: Effect) -> Action? {
            started.signal()
            guard effect == .loadCategories else { return .status("done \(effect)", isError: false) }
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if QueryCancellation.current?.isCancelled == true {
                    lock.withLock { stopped.append(effect) }
                    return .status("stopped", isError: true)
                }
                usleep(1_000)
            }
            return .status("ran to the end", isError: false)
        }
    }

    static func messages(_ answers: [Action]) -> [String] {
        answers.map { answer in
            if case .status(let message, _) = answer { return message }
            return "\(answer)"
        }
    }

    @Test func aNewerSearchStopsTheRunningOneAndOnlyItsAnswerComes() throws {
        let probe = Probe()
        let worker = ReaderWorker(label: "test search", latestOnly: true) { probe.work($0) }
        worker.submit(.loadCategories)
        #expect(probe.started.wait(timeout: .now() + 10) == .success)
        worker.submit(.rescan)
        worker.waitUntilIdle()
        #expect(probe.stoppedJobs == [.loadCategories])
        #expect(Self.messages(worker.takeAnswers()) == ["done rescan"])
    }

    @Test func cancelStopsTheRunningSearchAndDropsItsAnswer() throws {
        let probe = Probe()
        let worker = ReaderWorker(label: "test search", latestOnly: true) { probe.work($0) }
        worker.submit(.loadCategories)
        #expect(probe.started.wait(timeout: .now() + 10) == .success)
        worker.cancel()
        worker.waitUntilIdle()
        #expect(probe.stoppedJobs == [.loadCategories])
        #expect(Self.messages(worker.takeAnswers()).isEmpty)
    }

    /// Jobs run below the main loop's priority (a key's frame waits less for them), counts and
    /// other bookkeeping lowest; the submitting thread keeps its own.
    @Test(arguments: [BackgroundPriority.awaited, BackgroundPriority.bookkeeping])
    func jobsRunBelowTheMainLoop(niceness: Int32) throws {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let before = getpriority(which, 0)
        let worker = ReaderWorker(label: "test priority", latestOnly: false, niceness: niceness) { _ in
            .status("nice \(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))", isError: false)
        }
        worker.submit(.rescan)
        worker.waitUntilIdle()
        #expect(Self.messages(worker.takeAnswers()) == ["nice \(max(before, niceness))"])
        #expect(getpriority(which, 0) == before)
        #endif
    }

    @Test func aQueueThatIsNotLatestOnlyAnswersEveryJob() throws {
        let probe = Probe()
        let worker = ReaderWorker(label: "test bodies", latestOnly: false) { probe.work($0) }
        worker.submit(.rescan)
        worker.submit(.quit)
        worker.cancel()  // no effect on such a queue
        worker.waitUntilIdle()
        #expect(Self.messages(worker.takeAnswers()) == ["done rescan", "done quit"])
    }
}
