/// What a list shows for one article. Bodies stay on disk until shown (see `ArticleBody`),
/// so a store of 100,000 pages fits in little memory.
public struct Article: Hashable, Sendable, Identifiable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A full page of this article is stored.
        case article
        /// Known only from a teaser on another page: headline and summary, no body.
        case teaser
    }

    /// Stable across runs, re-stored copies and machines: derived from the normalised headline.
    public var id: ArticleID
    public var headline: String
    public var summary: String?
    /// Earliest stored-page date on which the article appears (text pages),
    /// or its published date (HTML and feeds): `MergeRules`.
    public var date: CivilDate?
    /// Seconds after midnight UTC of `date` where a page gives the time (then `date` is the UTC
    /// day); nil when only the day is known.
    public var time: Int?
    public var category: String
    public var kind: Kind
    /// The stored file that holds the full page, relative to the store; nil for a teaser.
    public var sourcePath: String?
    /// Where the article lives on the web, when the page says so (HTML, feeds).
    public var url: String?
    /// Who wrote it, where the page or feed item says.
    public var authors: [String]
    /// The site it comes from (the page's site name, or the feed's title).
    public var site: String?
    /// The section the page names for itself (`category` is what the list files it under).
    public var section: String?

    public init(id: ArticleID, headline: String, summary: String?, date: CivilDate?, category: String,
                kind: Kind, sourcePath: String?, url: String? = nil, authors: [String] = [], site: String? = nil,
                section: String? = nil, time: Int? = nil) {
        self.id = id
        self.time = time
        self.headline = headline
        self.summary = summary
        self.date = date
        self.category = category
        self.kind = kind
        self.sourcePath = sourcePath
        self.url = url
        self.authors = authors
        self.site = site
        self.section = section
    }
}

/// A block of an article body, in reading order.
public enum BodyBlock: Hashable, Sendable {
    case paragraph(String)
    /// A short heading inside the body; kept in the body, styled apart.
    case subheading(String)
    case quote(String)
    case listItem(String)

    public var text: String {
        switch self {
        case .paragraph(let t), .subheading(let t), .quote(let t), .listItem(let t): return t
        }
    }
}

/// A link found in an article (HTML and feeds).
public struct ArticleLink: Hashable, Sendable {
    public var text: String
    public var url: String
    public init(text: String, url: String) {
        self.text = text
        self.url = url
    }
}

/// The part of an article that is read from disk only when it is shown.
public struct ArticleBody: Hashable, Sendable {
    public var blocks: [BodyBlock]
    public var imageCredits: [String]
    public var links: [ArticleLink]
    public init(blocks: [BodyBlock], imageCredits: [String] = [], links: [ArticleLink] = []) {
        self.blocks = blocks
        self.imageCredits = imageCredits
        self.links = links
    }
}

extension ArticleBody {
    /// The blocks to show under a standfirst of `summary`. Pages without a standfirst take
    /// their first paragraph as the summary; showing both would print it twice.
    public func blocks(belowSummary summary: String?) -> [BodyBlock] {
        if case .paragraph(let first)? = blocks.first, first == summary { return Array(blocks.dropFirst()) }
        return blocks
    }
}

/// One region's temperature on one stored page.
public struct WeatherReading: Hashable, Sendable {
    public var region: String
    /// Always Celsius; Fahrenheit readings are converted when parsed.
    public var celsius: Double
    public var date: CivilDate?
    public init(region: String, celsius: Double, date: CivilDate?) {
        self.region = region
        self.celsius = celsius
        self.date = date
    }
}

extension Article {
    /// The article's date as the merge and the index sort it (`DateKey`).
    public var dateKey: Int {
        guard let date else { return 0 }
        guard let time else { return DateKey.of(day: date) }
        return DateKey.of(epochSeconds: date.daysSinceEpoch * 86_400 + Int64(time))
    }

    /// ISO 8601: the UTC moment where the time is known (`2024-12-31T23:57:51Z`), else the day.
    public var published: String? {
        guard let date else { return nil }
        guard time != nil, let moment = DateKey.epochSeconds(dateKey) else { return date.description }
        return ISOTime.utc(moment)
    }

    /// The article with the date of a key.
    public init(id: ArticleID, headline: String, summary: String?, dateKey: Int, category: String,
                kind: Kind, sourcePath: String?, url: String? = nil, authors: [String] = [], site: String? = nil,
                section: String? = nil) {
        self.init(id: id, headline: headline, summary: summary, date: DateKey.day(dateKey), category: category,
                  kind: kind, sourcePath: sourcePath, url: url, authors: authors, site: site, section: section,
                  time: DateKey.secondsOfDay(dateKey))
    }
}
