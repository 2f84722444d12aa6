import Testing
@testable import TidingsModel

@Test func articleIDIsStableAndIgnoresCaseAndPunctuation() {
    let a = ArticleID(headline: "Apple launches browser-based App Store after 17 years")
    let b = ArticleID(headline: "  apple launches BROWSER based app store, after 17 years!")
    #expect(a == b)
    #expect(a.rawValue.count == 16)
    #expect(ArticleID(headline: "Another headline") != a)
}
