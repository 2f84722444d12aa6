// Index benchmark. Not a test: timings live here and in BENCHMARKS.md.
//
//   tidings-index-bench build STORE DIR    refresh the index DIR/index.sqlite from STORE (cold when
//                                          DIR is empty) and print the time; run under /usr/bin/time -v
//   tidings-index-bench query STORE DIR WORD...
//                                          a warm process: refresh (nothing changed), first page,
//                                          counts, categories, search for each WORD, mark all read
//                                          and back; medians of 5 runs each
import Foundation
import TidingsExtract
import TidingsModel
import TidingsStore

/// The parsers the commands use (TidingsCLI.pageParsers), so the index matches theirs.
let parsers: [any PageFileParser] = [TextPageParser(), HTMLPageParser(), FeedParser()]

let clock = ContinuousClock()

/// Peak resident memory so far (VmHWM), in MiB: printed after each phase to see which one sets it.
func peakMiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// CPU seconds of this process so far (user + system): the fairer figure on a shared machine.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Median CPU milliseconds of `runs` runs of `body`.
func medianCPUMs(runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = cpuSeconds()
        try body()
        times.append((cpuSeconds() - start) * 1000)
    }
    return times.sorted()[runs / 2]
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = clock.now
    let value = try body()
    return (value, seconds(clock.now - start))
}

/// Median of `runs` timings of `body`, in milliseconds.
func medianMs(runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try timed(body).1 * 1000) }
    return times.sorted()[runs / 2]
}

func open(store: String, dir: String) throws -> (ArticleIndex, ReadStateStore) {
    let folder = URL(fileURLWithPath: dir)
    let statePath = folder.appendingPathComponent("state.sqlite")
    let state = try ReadStateStore(path: statePath)
    let index = try ArticleIndex(path: ArticleIndex.defaultPath(forState: statePath), store: URL(fileURLWithPath: store),
                                 parsers: parsers, marks: .database(statePath))
    return (index, state)
}

func build(store: String, dir: String) throws {
    let (index, _) = try open(store: store, dir: dir)
    var last = 0
    let (report, t) = try timed {
        try index.refresh(batchSize: Int(ProcessInfo.processInfo.environment["BATCH"] ?? "200") ?? 200, progress: { p in
            if p.done - last >= 20_000 || p.done == p.total {
                last = p.done
                FileHandle.standardError.write(Data("  \(p.done)/\(p.total)\n".utf8))
            }
        })
    }
    let counts = try index.counts()
    print(String(format: "refresh: %.2f s (%@); %d articles", t, report.description, counts.total))
    if report.parsed > 0 { print(String(format: "  %.0f files/s", Double(report.parsed) / t)) }
}

func query(store: String, dir: String, words: [String]) throws {
    let ((index, _), tOpen) = try timed { try open(store: store, dir: dir) }
    let (first, tFirst) = try timed { try index.articles(sort: .newest, offset: 0, limit: 40) }
    print("peak after open and the first 40 rows: \(peakMiB()) MiB")
    let (report, tRefresh) = try timed { try index.refresh() }
    print(String(format: "open %.1f ms; first 40 rows %.1f ms (%d rows); warm refresh %.0f ms (%@); peak so far %d MiB",
                 tOpen * 1000, tFirst * 1000, first.count, tRefresh * 1000, report.description, peakMiB()))
    print(String(format: "page of 40 at offset 50,000: %.1f ms", try medianMs { _ = try index.articles(offset: 50_000, limit: 40) }))
    print(String(format: "counts (total, unread): %.1f ms (CPU %.1f ms)", try medianMs { _ = try index.counts() },
                 try medianCPUMs { _ = try index.counts() }))
    print(String(format: "categories with unread counts: %.1f ms (CPU %.1f ms)", try medianMs { _ = try index.categories() },
                 try medianCPUMs { _ = try index.categories() }))
    guard let biggest = try index.categories().max(by: { $0.articles < $1.articles }) else {
        print("the index is empty")
        return
    }
    print(String(format: "biggest category (%@, %d) first 40 rows: %.1f ms", biggest.name, biggest.articles,
                 try medianMs { _ = try index.articles(ArticleFilter(category: biggest.name), offset: 0, limit: 40) }))
    for word in words {
        // What the reader does for `/word`: the hits counted, the first window (120 rows) of
        // best matches; the unread count comes after the frame.
        let search = ArticleFilter(search: word)
        var hits = 0
        let ms = try medianMs {
            hits = try index.total(search)
            _ = try index.articles(search, sort: .relevance, offset: 0, limit: 120)
        }
        let cpu = try medianCPUMs {
            _ = try index.total(search)
            _ = try index.articles(search, sort: .relevance, offset: 0, limit: 120)
        }
        let unreadMs = try medianMs { _ = try index.counts(search) }
        print(String(format: "search %@: %d hits, count + first 120 ranked rows %.1f ms (CPU %.1f ms), then the unread count %.1f ms; peak so far %d MiB",
                     word, hits, ms, cpu, unreadMs, peakMiB()))
    }
    var cpu = cpuSeconds()
    let (changed, tMark) = try timed { try index.markAll(ArticleFilter(), read: true) }
    let cpuMark = cpuSeconds() - cpu
    cpu = cpuSeconds()
    let (_, tUndo) = try timed { try index.markAll(ArticleFilter(), read: false) }
    print(String(format: "  (CPU: mark all read %.0f ms, unread again %.0f ms)", cpuMark * 1000, (cpuSeconds() - cpu) * 1000))
    print(String(format: "mark all read: %.0f ms (%d marks); mark all unread again: %.0f ms; peak so far %d MiB",
                 tMark * 1000, changed.count, tUndo * 1000, peakMiB()))
    let (catChanged, tCat) = try timed { try index.markAll(ArticleFilter(category: biggest.name), read: true) }
    _ = try index.markAll(ArticleFilter(), read: false)
    print(String(format: "mark biggest category read: %.0f ms (%d marks)", tCat * 1000, catChanged.count))
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch (args.first, args.count) {
    case ("build", 3): try build(store: args[1], dir: args[2])
    case ("query", 3...): try query(store: args[1], dir: args[2], words: Array(args.dropFirst(3)))
    default:
        print("usage: tidings-index-bench build STORE DIR | query STORE DIR WORD...")
        exit(64)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
