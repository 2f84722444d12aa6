import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract
import CLibXML2

@Suite struct FeedParserTests {
    @Test func rss2ItemsWithHTMLContent() throws {
        let items = try Fixture.feed("rss2.xml")
        #expect(items.count == 2)
        let first = items[0]
        #expect(first.headline == "Tide gauge & new buoys installed")
        #expect(first.summary == "Six new buoys mark the channel.")
        #expect(first.body.blocks == [.paragraph("Six new buoys now mark the shipping channel."),
                                      .paragraph("The harbour master said tide tables will follow.")])
        #expect(first.body.links == [ArticleLink(text: "tide tables", url: "https://harbour.example.com/tides")])
        #expect(first.publishedDate == CivilDate(year: 2025, month: 3, day: 4))
        #expect(first.category == "Maritime")
        #expect(first.author == "Lee Wong")
        #expect(first.url == "https://harbour.example.com/2025/03/buoys")
        #expect(first.siteName == "Harbour News")
        #expect(items[1].publishedDate == CivilDate(year: 2025, month: 3, day: 5))
        #expect(items[1].body.blocks == [.paragraph("Plain text summary.")])
    }

    @Test func rss1RDFItems() throws {
        let items = try Fixture.feed("rss1.rdf.xml")
        #expect(items.count == 1)
        #expect(items[0].headline == "Library adds night hours")
        #expect(items[0].summary == "Open until midnight during exams.")
        #expect(items[0].publishedDate == CivilDate(year: 2025, month: 1, day: 15))
        #expect(items[0].category == "Education")
        #expect(items[0].url == "https://rdf.example.org/one")
    }

    @Test func atomEntries() throws {
        let items = try Fixture.feed("atom.xml")
        #expect(items.count == 1)
        let e = items[0]
        #expect(e.headline == "Rail strike called off")
        #expect(e.url == "https://atom.example.net/rail-strike")
        #expect(e.publishedDate == CivilDate(year: 2025, month: 6, day: 1))
        #expect(e.author == "Priya Nair")
        #expect(e.category == "Transport")
        #expect(e.summary == "Unions and operators reached a deal.")
        #expect(e.body.blocks == [.paragraph("Unions and rail operators reached a deal late on Sunday."),
                                  .subheading("What changes"), .listItem("Pay rises 4 percent.")])
    }

    @Test func externalEntitiesAreNeitherLoadedNorFetched() throws {
        let items = try Fixture.feed("external-entity.xml")
        let all = items.map { [$0.headline, $0.summary ?? "", $0.bodyText].joined(separator: " ") }.joined()
        if let secret = try? String(contentsOfFile: "/etc/hostname", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty {
            #expect(!all.contains(secret))
        }
        #expect(items.first?.headline.hasPrefix("Leak") == true)
    }

    @Test func billionLaughsIsNotExpanded() throws {
        let bytes = try Fixture.bytes("billion-laughs.xml")
        // Either libxml2 refuses the document or the entity stays unexpanded: never a billion "lol".
        if let items = try? FeedParser().parse(bytes, path: "b.xml") {
            let size = items.pages.reduce(0) { $0 + $1.headline.utf8.count + $1.bodyText.utf8.count }
            #expect(size < 10_000)
        }
        #expect(FeedParser.options & Int32(XML_PARSE_HUGE.rawValue) == 0)
        #expect(FeedParser.options & Int32(XML_PARSE_NOENT.rawValue) == 0)
        #expect(FeedParser.options & Int32(XML_PARSE_DTDLOAD.rawValue) == 0)
        #expect(FeedParser.options & Int32(XML_PARSE_NONET.rawValue) != 0)
    }

    @Test func notAFeedIsSkipped() throws {
        #expect(throws: SkipReason.self) { try FeedParser().parse(Array("<html><body>x</body></html>".utf8), path: "a.xml") }
        #expect(throws: SkipReason.self) { try FeedParser().parse([], path: "a.xml") }
    }

    @Test func datesInEveryFeedForm() {
        #expect(DateParsing.parse("Tue, 04 Mar 2025 09:15:00 +0000") == CivilDate(year: 2025, month: 3, day: 4))
        #expect(DateParsing.parse("2025-03-05T10:00:00Z") == CivilDate(year: 2025, month: 3, day: 5))
        #expect(DateParsing.parse("4 Mar 2025") == CivilDate(year: 2025, month: 3, day: 4))
        #expect(DateParsing.parse("yesterday") == nil)
        #expect(DateParsing.fromURL("https://x.com/2019/11/18/story") == CivilDate(year: 2019, month: 11, day: 18))
    }
}

@Suite struct ConcurrencyTests {
    @Test func pagesAndFeedsParseConcurrently() async throws {
        let page = try Fixture.bytes("clean-article.html")
        let feed = try Fixture.bytes("rss2.xml")
        let headlines = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 {
                group.addTask {
                    i % 2 == 0 ? try HTMLPageParser().parse(page, path: "a.html").pages[0].headline
                        : try FeedParser().parse(feed, path: "f.xml").pages[0].headline
                }
            }
            var all = [String]()
            for try await h in group { all.append(h) }
            return all
        }
        #expect(Set(headlines) == ["Harbour ferry returns after ten years", "Tide gauge & new buoys installed"])
    }
}
