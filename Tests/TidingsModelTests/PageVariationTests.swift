import Foundation
import Testing
@testable import TidingsModel

private func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

private func expectSkipped(_ name: String, containing text: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    do {
        _ = try parseFixture(name)
        Issue.record("\(name) parsed but should be skipped", sourceLocation: sourceLocation)
    } catch let reason as SkipReason {
        #expect(reason.description.contains(text), "\(reason)", sourceLocation: sourceLocation)
    }
}

/// No control character, escape or bidi override in any string the parser returns.
private func expectClean(_ page: ParsedPage, sourceLocation: SourceLocation = #_sourceLocation) {
    var strings = [page.headline] + (page.summary.map { [$0] } ?? [])
    strings += page.body.blocks.map(\.text) + page.body.imageCredits + page.weather.map(\.region)
    strings += page.teasers.flatMap { [$0.headline] + ($0.summary.map { [$0] } ?? []) }
    for s in strings {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let bad = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            #expect(!bad, "U+\(String(v, radix: 16)) in \(s.debugDescription)", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct DateLineTests {
    @Test func monthFirstWithWeekdayAndFahrenheit() throws {
        let page = try parseFixture("us-date-order.txt")
        #expect(page.storedDate == date(2024, 11, 23))
        #expect(page.weather == [WeatherReading(region: "New York", celsius: 23.9, date: date(2024, 11, 23))])
        #expect(page.headline == "Subway ridership climbs back to pre-pandemic levels on busiest weekday")
    }

    @Test func dayFirstWithoutWeekday() throws {
        let page = try parseFixture("no-weekday.txt")
        #expect(page.storedDate == date(2025, 11, 4))
        #expect(page.weather.map(\.region) == ["Kuala Lumpur"])
        #expect(page.headline == "Penang ferry service resumes after three-week maintenance break")
    }

    @Test func monthFirstShortMonthWithoutWeekday() throws {
        let page = try parseFixture("us-no-weekday.txt")
        #expect(page.storedDate == date(2025, 11, 3))
        #expect(page.weather.isEmpty)
        #expect(page.headline == "Short month names and no weekday still give the date")
    }

    @Test func crawlerPrefixGivesTheDateWhenThereIsNoDateLine() throws {
        let page = try parseFixture("crawler-prefix.txt")
        #expect(page.storedDate == date(2025, 9, 19))
        #expect(page.weather.map(\.celsius) == [31.2])
        #expect(page.headline == "Hawker centres test cashless-only payment at three sites")
    }

    @Test func dateLineWinsOverCrawlerPrefixOnTheSameLine() throws {
        let page = try parseFixture("crawler-prefix-with-date-line.txt")
        #expect(page.storedDate == date(2025, 9, 19))
        #expect(page.headline == "Crawler prefix and a date line on the same first line")
    }

    @Test func impossibleDateIsNeitherDateNorHeadline() throws {
        let page = try parseFixture("impossible-date.txt")
        #expect(page.storedDate == date(2025, 2, 27))
        #expect(page.headline == "An impossible date line is not a date and not the headline")
        #expect(page.weather.map(\.region) == ["Singapore"])
    }

    @Test(arguments: [
        ("Tuesday, 4 November 2025", "2025-11-04"), ("Saturday, November 23, 2024", "2024-11-23"),
        ("4 November 2025", "2025-11-04"), ("November 23, 2024", "2024-11-23"), ("Tue, 4 Nov 2025", "2025-11-04"),
        ("23rd November 2024", "2024-11-23"), ("Sept 1, 2025", "2025-09-01"), ("29 February 2024", "2024-02-29"),
    ])
    func dateLineForms(_ line: String, _ iso: String) {
        #expect(matchDate(line) == .date(CivilDate(iso: iso)!))
    }

    @Test(arguments: ["31 February 2025", "29 February 2025", "Monday, 31 April 2025", "0 May 2025"])
    func impossibleDates(_ line: String) {
        #expect(matchDate(line) == .impossible)
    }

    @Test(arguments: ["Singapore", "May the best team win", "Apple launches a browser App Store in 2025",
                      "4 Novembre 2025", "Tuesday 4 2025", "12 34 2025"])
    func notDates(_ line: String) {
        #expect(matchDate(line) == .notADate)
    }

    private func matchDate(_ line: String) -> DateLine.Match {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { DateLine.match($0, ByteLine(start: 0, end: $0.count)) }
    }
}

@Suite struct WeatherTests {
    @Test func anyNumberOfPairsIntegerDecimalNegativeCelsiusAndFahrenheitThenDateLine() throws {
        let page = try parseFixture("weather-variants.txt")
        #expect(page.storedDate == date(2025, 12, 1))
        #expect(page.weather.map(\.region) == ["Sapporo", "Tokyo", "Osaka", "Hokkaido", "Nagano"])
        #expect(page.weather.map(\.celsius) == [-3, 12, 7.5, 5, -1.5])
        #expect(page.weather.allSatisfy { $0.date == date(2025, 12, 1) })
        #expect(page.headline == "Snow arrives early across northern Japan as temperatures drop")
    }

    @Test func missingBlock() throws {
        let page = try parseFixture("no-weather.txt")
        #expect(page.weather.isEmpty)
        #expect(page.storedDate == date(2025, 11, 5))
        #expect(page.headline == "Regional airline adds direct flights between Singapore and Da Nang")
    }

    @Test func implausibleValuesAreNotWeatherAndNotContent() throws {
        let page = try parseFixture("bad-weather.txt")
        #expect(page.weather == [WeatherReading(region: "Singapore", celsius: 31, date: date(2025, 11, 11))])
        #expect(page.headline == "Only the plausible reading survives a broken weather block")
    }

    @Test(arguments: [("30.3 C", 30.3), ("-2 C", -2), ("12°C", 12), ("7.5 °C", 7.5), ("86 F", 30), ("32°F", 0),
                      ("−4 C", -4), ("30,5 C", 30.5), ("-40 F", -40)])
    func temperatureForms(_ line: String, _ celsius: Double) {
        #expect(matchTemperature(line) == .celsius(celsius))
    }

    @Test(arguments: ["1e309 C", "NaN C", "inf C", "999 C", "-100 C", "1.2.3 C", "+ C", "1234567 C"])
    func rejectedTemperatures(_ line: String) {
        #expect(matchTemperature(line) == .rejected)
    }

    @Test(arguments: ["Singapore", "Traffic", "Inc", "Graphic", "Golf", "A long headline that ends with C"])
    func notTemperatures(_ line: String) {
        #expect(matchTemperature(line) == .notATemperature)
    }

    private func matchTemperature(_ line: String) -> Temperature.Match {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { Temperature.match($0, ByteLine(start: 0, end: $0.count)) }
    }
}

@Suite struct BodyTests {
    @Test func onePerLineWithSubheadingCaptionCreditAndTeaser() throws {
        let page = try parseFixture("one-per-line.txt")
        #expect(page.headline == "Jakarta commuters embrace new MRT extension in first week")
        #expect(page.summary == "The extension of Jakarta's MRT north to Kota carried more than a million passengers in its first seven days.")
        #expect(page.body.blocks == [
            .paragraph("Operators said trains ran every five minutes at peak times without major delays."),
            .paragraph("The line now links the old town with the business district in under thirty minutes."),
            .subheading("What comes next"),
            .paragraph("A further extension to Ancol is due to open in 2027, pending land acquisition."),
            .paragraph("Officials said fares would stay unchanged until then."),
        ])
        #expect(page.body.imageCredits == ["MRT Jakarta"])
        #expect(page.teasers == [Teaser(headline: "Bandung high-speed rail marks record ridership month",
                                        summary: "The Whoosh high-speed line between Jakarta and Bandung carried a record number of passengers in October.")])
    }

    @Test func severalCaptionsAndCreditVariants() throws {
        let page = try parseFixture("credits.txt")
        #expect(page.body.imageCredits == ["Reuters", "OpenStreetMap contributors"])
        #expect(page.body.blocks.map(\.text) == [
            "The first paragraph before the first picture.",
            "The second paragraph between the pictures.",
            "The last paragraph after the second picture.",
        ])
    }

    @Test func footerAndBoilerplateLabels() throws {
        let page = try parseFixture("labels.txt")
        #expect(page.summary == "The standfirst is one sentence.")
        #expect(page.body.blocks == [.paragraph("The first paragraph of the body."),
                                     .paragraph("The second paragraph of the body.")])
        #expect(page.teasers == [Teaser(headline: "Headline only teaser one", summary: nil),
                                 Teaser(headline: "Headline only teaser two", summary: nil)])
    }

    @Test func labelListRoles() {
        #expect(SectionLabels.role(of: "Hot this week") == .teasers)
        #expect(SectionLabels.role(of: "HOT THIS WEEK") == .teasers)
        #expect(SectionLabels.role(of: "Related Articles") == .footer)
        #expect(SectionLabels.role(of: "Popular Categories") == .footer)
        #expect(SectionLabels.role(of: "Tags:") == .footer)
        #expect(SectionLabels.role(of: "Share this article") == .inline)
        #expect(SectionLabels.role(of: "Related articles about football") == nil)
    }

    @Test func nonLatinAndEmojiHeadline() throws {
        let page = try parseFixture("non-latin.txt")
        #expect(page.headline == "東京で初雪 🌨️ 平年より早く")
        #expect(page.summary == "気象庁によると、東京都心で今季初めての雪が観測されました。")
        #expect(page.body.blocks == [.paragraph("平年より十日早い初雪です。")])
        #expect(page.weather.map(\.region) == ["Tokyo"])
    }
}

@Suite struct EncodingAndDamageTests {
    @Test func byteOrderMarkAndCRLF() throws {
        let page = try parseFixture("crlf-bom.txt")
        #expect(page.storedDate == date(2025, 11, 7))
        #expect(page.weather.map(\.region) == ["Manila"])
        #expect(page.headline == "Manila bay clean-up volunteers collect two tonnes of plastic")
        #expect(page.summary == "Volunteers collected more than two tonnes of plastic waste along the bay on Saturday.")
        #expect(page.body.blocks == [.paragraph("Organisers plan monthly clean-ups until the end of the year.")])
        #expect(page.teasers.count == 1)
        #expect(page.teasers.first?.summary == "Forecasters counted eleven landfalls this year, three fewer than expected.")
        expectClean(page)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let page = try parseFixture("invalid-utf8.txt")
        #expect(page.headline == "Bangkok night markets \u{FFFD}\u{FFFD} draw record crowds")
        #expect(page.summary == "Vendors at the Jodd Fairs market reported their busiest weekend \u{FFFD}( this year.")
        #expect(page.body.blocks.first?.text == "Tourism officials said visitor numbers were up \u{FFFD} by a fifth.")
        #expect(page.body.blocks.count == 2)
    }

    @Test func latin1TextStillLoads() throws {
        let page = try parseFixture("latin1.txt")
        #expect(page.headline == "Caf\u{FFFD} prices rise in S\u{FFFD}o Paulo as coffee costs climb")
    }

    @Test func cutOffMidWordAndMidCharacter() throws {
        let page = try parseFixture("cut-off.txt")
        #expect(page.headline == "Cut-off page still gives its headline and the text it has")
        #expect(page.body.blocks.last == .paragraph("The last paragraph ends in the middle of a word"))
        #expect(page.body.blocks.count == 1)
        #expect(!page.body.blocks.contains { $0.text.contains("\u{FFFD}") })
    }

    @Test func cutOffInsideTeasers() throws {
        let page = try parseFixture("cut-off-teasers.txt")
        #expect(page.teasers == [
            Teaser(headline: "First teaser headline about markets", summary: "The first teaser summary is a full sentence."),
            Teaser(headline: "Second teaser headline about football", summary: "The second teaser summary was cut off in the midd"),
        ])
    }

    @Test func hostileEscapesAreRemovedEverywhere() throws {
        let page = try parseFixture("hostile.txt")
        expectClean(page)
        #expect(page.headline == "Breaking: red headline with evil bidi and link text")
        #expect(page.summary == "A standfirst with a  C1 CSI, a isolate and a tab.")
        #expect(page.weather.map(\.region) == ["Singapore"])
        #expect(page.body.blocks == [.paragraph("Body with an APC  and a DCS  and PM  and SOS  sequence.")])
        #expect(page.teasers == [Teaser(headline: "Teaser with  clear screen", summary: "Its summary  rings a bell.")])
    }

    @Test func emptyAndWhitespaceOnlyFilesAreSkipped() throws {
        try expectSkipped("empty.txt", containing: "empty")
        try expectSkipped("whitespace-only.txt", containing: "empty")
    }

    @Test func binaryFilesAreSkipped() throws {
        try expectSkipped("binary.txt", containing: "NUL")
        try expectSkipped("mostly-control.txt", containing: "not text")
    }

    @Test func oversizedInputIsSkipped() throws {
        let big = [UInt8](repeating: 0x61, count: TextPageParser.sizeLimit + 1)
        #expect(throws: SkipReason.self) { try TextPageParser().parsePage(big) }
    }

    @Test func acceptsTxtAndExtensionlessNames() {
        let parser = TextPageParser()
        #expect(parser.accepts(path: "a/b/page.txt"))
        #expect(parser.accepts(path: "PAGE.TXT"))
        #expect(parser.accepts(path: "000_16309b67825d310a"))
        #expect(!parser.accepts(path: "page.html"))
        #expect(!parser.accepts(path: "picture.jpg"))
    }
}

@Suite struct SanitizerTests {
    @Test(arguments: [
        "plain ascii", "caf\u{E9} \u{2019}quotes\u{201D} \u{2026}", "\u{1B}[31mred\u{1B}[0m", "a\u{202E}b\u{202C}c",
        "a\u{9B}2Jb", "x\u{200E}y\u{200F}z\u{061C}", "\u{1B}]0;t\u{07}title", "tab\there", "\u{85}nel", "\u{2067}iso\u{2069}",
    ])
    func byteFastPathAgreesWithScalarPath(_ text: String) {
        var copy = text
        let viaBytes = copy.withUTF8 { TextSanitizer.clean(utf8: $0) }
        let viaString = TextSanitizer.clean(text)
        #expect(viaBytes == viaString)
        #expect(!viaString.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
    }
}

@Suite struct WeatherEdgeTests {
    @Test func rejectedReadingWithoutRegionDoesNotSwallowTheHeadline() throws {
        let page = try parseFixture("rejected-weather-last.txt")
        #expect(page.weather.map(\.region) == ["Singapore"])
        #expect(page.headline == "A rejected reading at the end of the block does not swallow the headline")
    }
}
