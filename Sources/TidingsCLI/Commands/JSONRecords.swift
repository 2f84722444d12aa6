import Foundation
import TidingsModel

/// The JSON interface of DESIGN.md section 3. Field names are a contract with scripts:
/// add fields, never rename them. Optional fields encode as `null`, never go missing.
struct ArticleRecord: Encodable {
    var id: String
    var headline: String
    var summary: String?
    var date: String?
    var category: String
    var read: Bool
    var kind: String

    init(_ article: Article, read: Bool) {
        id = article.id.rawValue
        headline = article.headline
        summary = article.summary
        date = article.date?.description
        category = article.category
        self.read = read
        kind = article.kind.rawValue
    }

    enum CodingKeys: String, CodingKey { case id, headline, summary, date, category, read, kind }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(headline, forKey: .headline)
        try c.encode(summary, forKey: .summary)
        try c.encode(date, forKey: .date)
        try c.encode(category, forKey: .category)
        try c.encode(read, forKey: .read)
        try c.encode(kind, forKey: .kind)
    }
}

/// `show`: the list fields plus the body, the image credits, the article's URL and its links.
struct ArticleDetailRecord: Encodable {
    var article: ArticleRecord
    /// Paragraph strings in reading order, subheadings included; captions and credits never.
    var body: [String]
    var imageCredits: [String]
    /// Where the article lives on the web (HTML pages and feeds); null for text pages.
    var url: String?
    var links: [LinkRecord]

    init(article: Article, read: Bool, body: ArticleBody) {
        self.article = ArticleRecord(article, read: read)
        self.body = body.blocks.map(\.text)
        imageCredits = body.imageCredits
        url = article.url
        links = body.links.map { LinkRecord(text: $0.text, url: $0.url) }
    }

    enum CodingKeys: String, CodingKey { case body, imageCredits, url, links }

    func encode(to encoder: Encoder) throws {
        try article.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(body, forKey: .body)
        try c.encode(imageCredits, forKey: .imageCredits)
        try c.encode(url, forKey: .url)
        try c.encode(links, forKey: .links)
    }
}

struct LinkRecord: Encodable {
    var text: String
    var url: String
}

struct WeatherRecord: Encodable {
    var region: String
    var celsius: Double
    var date: String?

    init(_ reading: WeatherReading) {
        region = reading.region
        celsius = reading.celsius
        date = reading.date?.description
    }

    enum CodingKeys: String, CodingKey { case region, celsius, date }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(region, forKey: .region)
        try c.encode(celsius, forKey: .celsius)
        try c.encode(date, forKey: .date)
    }
}

struct CategoryRecord: Encodable {
    var name: String
    var articles: Int
    var unread: Int
}
