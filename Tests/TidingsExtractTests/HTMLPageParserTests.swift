import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

@Suite struct HTMLPageParserTests {
    @Test func cleanArticleKeepsEveryPartOfTheBodyAndMetadata() throws {
        let page = try Fixture.html("clean-article.html")
        #expect(page.headline == "Harbour ferry returns after ten years")
        #expect(page.summary == "The old ferry route reopens on Monday with electric boats.")
        #expect(page.publishedDate == CivilDate(year: 2025, month: 11, day: 3))
        #expect(page.category == "Transport")
        #expect(page.author == "Mei Lin Tan")
        #expect(page.siteName == "Straits Daily")
        #expect(page.url == "https://news.example.com/transport/harbour-ferry-returns")
        let blocks = page.body.blocks
        #expect(blocks.first == .paragraph("The ferry that once linked the two sides of the harbour will run again from Monday, the transport authority said on Sunday, ten years after the last crossing."))
        #expect(blocks.contains(.subheading("Why it stopped")))
        #expect(blocks.contains(.listItem("Weekend crossings start at 8 am.")))
        #expect(blocks.contains(.quote("We expect commuters and tourists alike to come back to the water.")))
        #expect(blocks.last?.text.hasPrefix("Residents welcomed the news") == true)
        // The h1 repeats the headline: not body.
        #expect(!blocks.contains(.subheading("Harbour ferry returns after ten years")))
        #expect(page.body.links == [ArticleLink(text: "the new fare table", url: "https://news.example.com/transport/fares")])
    }

    @Test func boilerplateIsDropped() throws {
        let page = try Fixture.html("boilerplate.html")
        let text = page.bodyText
        #expect(text.contains("The city council voted on Tuesday"))
        #expect(text.contains("Opponents had argued"))
        for junk in ["Share on Facebook", "Related articles", "Library hours extended", "Finally, this city",
                     "Copyright", "Sport", "Culture"] {
            #expect(!text.contains(junk), "\(junk) leaked into the body")
        }
        #expect(page.headline == "Council approves new library")
        #expect(page.category == "Local")  // from the breadcrumbs
    }

    @Test func wronglyDeclaredCharsetFallsBackToWindows1252() throws {
        let page = try Fixture.html("wrong-charset.html")
        #expect(page.headline == "Café prices rise")
        #expect(page.bodyText.contains("café au lait rose by 20 cents"))
        #expect(page.bodyText.contains("naïve survey"))
    }

    @Test func unclosedTagsStillGiveAllParagraphs() throws {
        let page = try Fixture.html("unclosed-tags.html")
        #expect(page.body.blocks.count == 3)
        #expect(page.body.blocks[1].text.hasSuffix("for updates each morning."))
    }

    @Test func articleSplitByAdsIsJoinedWithoutTheAds() throws {
        let page = try Fixture.html("split-by-ads.html")
        let text = page.bodyText
        #expect(text.contains("Hundreds of volunteers"))
        #expect(text.contains("The organisers, a group of local rowing clubs"))
        #expect(text.contains("The city will install new bins"))
        #expect(!text.contains("Advertisement"))
        #expect(!text.contains("Buy now"))
        #expect(!text.contains("Sponsored"))
    }

    @Test func interfaceLabelsBetweenParagraphsAreDropped() throws {
        let html = """
            <html><body><div class="story-body">
            <p>The first paragraph of the story is long enough, with a comma, to be counted as article text here.</p>
            <p>Advertisement</p><p>Image 2 of 5</p><p>Share this article:</p>
            <p>The second paragraph follows the labels, and it too is long enough to be part of the article.</p>
            <p>Ad hoc committees met twice.</p>
            </div></body></html>
            """
        let page = try #require(HTMLPageParser().parse(Array(html.utf8), path: "a.html").pages.first)
        #expect(page.body.blocks.map(\.text) == [
            "The first paragraph of the story is long enough, with a comma, to be counted as article text here.",
            "The second paragraph follows the labels, and it too is long enough to be part of the article.",
            "Ad hoc committees met twice.",
        ])
    }

    @Test func jsonLDGivesHeadlineDateSectionAuthorAndPublisher() throws {
        let page = try Fixture.html("jsonld.html")
        #expect(page.headline == "Orchard harvest is the best in a decade")
        #expect(page.publishedDate == CivilDate(year: 2024, month: 9, day: 19))
        #expect(page.category == "Farming")
        #expect(page.author == "Sam Ortiz")
        #expect(page.siteName == "Valley Post")
        #expect(page.summary == "Growers report record apple yields.")
        #expect(!page.bodyText.contains("not text"))
        #expect(page.body.blocks.count == 2)
    }

    @Test func figureCaptionGoesToCreditsNotBody() throws {
        let page = try Fixture.html("figure.html")
        #expect(page.body.imageCredits == ["The bridge at dawn. Photo: Ana Reyes / City Archive"])
        #expect(!page.bodyText.contains("Photo:"))
        #expect(page.body.blocks.count == 2)
    }

    @Test func escapeSequencesAreStrippedFromTitlesAndBody() throws {
        let page = try Fixture.html("escapes.html")
        #expect(page.headline == "Evil headline")
        #expect(!page.bodyText.contains("\u{1B}"))
        #expect(page.bodyText.contains("escape bold sequence"))
    }

    /// A unit apart from its degree sign, and the sky after the temperature: the place is the
    /// word before ("BLR 26 ° C Clouds" once gave a region "C Clouds").
    @Test func weatherWidgetWithASpacedUnitAndTheSkyAfter() throws {
        let html = #"<html><body><ul><li class="weather"><span class="weather-temp">BLR 26 ° C Clouds</span></li></ul>"#
            + #"<div class="content"><p>Main article text of reasonable length so that the page has a body to extract, with commas, and more words.</p></div></body></html>"#
        let page = try #require(try HTMLPageParser().parse(Array(html.utf8), path: "w.html").pages.first)
        #expect(page.weather.map(\.region) == ["BLR"])
        #expect(page.weather.map(\.celsius) == [26])
    }

    @Test func weatherWidgetGivesReadings() throws {
        let page = try Fixture.html("weather.html")
        #expect(page.weather.map(\.region) == ["Singapore", "Oslo"])
        #expect(page.weather.map(\.celsius) == [30.5, -2])
    }

    @Test func gzippedPageIsInflated() throws {
        let raw = try Fixture.bytes("clean-article.html")
        let gz = try gzip(raw)
        #expect(HTMLPageParser().accepts(path: "x/page.html.gz"))
        let page = try #require(HTMLPageParser().parse(gz, path: "page.html.gz").pages.first)
        #expect(page.headline == "Harbour ferry returns after ten years")
    }

    @Test func corruptGzipAndBinaryAreSkippedWithAReason() throws {
        #expect(throws: SkipReason.self) { try HTMLPageParser().parse([0x1F, 0x8B, 8, 0, 1, 2, 3, 4, 5, 6], path: "a.html.gz") }
        #expect(throws: SkipReason.self) { try HTMLPageParser().parse([0, 1, 2, 0, 0, 0xFF], path: "a.html") }
        #expect(throws: SkipReason.self) { try HTMLPageParser().parse([], path: "a.html") }
    }

    @Test func twentyMegabytePageParses() throws {
        var html = "<html><head><title>Big</title></head><body><div class=\"content\">"
        let paragraph = "<p>This paragraph repeats to make the page large, with commas, clauses, and enough words to score.</p>\n"
        html.reserveCapacity(21 << 20)
        while html.utf8.count < 20 << 20 { html += paragraph }
        html += "</div></body></html>"
        let page = try #require(HTMLPageParser().parse(Array(html.utf8), path: "big.html").pages.first)
        #expect(page.body.blocks.count > 150_000)
        #expect(page.body.blocks.allSatisfy { $0.text.hasPrefix("This paragraph repeats") })
    }

    @Test func hundredThousandNestedElementsDoNotOverflowTheStack() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>Deep inside a hundred thousand nested divs, this sentence still has to come out as the article body.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = try #require(HTMLPageParser().parse(Array(html.utf8), path: "deep.html").pages.first)
        #expect(page.bodyText == "Deep inside a hundred thousand nested divs, this sentence still has to come out as the article body.")
        let spans = "<html><body><p>Start of a deeply nested paragraph, with commas, that goes on.</p>"
            + String(repeating: "<span>", count: depth) + "x" + String(repeating: "</span>", count: depth) + "</body></html>"
        _ = try HTMLPageParser().parse(Array(spans.utf8), path: "spans.html")
    }

    @Test func cutOffAndMangledPagesNeverCrash() throws {
        for name in ["clean-article.html", "boilerplate.html", "jsonld.html", "figure.html", "split-by-ads.html"] {
            let bytes = try Fixture.bytes(name)
            for cut in stride(from: 0, to: bytes.count, by: 37) {
                _ = try? HTMLPageParser().parse(Array(bytes[..<cut]), path: name)
                var mangled = bytes
                mangled[cut] = [0x3C, 0x22, 0x00, 0xFF, 0x1B][cut % 5]
                _ = try? HTMLPageParser().parse(mangled, path: name)
            }
        }
        let half = try Fixture.bytes("clean-article.html").prefix(900)
        let page = try #require(HTMLPageParser().parse(Array(half), path: "cut.html").pages.first)
        #expect(page.headline == "Harbour ferry returns after ten years")
    }

    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                              appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("p.html")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        p.arguments = ["-k", file.path]
        try p.run()
        p.waitUntilExit()
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("p.html.gz")))
    }
}

@Suite struct ParserContractTests {
    @Test func sizeLimitsAreSeenThroughTheProtocol() {
        let parsers: [any PageFileParser] = [HTMLPageParser(), FeedParser()]
        // A 20 MB saved page must not be skipped by the library's size check.
        #expect(parsers.allSatisfy { $0.maxFileSize >= 64 << 20 })
    }
}
