import Foundation
import TidingsModel

/// Scans the library on its own thread from the moment the reader starts, so that the scan
/// overlaps starting the terminal and opening the read marks, and the main thread stays free
/// to paint a loading frame and answer q, resizes and signals while a big store loads.
final class ReaderLibraryLoader: @unchecked Sendable {
    struct Loaded {
        var library: Library
        /// Warnings from opening the library (a broken categories.toml), for the status line.
        var warnings: [String]
    }

    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var loaded: Loaded?

    init(_ options: ReaderOptions) {
        let thread = Thread { [self] in
            var warnings: [String] = []
            let library = options.openLibrary(warn: { warnings.append($0) })
            lock.lock()
            loaded = Loaded(library: library, warnings: warnings)
            lock.unlock()
            finished.signal()
        }
        thread.name = "tidings library scan"
        thread.start()
    }

    /// The scanned library, waiting at most `milliseconds` for it; nil if it is not ready yet.
    func wait(milliseconds: Int) -> Loaded? {
        if let loaded = current { return loaded }
        guard finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
        finished.signal()  // let later waits through at once
        return current
    }

    private var current: Loaded? {
        lock.lock()
        defer { lock.unlock() }
        return loaded
    }
}
