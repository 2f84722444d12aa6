// Loading-and-merging benchmark. Not a test: timings live here and in BENCHMARKS.md.
//
//   tidings-bench generate N DIR   write a deterministic store of N seed-format pages into DIR
//   tidings-bench load DIR         scan + merge DIR once, print pages/s (run under /usr/bin/time -v)
//
// Generation is a separate command so that its time and memory are not counted.
import Foundation
import TestSupport
import TidingsModel

/// SplitMix64: deterministic across runs and machines.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

let subjects = ["Apple", "Google", "Meta", "Amazon", "Grab", "Sea", "DBS", "Singtel", "Shopee", "Lazada",
                "Samsung", "Sony", "Nvidia", "Tencent", "Alibaba", "Toyota", "Petronas", "AirAsia", "Gojek", "Razer"]
let verbs = ["launches", "expands", "cuts", "unveils", "tests", "delays", "doubles", "rethinks", "opens", "sells"]
let objects = ["its AI assistant", "a new data centre", "regional delivery service", "a budget smartphone",
               "cloud gaming plans", "an electric scooter pilot", "a payments app", "its loyalty scheme",
               "a chip design team", "a satellite internet trial"]
let places = ["Singapore", "Malaysia", "Thailand", "Indonesia", "the Philippines", "Vietnam", "Tokyo", "Seoul",
              "Sydney", "Taipei"]
let regions = ["Singapore", "Thailand", "Indonesia", "Philippines", "Malaysia", "Vietnam", "Tokyo", "Seoul"]
let folders = ["", "", "", "Tech", "Business", "Science", "Health", "Sport", "World", "Entertainment"]
let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
let filler = """
    The company said the move reflected strong demand across the region and would be reviewed after the first \
    six months. Analysts said the plan was ambitious but in line with what rivals have announced this year, and \
    that the real test would be whether customers change their habits. Officials welcomed the investment, noting \
    that it would create jobs and bring new skills to the local workforce over the coming years.
    """

func headline(_ i: Int) -> String {
    var r = Random(state: UInt64(i) &* 0x2545_F491_4F6C_DD1D)
    return "\(r.pick(subjects)) \(r.pick(verbs)) \(r.pick(objects)) in \(r.pick(places)), report \(i)"
}

func summary(_ i: Int) -> String {
    "A one-sentence summary of story \(i), as shown in lists and in the teasers of other pages."
}

func page(_ i: Int, of n: Int) -> String {
    var r = Random(state: UInt64(i) &+ 0xC0FFEE)
    let dayIndex = i % 60  // dates over about two months
    var (month, day) = (9, 1 + dayIndex)
    if day > 30 { (month, day) = (10, day - 30) }
    let weekday = weekdays[(dayIndex + 0) % 7]
    var text = i % 2 == 0 ? "\(weekday), \(day) \(months[month]) 2025\n" : "\(weekday), \(months[month]) \(day), 2025\n"
    for k in 0..<4 {
        let tenths = 240 + r.int(80)
        text += "\(tenths / 10).\(tenths % 10) C\n\(regions[(i + k) % regions.count])\n"
    }
    let h = headline(i)
    text += "\n\(h)\n\n\(summary(i))\n\n"
    for p in 0..<11 {
        if p == 2 { text += "\(h)\nImage credit: Agency \(r.int(20))\n\n" }
        if p == 5 || p == 8 { text += "What happens next for part \(p)\n\n" }
        text += "Paragraph \(p + 1) of story \(i). \(filler)\n\n"
    }
    text += "Hot this week\n\n"
    for _ in 0..<9 {
        // Mostly other generated pages (they become full articles), some never stored (teasers only).
        let t = r.int(n + n / 10)
        text += "\(headline(t))\n\n\(summary(t))\n\n"
    }
    text += "Related Articles\n\nPopular Categories"
    return text
}

func generate(_ n: Int, into dir: URL) throws {
    let fm = FileManager.default
    try? fm.removeItem(at: dir)
    for folder in Set(folders) {
        try fm.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    var bytes = 0
    for i in 0..<n {
        let folder = folders[i % folders.count]
        let name = String(format: "%07d.txt", i)
        let url = folder.isEmpty ? dir.appendingPathComponent(name) : dir.appendingPathComponent(folder).appendingPathComponent(name)
        let data = Data(page(i, of: n).utf8)
        bytes += data.count
        try data.write(to: url)
    }
    print("generated \(n) pages, \(bytes / max(n, 1)) bytes per page on average, in \(dir.path)")
}

/// CPU seconds (user + system) of this process: the honest "one core" figure on a shared machine.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Resident memory now, in MiB (Linux /proc/self/statm).
func residentMiB() -> Int {
    guard let f = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, 256, f) != nil else { return 0 }
    let text = String(cString: buffer)
    guard let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
}

func load(_ dir: URL) {
    let clock = ContinuousClock()
    let cpuStart = cpuSeconds()
    let start = clock.now
    let library = Library(store: dir)
    let report = library.scan()
    let afterScan = residentMiB()
    let articles = library.articles
    let weather = library.weather
    let categories = library.categories
    let elapsed = clock.now - start
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let pages = report.added
    let afterArticles = residentMiB()
    // glibc's per-arena "system" vs "in use" bytes, to tell live data from allocator slack.
    if ProcessInfo.processInfo.environment["BENCH_MALLOC_STATS"] != nil { cMallocStats() }
    print("resident after scan \(afterScan) MiB, after articles \(afterArticles) MiB")
    print("pages \(pages) articles \(articles.count) teasers \(articles.filter { $0.kind == .teaser }.count) " +
          "regions \(weather.count) categories \(categories.count) skipped \(report.skipped)")
    print(String(format: "load+merge %.3f s wall, %.0f pages/s; %.3f s CPU, %.0f pages per CPU second",
                 seconds, Double(pages) / seconds, cpu, Double(pages) / cpu))
    let again = clock.now
    let second = library.scan()
    let rescan = clock.now - again
    let rescanSeconds = Double(rescan.components.seconds) + Double(rescan.components.attoseconds) / 1e18
    print(String(format: "rescan (nothing changed: %d unchanged) %.3f s", second.unchanged, rescanSeconds))
}

/// Parser alone, on pages already in memory: separates parsing cost from file-system cost.
func parseOnly(_ dir: URL, limit: Int) throws {
    var pages: [[UInt8]] = []
    let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
    for case let url as URL in e where url.pathExtension == "txt" {
        pages.append(Array(try Data(contentsOf: url)))
        if pages.count >= limit { break }
    }
    let parser = TextPageParser()
    let clock = ContinuousClock()
    for (label, full) in [("summary", false), ("full", true)] {
        let start = clock.now
        var teasers = 0
        for p in pages { teasers += try parser.parsePage(p, includeBody: full).teasers.count }
        let d = clock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        print(String(format: "%@ parse: %d pages in %.3f s, %.0f pages/s (%d teasers)", label, pages.count, seconds,
                     Double(pages.count) / seconds, teasers))
    }
    let start = clock.now
    var ids = Set<ArticleID>()
    for p in pages {
        let page = try parser.parsePage(p, includeBody: false)
        ids.insert(ArticleID(headline: page.headline))
        for t in page.teasers { ids.insert(ArticleID(headline: t.headline)) }
    }
    let d = clock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    print(String(format: "summary parse + ids: %.0f pages/s (%d distinct ids)", Double(pages.count) / seconds, ids.count))
}

let args = CommandLine.arguments
switch (args.count, args.count > 1 ? args[1] : "") {
case (4, "generate"):
    guard let n = Int(args[2]), n > 0 else { print("N must be a positive number"); exit(64) }
    do { try generate(n, into: URL(fileURLWithPath: args[3])) } catch { print("error: \(error)"); exit(1) }
case (3, "parse"):
    do { try parseOnly(URL(fileURLWithPath: args[2]), limit: 20000) } catch { print("error: \(error)"); exit(1) }
case (3, "load"):
    load(URL(fileURLWithPath: args[2]))
default:
    print("usage: tidings-bench generate N DIR | tidings-bench load DIR")
    exit(64)
}

@_silgen_name("malloc_stats") func cMallocStats()
