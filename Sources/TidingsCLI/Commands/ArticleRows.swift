import TidingsModel
import TidingsUI

/// One aligned line per article for `list` and `mark`:
/// `● 16309b67  2025-11-04  Tech          Headline cut to fit…`
enum ArticleRows {
    static let unreadMarker = "●"
    static let maxCategoryWidth = 14

    /// Before a starred article's headline.
    static let starMarker = "★ "

    static func render(_ articles: [Article], readIDs: Set<ArticleID>, starredIDs: Set<ArticleID> = [], width: Int) -> [String] {
        let categoryWidth = min(maxCategoryWidth, articles.map { TextWidth.of($0.category) }.max() ?? 0)
        // marker, space, 8-digit id, two spaces, 10-column date, two spaces, category, two spaces
        let fixed = 1 + 1 + 8 + 2 + 10 + 2 + categoryWidth + 2
        let headlineWidth = max(10, width - fixed)
        return articles.map { article in
            let marker = readIDs.contains(article.id) ? " " : unreadMarker
            let date = article.date?.description ?? String(repeating: " ", count: 10)
            let star = starredIDs.contains(article.id) ? starMarker : ""
            let headline = TextWidth.truncate(star + TextSanitizer.clean(article.headline), to: headlineWidth)
            return "\(marker) \(article.id.short)  \(date)  \(TextWidth.pad(TextSanitizer.clean(article.category), to: categoryWidth))  \(headline)"
        }
    }
}
