import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reader's background threads (searches, counts, bodies, the store refresh) run a little
/// below the main loop: on two cores, a key's frame then waits less for a count or a feed being
/// parsed. Linux keeps a nice value per thread; a thread can lower its own priority without
/// privileges (and never raises it here).
enum BackgroundPriority {
    static let niceness: Int32 = 5

    /// Lowers the calling thread's priority, once; failures are ignored (a scheduling hint).
    static func lowerCurrentThread() {
        #if os(Linux)
        // `who` 0 is the calling thread on Linux (the nice value is per thread there).
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        if errno == 0 && current < niceness { _ = setpriority(which, 0, niceness) }
        #endif
    }
}
