import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reader's background threads run below the main loop: on two cores, a key's frame then
/// waits less for them. Linux keeps a nice value per thread; a thread can lower its own
/// priority without privileges (and never raises it here).
enum BackgroundPriority {
    /// What the user is waiting for (a search's results, an article's body, a mark-all): a
    /// little below the main loop.
    static let awaited: Int32 = 5
    /// Bookkeeping the user is not waiting for (counts after a frame, the store refresh): the
    /// lowest. A count started after a frame ran at 5 when the next key came and held up that
    /// key's frame by several milliseconds on a busy machine; at 19 the main loop takes the
    /// core at once. When nothing else runs it costs nothing.
    static let bookkeeping: Int32 = 19

    /// Lowers the calling thread's priority to `niceness`; failures are ignored (a scheduling hint).
    static func lowerCurrentThread(to niceness: Int32) {
        #if os(Linux)
        // `who` 0 is the calling thread on Linux (the nice value is per thread there).
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        if errno == 0 && current < niceness { _ = setpriority(which, 0, niceness) }
        #endif
    }
}
