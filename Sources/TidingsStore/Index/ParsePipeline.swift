import Foundation
import TidingsModel

/// Parses a refresh's files on every core, ahead of the writer, which takes them in order.
///
/// Workers take the next file as soon as they are free (no batch boundary where the cores
/// wait for a batch's last file), up to `aheadBytes` of files parsed or being parsed that the
/// writer has not taken: memory stays bounded when the writer is slower.
final class ParsePipeline: @unchecked Sendable {
    typealias Parsed = (result: Result<ParsedFile, SkipReason>, prepared: PreparedFile?)

    private let files: [StoreWalker.Entry]
    private let condition = NSCondition()
    // Under `condition`:
    private var slots: [Parsed?]
    /// The next file a worker starts, and the next the writer takes.
    private var next = 0
    private var taken = 0
    /// Bytes of the files started and not yet taken.
    private var bytesAhead: Int64 = 0
    private var stopped = false

    /// `prepare`: also work out the article keys and search text (the first build's writer
    /// thread then only writes).
    init(_ files: [StoreWalker.Entry], index: ArticleIndex, prepare: Bool, aheadBytes: Int64 = 48 << 20) {
        self.files = files
        slots = Array(repeating: nil, count: files.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, files.count))
        // Threads of their own, not Dispatch's: a parser that spreads one big feed over the cores
        // (FeedParser's concurrentPerform) runs serially when nested in an apply and gets no pool
        // thread while another worker waits here for room.
        for _ in 0..<workers {
            Thread.detachNewThread { [self] in
                while let i = start(aheadBytes: aheadBytes) {
                    let result = IndexProfile.measure("parse (all threads)") { index.load(files[i]) }
                    var prepared: PreparedFile?
                    if prepare, case .success(let parsed) = result {
                        prepared = IndexProfile.measure("prepare (all threads)") {
                            PreparedFile(parsed, path: files[i].path, rules: index.categoryRules)
                        }
                    }
                    condition.withLock {
                        slots[i] = (result, prepared)
                        condition.broadcast()
                    }
                }
            }
        }
    }

    /// The next file for a worker, once it fits in the window (always, when nothing is ahead);
    /// nil when there is none or the pipeline stopped.
    private func start(aheadBytes: Int64) -> Int? {
        condition.withLock {
            while !stopped && next < files.count && bytesAhead > 0 && bytesAhead + files[next].size > aheadBytes {
                condition.wait()
            }
            guard !stopped && next < files.count else { return nil }
            defer { next += 1 }
            bytesAhead += files[next].size
            return next
        }
    }

    /// Waits for the next file in order and hands it over.
    func take() -> Parsed {
        condition.withLock {
            let i = taken
            while slots[i] == nil { condition.wait() }
            defer {
                slots[i] = nil
                taken += 1
                bytesAhead -= files[i].size
                condition.broadcast()
            }
            return slots[i]!
        }
    }

    /// Workers start no more files (those being parsed finish and are dropped).
    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }
}

/// A parsed file's article keys and search text, worked out on a parsing thread.
struct PreparedFile: Sendable {
    var pageKeys: [Int64]
    var teaserKeys: [[Int64]]
    /// Each page's body as the search index takes it.
    var bodies: [String]
    /// What the category rules say of each page ("" for nothing), where `MergeRules.category`
    /// would ask them (the page has no category of its own, its file no folder); nil elsewhere.
    var rules: [String?]

    init(_ parsed: ParsedFile, path: String, rules categoryRules: CategoryRules) {
        let inFolder = StoreWalker.folder(of: path) != nil
        rules = parsed.pages.map { page in
            page.category != nil || inFolder ? nil : categoryRules.category(headline: page.headline, summary: page.summary) ?? ""
        }
        pageKeys = parsed.pages.map { ArticleID(headline: $0.headline).indexKey }
        teaserKeys = parsed.pages.map { $0.teasers.map { ArticleID(headline: $0.headline).indexKey } }
        bodies = parsed.pages.map { SearchText.indexable(IndexBatch.bodyText($0.body)) }
    }
}
