/// What a parser made of one stored file. A text or HTML page gives one `ParsedPage`;
/// a feed gives one per item.
public struct ParsedFile: Sendable {
    public enum Kind: String, Sendable, Codable { case text, html, feed }
    public var kind: Kind
    public var pages: [ParsedPage]
    public init(kind: Kind, pages: [ParsedPage]) {
        self.kind = kind
        self.pages = pages
    }
}

/// One article as found in a stored file, body included. Every string is already sanitised.
public struct ParsedPage: Sendable, Hashable {
    /// The day the page was stored (text pages: the date line or the crawler prefix).
    public var storedDate: CivilDate?
    /// The day the article was published, where the page says (HTML metadata, feed items).
    public var publishedDate: CivilDate?
    /// The moment of publication in seconds since 1970 (UTC), where the page gives a time of day.
    public var publishedAt: Int64?
    /// Readings found on the page; their `date` is the stored date.
    public var weather: [WeatherReading]
    public var headline: String
    /// The standfirst: one sentence shown in lists.
    public var summary: String?
    public var body: ArticleBody
    /// Other articles of the same site, known by headline and summary only.
    public var teasers: [Teaser]
    /// A category the page itself names (HTML metadata, feed categories), if any.
    public var category: String?
    public var url: String?
    /// Every author the page names, in its order.
    public var authors: [String]
    /// The authors joined for one line of text; setting it sets a single author.
    public var author: String? {
        get { authors.isEmpty ? nil : authors.joined(separator: ", ") }
        set { authors = newValue.map { [$0] } ?? [] }
    }
    public var siteName: String?

    public init(storedDate: CivilDate? = nil, publishedDate: CivilDate? = nil, weather: [WeatherReading] = [],
                headline: String, summary: String? = nil, body: ArticleBody = ArticleBody(blocks: []),
                teasers: [Teaser] = [], category: String? = nil, url: String? = nil,
                author: String? = nil, siteName: String? = nil, authors: [String] = [], publishedAt: Int64? = nil) {
        self.storedDate = storedDate
        self.publishedDate = publishedDate
        self.weather = weather
        self.headline = TextLimits.cut(headline, bytes: TextLimits.headlineBytes)
        self.summary = summary.map { TextLimits.cut($0, bytes: TextLimits.summaryBytes) }
        self.body = body
        self.teasers = teasers
        self.category = category
        self.url = url
        self.authors = authors.isEmpty ? (author.map { [$0] } ?? []) : authors
        self.publishedAt = publishedAt
        self.siteName = siteName
    }
}

public struct Teaser: Sendable, Hashable {
    public var headline: String
    public var summary: String?
    public init(headline: String, summary: String?) {
        self.headline = TextLimits.cut(headline, bytes: TextLimits.headlineBytes)
        self.summary = summary.map { TextLimits.cut($0, bytes: TextLimits.summaryBytes) }
    }
}

/// Why a stored file was not loaded. The store keeps loading; the reason is reported.
public struct SkipReason: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A parser for one kind of stored file. The library picks the first parser that accepts a path.
public protocol PageFileParser: Sendable {
    /// Decides by file name alone (extension), so scanning never reads a file it cannot parse.
    func accepts(path: String) -> Bool
    /// Throws `SkipReason` for a file that is not a page of this kind (binary, empty, broken).
    func parse(_ bytes: [UInt8], path: String) throws -> ParsedFile
    /// Requirements (with the defaults below) so that a parser's own value is used through
    /// `any PageFileParser`; as extension-only members the defaults would always win.
    var maxFileSize: Int { get }
    func summarize(_ bytes: [UInt8], path: String) throws -> ParsedFile
    /// Names the parser and its output format, e.g. `text-1`. The on-disk index stores it per
    /// file and re-parses every file whose parser version changed: bump the number whenever a
    /// change to the parser would change what it returns for an existing file.
    var version: String { get }
    /// One page of a file, found without parsing the rest: the page whose id is `id`, looked
    /// for from the `ordinal`-th page (as `parse` orders them) a little way on. nil when the
    /// parser cannot do that or did not find it: the caller then parses the whole file.
    func page(_ bytes: [UInt8], path: String, near ordinal: Int, matching id: ArticleID) -> ParsedPage?
}

extension PageFileParser {
    /// Parsers that do not name a version are told apart by type name only.
    public var version: String { String(describing: Self.self) + "-1" }

    public func page(_ bytes: [UInt8], path: String, near ordinal: Int, matching id: ArticleID) -> ParsedPage? { nil }

    /// Files larger than this are skipped without being read.
    public var maxFileSize: Int { 8 << 20 }

    /// What the library needs at scan time: everything but the body. Parsers that can skip the
    /// body cheaply override this; the default parses fully and drops it.
    public func summarize(_ bytes: [UInt8], path: String) throws -> ParsedFile {
        var file = try parse(bytes, path: path)
        for i in file.pages.indices { file.pages[i].body = ArticleBody(blocks: []) }
        return file
    }
}
