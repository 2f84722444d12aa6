import Foundation
import TidingsModel

/// Saved HTML pages (`.html`, `.htm`, `.html.gz`): the article's text by a readability-style scorer,
/// and its metadata from Open Graph, JSON-LD and the page itself.
public struct HTMLPageParser: PageFileParser {
    public init() {}

    /// Bumped when what a page gives changes, so the index parses every HTML file again
    /// (2: headline without the site's name, dates from the page's text, authors, sections).
    public var version: String { "html-2" }

    /// Saved pages with inline images run large; the 20 MB page test must pass.
    public var maxFileSize: Int { Gzip.maxOutput }

    public func accepts(path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".html") || p.hasSuffix(".htm") || p.hasSuffix(".html.gz") || p.hasSuffix(".htm.gz")
    }

    public func parse(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        let page = try parsePage(bytes)
        return ParsedFile(kind: .html, pages: [page])
    }

    /// The whole pipeline for one page; `timings` (if given) receives the time of each phase.
    public func parsePage(_ raw: [UInt8], timings: UnsafeMutablePointer<PhaseTimings>? = nil) throws -> ParsedPage {
        var clock = PhaseClock(timings)
        let bytes = Gzip.isGzip(raw) ? try Gzip.inflate(raw) : raw
        guard !bytes.isEmpty else { throw SkipReason("empty page") }
        if bytes.prefix(4096).contains(0) && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            throw SkipReason("binary data, not an HTML page")
        }
        clock.lap(\.inflate)
        var filtered = Prefilter.run(bytes)
        var encoding: String?
        if !Charset.isValidUTF8(filtered.bytes) {
            let declared = Charset.declared(in: bytes)
            let saysUTF8 = declared == nil || declared == "utf-8" || declared == "utf8"
            if saysUTF8 && Charset.invalidUTF8Share(filtered.bytes) < 0.02 {
                // Mostly UTF-8: repair the broken sequences (U+FFFD) rather than read it all as Latin.
                filtered.bytes = Array(String(decoding: filtered.bytes, as: UTF8.self).utf8)
            } else {
                encoding = Charset.decoderName(declared: declared)
            }
        }
        clock.lap(\.prefilter)
        var builder = PageBuilder()
        HTMLSAX.parse(filtered.bytes, encoding: encoding ?? "UTF-8", into: &builder)
        builder.signals.jsonLD = filtered.jsonLD
        clock.lap(\.parse)
        let blocks = ContentScorer.extract(builder.tree)
        clock.lap(\.score)
        let page = PageAssembler(signals: builder.signals, blocks: blocks, allBlocks: builder.tree.blocks).page()
        clock.lap(\.assemble)
        return page
    }
}

/// Seconds spent per phase, summed over pages (for the benchmark).
public struct PhaseTimings: Sendable {
    public var inflate = 0.0, prefilter = 0.0, parse = 0.0, score = 0.0, assemble = 0.0
    public init() {}
}

public struct PhaseClock {
    private let target: UnsafeMutablePointer<PhaseTimings>?
    private var last: UInt64
    init(_ target: UnsafeMutablePointer<PhaseTimings>?) {
        self.target = target
        last = target == nil ? 0 : PhaseClock.cpuNanoseconds()
    }
    mutating func lap(_ phase: WritableKeyPath<PhaseTimings, Double>) {
        guard let target else { return }
        let now = PhaseClock.cpuNanoseconds()
        target.pointee[keyPath: phase] += Double(now - last) / 1e9
        last = now
    }

    /// This thread's CPU time: on a shared machine wall time measures the neighbours too.
    public static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

extension HTMLPageParser {
    /// CPU seconds libxml2 alone needs to tokenise this page after the prefilter (for the benchmark).
    public static func tokenizerSeconds(_ raw: [UInt8]) -> Double {
        guard let bytes = try? (Gzip.isGzip(raw) ? Gzip.inflate(raw) : raw) else { return 0 }
        let filtered = Prefilter.run(bytes).bytes
        let start = PhaseClock.cpuNanoseconds()
        HTMLSAX.tokenizeOnly(filtered)
        return Double(PhaseClock.cpuNanoseconds() - start) / 1e9
    }

    /// What the scorer saw, for tuning: element and block counts, the best candidates and the roots.
    public func explain(_ raw: [UInt8]) throws -> String {
        let bytes = Gzip.isGzip(raw) ? try Gzip.inflate(raw) : raw
        let filtered = Prefilter.run(bytes)
        var builder = PageBuilder()
        HTMLSAX.parse(filtered.bytes, encoding: nil, into: &builder)
        let scorer = ContentScorer(tree: builder.tree)
        var lines = ["elements \(builder.tree.elements.count) blocks \(builder.tree.blocks.count) bytes \(filtered.bytes.count)"]
        for (i, s) in scorer.topScores(8) {
            let e = builder.tree.elements[i]
            lines.append(String(format: "  #%d %@ score %.1f weight %d ld %.2f parent %d  [%@]", i, "\(e.tag)", s, Int(e.weight),
                                scorer.linkDensity(i), Int(e.parent), e.hintID >= 0 ? builder.tree.hintTexts[Int(e.hintID)] : ""))
        }
        lines.append("roots \(scorer.roots())")
        if ProcessInfo.processInfo.environment["EXPLAIN_ELEMENTS"] != nil {
            for (i, e) in builder.tree.elements.enumerated() { lines.append("  \(i) \(e.tag) p\(e.parent) end\(e.end) [\(e.hintID >= 0 ? builder.tree.hintTexts[Int(e.hintID)] : "")]") }
        }
        return lines.joined(separator: "\n")
    }
}
