#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The last terminating signal received (0: none). A signal handler may only do
/// async-signal-safe work, so it stores the number here and the main loop acts on it.
/// A lock-free atomic with static storage: the handler never allocates or locks.
private let receivedSignal = Atomic<Int32>(0)

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal; restores the
/// previous handlers on `restore()`. Installed before curses starts, so curses leaves them be.
struct SignalFlag {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var previous: [Int32: sigaction] = [:]

    init() {
        receivedSignal.store(0, ordering: .relaxed)
        // A parent may have left these blocked (the mask is inherited across exec): then a
        // SIGTERM would never arrive and a resize never be seen.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signo in Self.handled + [SIGWINCH] { sigaddset(&unblock, signo) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signo in Self.handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signo in
                receivedSignal.store(signo, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocking read returns early, so the loop notices at once.
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signo, &action, &old) == 0 { previous[signo] = old }
        }
    }

    /// The signal received since install, if any.
    var pending: Int32? {
        let s = receivedSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    func restore() {
        for (signo, old) in previous {
            var action = old
            sigaction(signo, &action, nil)
        }
    }
}
