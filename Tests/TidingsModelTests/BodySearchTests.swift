import Foundation
import Testing
import TestSupport
@testable import TidingsModel

@Suite struct BodySearchTests {
    private func store() throws -> (TemporaryStore, Library) {
        let store = try TemporaryStore()
        try store.write("Tech/quantum.txt", TemporaryStore.page(
            headline: "Startup raises funds for sensors", standfirst: "A round led by a regional fund.",
            body: ["Founded by two Physicists from the university.", "The lab opens in Jurong next year."],
            teasers: [("Ferry timetable changes", "Only a teaser, never stored as a page.")]))
        try store.write("World/tokyo.txt", TemporaryStore.page(
            headline: "Library opens in Tokyo", standfirst: "With a robot archive.",
            body: ["Visitors can borrow books from a robot named Café Kelvin."]))
        // Cleaning removes the control character inside the word: the body says "magnetometer".
        try store.write("Tech/magnet.txt", TemporaryStore.page(
            headline: "Magnets in the lab", standfirst: "Small ones.",
            body: ["A magneto\u{07}meter measures fields."]))
        let library = Library(store: store.url)
        library.scan()
        return (store, library)
    }

    private func id(_ headline: String) -> ArticleID { ArticleID(headline: headline) }

    @Test func findsAWordThatIsOnlyInABody() throws {
        let (store, library) = try store()
        defer { store.remove() }
        // Not in any headline or summary: only the body of the quantum page holds it.
        #expect(!library.articles.contains { ($0.headline + ($0.summary ?? "")).lowercased().contains("physicists") })
        #expect(library.articleIDs(whoseBodyContains: "physicists") == [id("Startup raises funds for sensors")])
        #expect(library.articleIDs(whoseBodyContains: "PHYSICISTS FROM") == [id("Startup raises funds for sensors")])
        #expect(library.articleIDs(whoseBodyContains: "named café") == [id("Library opens in Tokyo")])
        #expect(library.articleIDs(whoseBodyContains: "magnetometer") == [id("Magnets in the lab")])
        #expect(library.articleIDs(whoseBodyContains: "the") == [id("Startup raises funds for sensors")])
    }

    @Test func headlinesTeasersAndMissesAreNotBodyMatches() throws {
        let (store, library) = try store()
        defer { store.remove() }
        // In a headline and a summary only, or in a teaser's summary: not body text.
        #expect(library.articleIDs(whoseBodyContains: "tokyo").isEmpty)
        #expect(library.articleIDs(whoseBodyContains: "regional").isEmpty)
        #expect(library.articleIDs(whoseBodyContains: "never stored").isEmpty)
        #expect(library.articleIDs(whoseBodyContains: "xylophone").isEmpty)
        #expect(library.articleIDs(whoseBodyContains: "").isEmpty)
    }

    @Test func stopsWhenAsked() throws {
        let (store, library) = try store()
        defer { store.remove() }
        #expect(library.articleIDs(whoseBodyContains: "physicists", shouldStop: { true }).isEmpty)
    }

    @Test func demoLibraryBodies() throws {
        let library = Library.demo()
        // A long word from a demo body, searched in upper case.
        func longWord(_ a: Article) -> String? {
            guard a.kind == .article, let body = try? library.body(of: a) else { return nil }
            return body.blocks.flatMap { $0.text.split(separator: " ") }.map(String.init)
                .first { $0.count >= 7 && $0.allSatisfy(\.isLetter) }
        }
        let article = try #require(library.articles.first { longWord($0) != nil })
        let word = try #require(longWord(article))
        let found = library.articleIDs(whoseBodyContains: word.uppercased())
        #expect(found.contains(article.id))
    }
}
