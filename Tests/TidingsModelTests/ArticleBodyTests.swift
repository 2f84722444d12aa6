import Testing
import TidingsModel

@Suite struct ArticleBodyTests {
    @Test func theFirstParagraphIsDroppedOnlyWhenItIsTheSummary() {
        let body = ArticleBody(blocks: [.paragraph("Lead."), .subheading("More"), .paragraph("Rest.")])
        #expect(body.blocks(belowSummary: "Lead.") == [.subheading("More"), .paragraph("Rest.")])
        #expect(body.blocks(belowSummary: "Another standfirst.") == body.blocks)
        #expect(body.blocks(belowSummary: nil) == body.blocks)
        #expect(ArticleBody(blocks: [.subheading("Lead.")]).blocks(belowSummary: "Lead.") == [.subheading("Lead.")])
    }
}
