import Foundation
import TidingsModel

/// The JSON interface of the commands (`--format json`). Field names are a contract with scripts:
/// add fields, never rename them. Optional fields encode as `null`, never go missing (`@Null`).
struct ArticleRecord: Encodable {
    var id: String
    var headline: String
    @Null var summary: String?
    @Null var date: String?
    /// ISO 8601: the UTC moment where a page gives the time, else the day (`Article.published`).
    @Null var published: String?
    var category: String
    var read: Bool
    var starred: Bool
    var kind: String

    init(_ article: Article, read: Bool, starred: Bool = false) {
        id = article.id.rawValue
        headline = article.headline
        summary = article.summary
        date = article.date?.description
        published = article.published
        category = article.category
        self.read = read
        self.starred = starred
        kind = article.kind.rawValue
    }

}

/// `show`: the list fields plus the body, the image credits, the article's URL and its links.
struct ArticleDetailRecord: Encodable {
    var article: ArticleRecord
    var details: Details

    struct Details: Encodable {
        /// Paragraph strings in reading order, subheadings included; captions and credits never.
        var body: [String]
        var imageCredits: [String]
        /// Where the article lives on the web (HTML pages and feeds); null for text pages.
        @Null var url: String?
        var links: [LinkRecord]
        /// Every author the page or feed item names (empty when none).
        var author: [String]
        /// The section the page names for itself; the site name or feed title.
        @Null var section: String?
        @Null var site: String?
    }

    init(article: Article, read: Bool, starred: Bool = false, body: ArticleBody) {
        self.article = ArticleRecord(article, read: read, starred: starred)
        details = Details(body: body.blocks.map(\.text), imageCredits: body.imageCredits, url: article.url,
                          links: body.links.map { LinkRecord(text: $0.text, url: $0.url) },
                          author: article.authors, section: article.section, site: article.site)
    }

    /// One object: the list's fields and the details side by side.
    func encode(to encoder: Encoder) throws {
        try article.encode(to: encoder)
        try details.encode(to: encoder)
    }
}

struct LinkRecord: Encodable {
    var text: String
    var url: String
}

struct WeatherRecord: Encodable {
    var region: String
    var celsius: Double
    @Null var date: String?

    init(_ reading: WeatherReading) {
        region = reading.region
        celsius = reading.celsius
        date = reading.date?.description
    }
}

struct CategoryRecord: Encodable {
    var name: String
    var articles: Int
    var unread: Int
}

/// An optional field written as `null` when absent: the encoder's own `encodeNil`, where the
/// synthesized encoding of an optional would leave the key out.
@propertyWrapper
public struct Null<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
