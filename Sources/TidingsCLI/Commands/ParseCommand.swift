import ArgumentParser
import Foundation
import TidingsExtract
import TidingsModel

/// `tidings parse PATH... --format json|text`: what the parsers make of each file, every field.
public struct ParseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show what Tidings extracts from stored pages and feeds.")

    @Argument(help: "Files to parse (.txt, .html, .htm, .html.gz, .xml, .rss, .atom).")
    public var paths: [String]

    @OptionGroup public var output: FormatOptions

    public init() {}

    public func run() throws {
        try reportingErrors {
            let reports = paths.map { ParseCommand.report(path: $0, parsers: pageParsers) }
            switch output.format {
            case .json:
                try JSONOutput.write(reports)
            case .text:
                var out = reports.map { $0.text() }.joined(separator: "\n")
                if !out.hasSuffix("\n") { out += "\n" }
                StandardOutput.write(out)
            }
        }
    }

    /// One file: read it, pick the first parser that accepts its name, report fields or the reason it was skipped.
    public static func report(path: String, parsers: [any PageFileParser]) -> FileReport {
        let shown = TextSanitizer.clean(path)
        guard let parser = parsers.first(where: { $0.accepts(path: path) }) else {
            return .skipped(shown, "no parser for this file type")
        }
        let limit = max(parser.maxFileSize, 64 << 20)
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attrs[.size] as? Int, size > limit { return .skipped(shown, "file larger than \(limit >> 20) MB") }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let file = try parser.parse(bytes, path: path)
            switch file.kind {
            case .feed:
                var r = FileReport(path: shown, kind: "feed")
                r.items = file.pages.map { PageReport($0) }
                return r
            case .text, .html:
                var r = FileReport(path: shown, kind: file.kind.rawValue)
                if let page = file.pages.first { r.page = PageReport(page) }
                return r
            }
        } catch let skip as SkipReason {
            return .skipped(shown, TextSanitizer.clean(skip.description))
        } catch {
            return .skipped(shown, TextSanitizer.clean("cannot read: \(error.localizedDescription)"))
        }
    }
}

/// One article's fields as `parse` shows them.
/// Every field is present, null when the page does not say, so scripts can rely on the keys.
public struct PageReport: Encodable, Sendable {
    public var headline: String
    @Null public var summary: String?
    public var body: [String]
    @Null public var date: String?
    /// ISO 8601 with the time (UTC) where the page gives one, else the day.
    @Null public var published: String?
    @Null public var storedDate: String?
    @Null public var category: String?
    /// The section the page names for itself (in `parse`, the same value as `category`).
    @Null public var section: String?
    @Null public var url: String?
    /// Every author the page names, in its order.
    public var author: [String]
    @Null public var site: String?
    /// The same as `site`, under the name scripts first knew.
    @Null public var siteName: String?
    public var links: [Link]
    public var imageCredits: [String]
    public var weather: [Weather]

    public struct Link: Encodable, Sendable { public var text: String; public var url: String }

    public struct Weather: Encodable, Sendable { public var region: String; public var celsius: Double }

    public init(_ p: ParsedPage) {
        headline = p.headline
        summary = p.summary
        body = p.body.blocks.map(\.text)
        let day = (p.publishedDate ?? p.storedDate)?.description
        date = day
        published = p.publishedAt.map(ISOTime.utc) ?? day
        storedDate = p.storedDate?.description
        category = p.category
        section = p.category
        url = p.url
        author = p.authors
        site = p.siteName
        siteName = p.siteName
        links = p.body.links.map { Link(text: $0.text, url: $0.url) }
        imageCredits = p.body.imageCredits
        weather = p.weather.map { Weather(region: $0.region, celsius: $0.celsius) }
    }
}

/// One file: the page's fields flattened in, or a feed's `items`, or the skip `reason`.
public struct FileReport: Encodable, Sendable {
    public var path: String
    public var kind: String
    public var page: PageReport?
    public var items: [PageReport]?
    public var reason: String?

    init(path: String, kind: String) {
        self.path = path
        self.kind = kind
    }

    static func skipped(_ path: String, _ reason: String) -> FileReport {
        var r = FileReport(path: path, kind: "skipped")
        r.reason = reason
        return r
    }

    enum Keys: String, CodingKey { case path, kind, items, reason }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(path, forKey: .path)
        try c.encode(kind, forKey: .kind)
        if let page { try page.encode(to: encoder) }
        if let items { try c.encode(items, forKey: .items) }
        if let reason { try c.encode(reason, forKey: .reason) }
    }

    func text() -> String {
        var lines = ["\(path): \(kind)"]
        if let reason { lines.append("  reason: \(reason)") }
        if let page { lines.append(contentsOf: page.textLines(indent: "  ")) }
        for (i, item) in (items ?? []).enumerated() {
            lines.append("  item \(i + 1):")
            lines.append(contentsOf: item.textLines(indent: "    "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PageReport {
    func textLines(indent: String) -> [String] {
        var lines = ["\(indent)headline: \(headline)"]
        func add(_ label: String, _ value: String?) { if let value { lines.append("\(indent)\(label): \(value)") } }
        add("summary", summary)
        add("date", date)
        add("category", category)
        add("url", url)
        add("author", author.isEmpty ? nil : author.joined(separator: ", "))
        add("site", site)
        for w in weather { add("weather", "\(w.region) \(w.celsius) C") }
        for c in imageCredits { add("credit", c) }
        lines.append("\(indent)body: \(body.count) paragraphs")
        for p in body { lines.append("\(indent)  | \(p)") }
        for (i, l) in links.enumerated() { lines.append("\(indent)[\(i + 1)] \(l.text) <\(l.url)>") }
        return lines
    }
}
