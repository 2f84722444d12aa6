import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

/// Headline, date, author and section, one cause per fixture page (Fixtures/metadata).
@Suite struct MetadataTests {
    func page(_ name: String) throws -> ParsedPage { try Fixture.html("metadata/\(name).html") }
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    // MARK: headline

    @Test func siteNameFoundOnThePageIsTakenOffTheHeadline() throws {
        let p = try page("site-suffix")
        #expect(p.headline == "Ferry fares fall for the first time in a decade")
        #expect(p.siteName == "Harbour Herald")
    }

    @Test func titleWithoutNamedSiteLosesItsShortPart() throws {
        #expect(try page("title-only").headline == "Werkzeuge der Steinzeit im Überblick")
    }

    @Test func aHeadingThatIsTheSiteNameIsNotTheHeadline() throws {
        let p = try page("h1-over-title")
        #expect(p.headline == "Library opens late on Thursdays from May")
    }

    @Test func doublyEscapedReferencesAreDecoded() throws {
        #expect(try page("entity-and-utc").headline == "Pane & vino: la sagra torna in piazza")
    }

    @Test func siteNamesStripBothEnds() {
        let site = SiteNames(names: ["BBC News"], url: "https://www.bbc.co.uk/news/world-1")
        #expect(site.strip("Obama admits US gun laws are his 'biggest frustration' - BBC News")
                == "Obama admits US gun laws are his 'biggest frustration'")
        #expect(site.strip("BBC Sport | Rain stops play at Lord's") == "Rain stops play at Lord's")
        #expect(site.strip("Why the BBC matters - Opinion") == "Why the BBC matters - Opinion")
        #expect(SiteNames(names: [], url: nil).strip("iOS 13 ? | Forum | MacTechNews.de") == "iOS 13 ? | Forum")
        #expect(SiteNames.label("edition.cnn.com") == "cnn")
        #expect(SiteNames.label("www.theguardian.co.uk") == "theguardian")
    }

    // MARK: date

    @Test func visibleDateNamedInMarkupOutsideComments() throws {
        #expect(try page("date-visible").publishedDate == day(2023, 11, 7))
    }

    @Test func dateWrittenInTextNearTheHeadline() throws {
        #expect(try page("date-text-near-headline").publishedDate == day(2023, 11, 7))
    }

    @Test func usPagesWriteMonthFirst() throws {
        #expect(try page("date-us-numeric").publishedDate == day(2023, 11, 7))
        #expect(DateText.scan("11/7/2023", monthFirst: false) == day(2023, 7, 11))
        #expect(DateText.scan("13/7/2023", monthFirst: true) == day(2023, 7, 13))
    }

    @Test func jsonLDDateOfAWebPage() throws {
        #expect(try page("date-webpage-jsonld").publishedDate == day(2022, 12, 19))
    }

    @Test func timeElementPublishedBeforeUpdatedWithTimeOfDay() throws {
        let p = try page("date-time-element")
        #expect(p.publishedDate == day(2024, 2, 27))
        #expect(p.publishedAt.map(ISOTime.utc) == "2024-02-27T14:45:00Z")
    }

    @Test func futureAndAncientDatesGiveWayToTheURL() throws {
        #expect(try page("date-url-future-old").publishedDate == day(2019, 10, 16))
    }

    @Test func modificationDateOnlyAsALastResort() throws {
        #expect(try page("date-modified-last").publishedDate == day(2021, 5, 4))
        #expect(try page("date-time-element").publishedDate != day(2024, 3, 2))
    }

    @Test func utcMomentIsTheDayOfThePagesReaders() throws {
        let p = try page("entity-and-utc")  // 23:01 UTC is past midnight in Rome
        #expect(p.publishedDate == day(2023, 11, 2))
        #expect(p.publishedAt.map(ISOTime.utc) == "2023-11-01T23:01:00Z")
    }

    @Test func datesInRunningText() {
        #expect(DateText.scan("Veröffentlicht am 7. November 2023, 14:30 Uhr") == day(2023, 11, 7))
        #expect(DateText.scan("Donnerstag, 15.2.2018, 19:51") == day(2018, 2, 15))
        #expect(DateText.scan("7 de noviembre de 2023") == day(2023, 11, 7))
        #expect(DateText.scan("Posted Nov. 7th, 2023 by admin") == day(2023, 11, 7))
        #expect(DateText.scan("le 7 novembre 2023") == day(2023, 11, 7))
        #expect(DateText.scan("2023-11-07") == day(2023, 11, 7))
        #expect(DateText.scan("07.11.23") == day(2023, 11, 7))
        #expect(DateText.scan("Price 10.50 for 2 people") == nil)
        #expect(DateText.scan("May 2023") == nil)
    }

    @Test func machineDatesWithZones() {
        let d = DateParsing.found("Tue, 12 Mar 2019 10:00:00 +0100")
        #expect(d?.day == day(2019, 3, 12))
        #expect(d?.utcSeconds.map(ISOTime.utc) == "2019-03-12T09:00:00Z")
        #expect(DateParsing.found("2019-03-12T23:30:00.000Z")?.writtenInUTC == true)
        #expect(DateParsing.found("2019-03-12T23:30:00-05:00")?.utcSeconds.map(ISOTime.utc) == "2019-03-13T04:30:00Z")
        #expect(DateParsing.found("2019-03-12")?.utcSeconds == nil)
    }

    // MARK: author

    @Test func jsonLDAuthorsByReferenceToPersonsInTheGraph() throws {
        let p = try page("author-graph")
        #expect(p.authors == ["Ana Ruiz", "Tom Berg"])
        #expect(p.category == "Transport")
        #expect(p.publishedDate == day(2023, 4, 18))
    }

    @Test func bylineBeatsThePublisherInMetaAuthor() throws {
        let p = try page("author-byline")
        #expect(p.authors == ["Jane Doe", "Sam Lee"])
        #expect(p.publishedDate == day(2022, 6, 12))
    }

    @Test func everyArticleAuthorMetaIsKept() throws {
        #expect(try page("author-article-meta").authors == ["Lena Schmidt", "Paul Weber"])
    }

    @Test func bylineLineUnderTheHeadline() throws {
        #expect(try page("author-line").authors == ["Daniela Obers"])
    }

    @Test func bylineWordsAndRolesGo() {
        #expect(AuthorChoice.clean("By Jane Doe | Updated 3 hours ago") == "Jane Doe")
        #expect(AuthorChoice.clean("Geschrieben vonElisa Marvena") == "Elisa Marvena")
        #expect(AuthorChoice.split("Ana Ruiz, Tom Berg und Lena Schmidt") == ["Ana Ruiz", "Tom Berg", "Lena Schmidt"])
        #expect(AuthorChoice(bylines: ["Posted", "Published: 22:00 GMT, 26 September 2020"],
                             site: SiteNames(names: [], url: nil)).choose() == [])
        #expect(AuthorChoice(bylines: ["Grant Tinsley, PhD"], site: SiteNames(names: [], url: nil)).choose() == ["Grant Tinsley"])
        #expect(AuthorChoice.clean("Erstellt von Andri Bryner") == "Andri Bryner")
        #expect(AuthorChoice.clean("Post author By Helge Fahrnberger") == "Helge Fahrnberger")
    }

    // MARK: section

    @Test func sectionFromTheURLsFirstSegment() throws {
        #expect(try page("section-sources").category == "Sport")
        #expect(SectionChoice.fromURL("https://x.example/de/politik/wahl-2024") == "Politik")
        #expect(SectionChoice.fromURL("https://x.example/2019/10/16/story") == nil)
        #expect(SectionChoice.fromURL("https://x.example/story-only") == nil)
    }

    @Test func headlineLikeSectionGivesWayToTheBreadcrumbs() throws {
        #expect(try page("section-breadcrumb").category == "Culture")
    }

    @Test func sectionFromAnOlderBreadcrumbVocabulary() throws {
        let html = """
            <html><head><title>Budget passes</title></head><body>
            <div itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><a href="/politik/" itemprop="url"><span itemprop="title">Politik</span></a></div>
            <h1>Budget passes</h1><p>The council passed the budget on Tuesday after a debate that lasted well into the night.</p></body></html>
            """
        let page = try #require(try HTMLPageParser().parse(Array(html.utf8), path: "b.html").pages.first)
        #expect(page.category == "Politik")
    }

    @Test func firstOfSeveralListedSections() throws {
        #expect(try page("section-list").category == "Politik")
    }
}
