import Testing
import TidingsModel
@testable import TidingsUI

/// HTML pages without a standfirst use their first paragraph as the summary; the pane must
/// not print that paragraph twice.
@Suite struct ArticleSummaryOnceTests {
    @Test func firstParagraphEqualToTheSummaryIsShownOnce() throws {
        let summary = "The harbour ferry carried its first passengers in three months on Thursday."
        let article = Article(id: ArticleID(headline: "Ferry returns"), headline: "Ferry returns", summary: summary,
                              date: CivilDate(year: 2025, month: 10, day: 2), category: "Transport",
                              kind: .article, sourcePath: "ferry.html")
        var state = Reader(articles: [article], readIDs: [], width: 80, height: 24)
        state.dispatch(.key(.enter))
        state.dispatch(.bodyLoaded(article.id, ArticleBody(blocks: [.paragraph(summary), .paragraph("The operator said more.")])))
        let screen = render(state.state, theme: .builtInDefault).text
        #expect(screen.components(separatedBy: "The harbour ferry carried").count - 1 == 1)
        #expect(screen.contains("The operator said more."))
        #expect(!screen.contains("has no body text"))
    }
}
