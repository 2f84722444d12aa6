/// Parses a stored text page (DESIGN.md section 1): date line or crawler prefix, weather block,
/// headline, standfirst, body with subheadings, image credits, `Hot this week` teasers, footer.
///
/// Works on the UTF-8 bytes and makes Strings only for the fields it returns. Files named `*.txt`
/// and files with no extension at all (crawlers often store pages that way) are accepted; the
/// content check then skips anything binary.
public struct TextPageParser: PageFileParser {
    public static let sizeLimit = 8 << 20

    public init() {}

    public var maxFileSize: Int { Self.sizeLimit }

    public func accepts(path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return true }
        return name[name.index(after: dot)...].lowercased() == "txt"
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
            let temperature = Temperature.match(p, lines[k])
            guard temperature != .notATemperature, let r = nextNonBlank(from: k + 1), isRegion(lines[r]) else { break }
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

    mutating func takeHeadline() -> String? {
        while let k = nextNonBlank(from: i) {
            i = k + 1
            if SectionLabels.role(p, lines[k]) != nil || ImageCredit.creditStart(p, lines[k]) != nil { continue }
            let text = ByteText.string(p, lines[k])
            if !text.isEmpty { return text }
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

    /// After a teaser label: headline then one-sentence summary, repeated; a headline whose next
    /// line is not a sentence has no summary. Footer labels end a section.
    mutating func takeTeasers(excluding headline: String) -> [Teaser] {
        var teasers: [Teaser] = []
        let own = ArticleID.hash64(headline: headline)
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
            var n = 0
            while n < section.count {
                let head = section[n]
                var summary: String?
                if n + 1 < section.count, !ByteText.endsSentence(p, head),
                   ByteText.endsSentence(p, section[n + 1]) || (n + 2 == section.count && section[n + 1].count > head.count) {
                    // The last pair's summary may be cut off mid-sentence; it is still longer than a headline.
                    summary = ByteText.string(p, section[n + 1])
                    n += 2
                } else {
                    n += 1
                }
                let text = ByteText.string(p, head)
                guard !text.isEmpty, head.count <= 300, ArticleID.hash64(headline: text) != own else { continue }
                teasers.append(Teaser(headline: text, summary: summary.flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        return teasers
    }
}
