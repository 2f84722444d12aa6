/// Parses a stored text page (the format of DemoPages/000_16309b67825d310a.txt): date line or crawler prefix, weather block,
/// headline, standfirst, body with subheadings, image credits, `Hot this week` teasers, footer.
///
/// Works on the UTF-8 bytes and makes Strings only for the fields it returns. Files named `*.txt`
/// and files with no extension at all (crawlers often store pages that way) are accepted; the
/// content check then skips anything binary.
public struct TextPageParser: PageFileParser {
    public static let sizeLimit = 8 << 20

    public init() {}

    public var maxFileSize: Int { Self.sizeLimit }

    /// Bump when a parser change alters the result for existing pages: the index re-parses them.
    public var version: String { "text-1" }

    public func accepts(path: String) -> Bool {
        // On the bytes of the last path component: called once per file per scan.
        let bytes = path.utf8
        var dot: String.UTF8View.Index?
        var i = bytes.endIndex
        while i > bytes.startIndex {
            let previous = bytes.index(before: i)
            let b = bytes[previous]
            if b == UInt8(ascii: "/") { break }
            if b == UInt8(ascii: ".") && dot == nil { dot = previous }
            i = previous
        }
        guard let dot, dot != i else { return true }  // no extension (a leading dot is not one)
        let ext = bytes[bytes.index(after: dot)...]
        return ext.count == 3 && ext.map { $0 | 0x20 }.elementsEqual("txt".utf8)
    }

    public func parse(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        ParsedFile(kind: .text, pages: [try parsePage(bytes, includeBody: true)])
    }

    /// Headline, summary, date, weather and teasers: no body Strings are made.
    public func summarize(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        ParsedFile(kind: .text, pages: [try parsePage(bytes, includeBody: false)])
    }

    public func parsePage(_ bytes: [UInt8], includeBody: Bool = true) throws -> ParsedPage {
        guard bytes.count <= Self.sizeLimit else {
            throw SkipReason("file too large (\(bytes.count) bytes, limit \(Self.sizeLimit))")
        }
        return try bytes.withUnsafeBufferPointer { whole in
            var start = 0
            if whole.count >= 3 && whole[0] == 0xEF && whole[1] == 0xBB && whole[2] == 0xBF { start = 3 }
            let p = UnsafeBufferPointer(rebasing: whole[..<ContentSniffer.endDroppingCutSequence(whole)])
            if let reason = ContentSniffer.binaryReason(p, from: start) { throw SkipReason(reason) }
            var scan = PageScan(p: p, includeBody: includeBody)
            return try scan.run(from: start)
        }
    }
}

/// One pass over the lines of a page.
private struct PageScan {
    let p: UnsafeBufferPointer<UInt8>
    let includeBody: Bool
    var lines: [ByteLine] = []
    var i = 0

    init(p: UnsafeBufferPointer<UInt8>, includeBody: Bool) {
        self.p = p
        self.includeBody = includeBody
    }

    mutating func run(from start: Int) throws -> ParsedPage {
        lines = ByteText.lines(p, from: start)
        guard lines.contains(where: { !$0.isBlank }) else { throw SkipReason("empty file") }
        let crawlerDate = takeCrawlerPrefix()

        // Header: date lines and temperature/region pairs, in any order, before the headline.
        var dateLine: CivilDate?
        var readings: [(region: String, celsius: Double)] = []
        header: while let k = nextNonBlank(from: i) {
            i = k
            switch DateLine.match(p, lines[k]) {
            case .date(let d):
                if dateLine == nil { dateLine = d }
                i += 1
                continue header
            case .impossible:
                i += 1
                continue header
            case .notADate:
                break
            }
            // The region is the very next line: never reach over a blank line into the headline.
            // A temperature with no region after it is weather debris: dropped, not a headline.
            let temperature = Temperature.match(p, lines[k])
            guard temperature != .notATemperature else { break }
            let r = k + 1
            guard r < lines.count, !lines[r].isBlank, isRegion(lines[r]) else {
                i = k + 1
                continue header
            }
            if case .celsius(let c) = temperature {
                readings.append((ByteText.string(p, lines[r]), c))
            }
            i = r + 1
        }
        let storedDate = dateLine ?? crawlerDate

        guard let headline = takeHeadline() else { throw SkipReason("no headline found") }
        var credits: [String] = []
        var blocks: [BodyBlock] = []
        let summary = takeStandfirst(credits: &credits)
        let bodyLines = takeBody(credits: &credits)
        if includeBody { blocks = makeBlocks(bodyLines) }
        let teasers = takeTeasers(excluding: headline)

        return ParsedPage(
            storedDate: storedDate,
            weather: readings.map { WeatherReading(region: $0.region, celsius: $0.celsius, date: storedDate) },
            headline: headline,
            summary: summary,
            body: ArticleBody(blocks: blocks, imageCredits: includeBody ? credits : []),
            teasers: teasers)
    }

    // MARK: - Header

    /// ` date 2025-09-19 ` at the start of the first line; the rest of the line stays as a line.
    mutating func takeCrawlerPrefix() -> CivilDate? {
        guard let first = lines.first else { return nil }
        let literal = Array("date ".utf8)
        guard ByteText.hasPrefixLowercase(p, first, literal) else { return nil }
        var s = first.start + literal.count
        while s < first.end && p[s] == 0x20 { s += 1 }
        guard s + 10 <= first.end, DateLine.isISOShaped(p, at: s),
              s + 10 == first.end || p[s + 10] == 0x20 else { return nil }
        // An impossible day (`date 2025-02-31`) is still the crawler's prefix, not the headline.
        let date = DateLine.iso(p, at: s)
        s += 10
        while s < first.end && p[s] == 0x20 { s += 1 }
        lines[0].start = s
        return date
    }

    func nextNonBlank(from k: Int) -> Int? {
        var k = k
        while k < lines.count {
            if !lines[k].isBlank { return k }
            k += 1
        }
        return nil
    }

    func isRegion(_ line: ByteLine) -> Bool {
        line.count <= 60 && Temperature.match(p, line) == .notATemperature
            && DateLine.match(p, line) == .notADate && !ByteText.endsSentence(p, line)
    }

    // MARK: - Headline and standfirst

    /// Longer first lines (a page with no line breaks) are cut at a word before this many bytes.
    static let headlineLimit = 300

    mutating func takeHeadline() -> String? {
        while let k = nextNonBlank(from: i) {
            i = k + 1
            if SectionLabels.role(p, lines[k]) != nil || ImageCredit.creditStart(p, lines[k]) != nil { continue }
            var line = lines[k]
            var cut = false
            if line.count > Self.headlineLimit {
                var e = line.start + Self.headlineLimit
                while e > line.start && p[e] & 0xC0 == 0x80 { e -= 1 }  // not inside a character
                var space = e
                while space > line.start + Self.headlineLimit / 2 && p[space] != 0x20 { space -= 1 }
                line.end = p[space] == 0x20 ? space : e
                cut = true
            }
            let text = ByteText.string(p, line)
            if !text.isEmpty { return cut ? text + "\u{2026}" : text }
        }
        return nil
    }

    func isCaption(_ k: Int) -> Bool {
        k + 1 < lines.count && ImageCredit.creditStart(p, lines[k + 1]) != nil
    }

    mutating func credit(_ k: Int, into credits: inout [String]) {
        guard includeBody, let s = ImageCredit.creditStart(p, lines[k]) else { return }
        let text = ByteText.string(p, ByteLine(start: s, end: lines[k].end))
        if !text.isEmpty { credits.append(text) }
    }

    /// The first paragraph after the headline; captions, credits and inline labels are passed over.
    mutating func takeStandfirst(credits: inout [String]) -> String? {
        while let k = nextNonBlank(from: i) {
            if ImageCredit.creditStart(p, lines[k]) != nil {
                credit(k, into: &credits)
                i = k + 1
                continue
            }
            if let role = SectionLabels.role(p, lines[k]) {
                if role != .inline { return nil }  // the section starts: no standfirst
                i = k + 1
                continue
            }
            i = k + 1
            if isCaption(k) { continue }
            let text = ByteText.string(p, lines[k])
            if !text.isEmpty { return text }
        }
        return nil
    }

    // MARK: - Body

    /// Lines of body text up to the first teaser or footer label; credits collected on the way.
    mutating func takeBody(credits: inout [String]) -> [Int] {
        var body: [Int] = []
        while i < lines.count {
            let line = lines[i]
            if line.isBlank { i += 1; continue }
            if let role = SectionLabels.role(p, line) {
                if role != .inline { return body }
                i += 1
                continue
            }
            if ImageCredit.creditStart(p, line) != nil {
                credit(i, into: &credits)
            } else if !isCaption(i) && includeBody {
                body.append(i)
            }
            i += 1
        }
        return body
    }

    /// A short line without end punctuation, with body text after it, is a subheading.
    func makeBlocks(_ indices: [Int]) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        blocks.reserveCapacity(indices.count)
        for (n, k) in indices.enumerated() {
            let line = lines[k]
            let text = ByteText.string(p, line)
            if text.isEmpty { continue }
            let isLast = n == indices.count - 1
            if !isLast && line.count <= 100 && !ByteText.endsWithPunctuation(p, line)
                && ByteText.wordCount(p, line, limit: 14) <= 14 {
                blocks.append(.subheading(text))
            } else {
                blocks.append(.paragraph(text))
            }
        }
        return blocks
    }

    // MARK: - Teasers

    /// The first letter or digit, ASCII-lowercased (any non-ASCII byte is returned as is).
    static func firstWordByte(_ utf8: String.UTF8View) -> UInt8 {
        for b in utf8 {
            if b >= 0x80 { return b }
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { return lower }
        }
        return 0
    }

    /// After a teaser label: headline then one-sentence summary, repeated; a headline whose next
    /// line is not a sentence has no summary. Footer labels end a section.
    mutating func takeTeasers(excluding headline: String) -> [Teaser] {
        var teasers: [Teaser] = []
        let own = ArticleID.hash64(headline: headline)
        let ownLength = headline.utf8.count
        let ownFirst = Self.firstWordByte(headline.utf8)
        while i < lines.count {
            guard let k = nextNonBlank(from: i) else { break }
            i = k + 1
            guard SectionLabels.role(p, lines[k]) == .teasers else { continue }
            // Collect the section's lines.
            var section: [ByteLine] = []
            while let m = nextNonBlank(from: i) {
                let role = SectionLabels.role(p, lines[m])
                if role == .teasers || role == .footer { break }
                i = m + 1
                if role == .inline { continue }
                section.append(lines[m])
            }
            // Headline/summary pairs when every second line is a sentence (the last may be cut off);
            // otherwise a line is a headline, paired only with a following sentence line.
            let seconds = stride(from: 1, to: section.count, by: 2).map { ByteText.endsSentence(p, section[$0]) }
            let pairs = seconds.contains(true) && seconds.dropLast().allSatisfy { $0 }
                && (seconds.last! || section.count % 2 == 0)
            var n = 0
            while n < section.count {
                let head = section[n]
                var summary: String?
                if n + 1 < section.count && (pairs || (!ByteText.endsSentence(p, head) && ByteText.endsSentence(p, section[n + 1]))) {
                    summary = ByteText.string(p, section[n + 1])
                    n += 2
                } else {
                    n += 1
                }
                let text = ByteText.string(p, head)
                guard !text.isEmpty, head.count <= 300 else { continue }
                // A teaser for the page itself: only headlines of similar length can normalise alike.
                // Normalised headlines that are equal start with the same letter: a cheap first check.
                if abs(head.count - ownLength) <= ownLength / 4 + 4 && Self.firstWordByte(text.utf8) == ownFirst
                    && ArticleID.hash64(headline: text) == own { continue }
                teasers.append(Teaser(headline: text, summary: summary.flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        return teasers
    }
}
