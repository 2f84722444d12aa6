import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thread CPU time per refresh phase, printed to stderr when TIDINGS_INDEX_PROFILE is set.
/// For the benchmark only: with it unset, `measure` is one flag check.
enum IndexProfile {
    static let enabled = ProcessInfo.processInfo.environment["TIDINGS_INDEX_PROFILE"] != nil
    nonisolated(unsafe) private static var totals: [String: Double] = [:]
    private static let lock = NSLock()

    static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = cpu()
        defer {
            let spent = cpu() - start
            lock.withLock { totals[name, default: 0] += spent }
        }
        return try body()
    }

    /// Prints the wall time since the first mark with `name` (the order of a build's phases).
    static func mark(_ name: String) {
        guard enabled else { return }
        let now = Date()
        let since = lock.withLock {
            if start == nil { start = now }
            return now.timeIntervalSince(start!)
        }
        FileHandle.standardError.write(Data(String(format: "at %6.3f s: %@\n", since, name).utf8))
    }

    nonisolated(unsafe) private static var start: Date?

    static func report() {
        guard enabled else { return }
        let lines = lock.withLock { totals.sorted { $0.value > $1.value } }
            .map { String(format: "  %-28@ %7.3f s CPU", $0.key, $0.value) }
        FileHandle.standardError.write(Data(("profile:\n" + lines.joined(separator: "\n") + "\n").utf8))
    }

    private static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
