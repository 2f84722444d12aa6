import Foundation
import Testing
import TidingsModel

func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

func parseFixture(_ name: String) throws -> ParsedPage {
    try TextPageParser().parsePage(try fixture(name))
}

@Suite struct SeedPageTests {
    let page: ParsedPage

    init() throws {
        page = try parseFixture("seed.txt")
    }

    @Test func dateAndWeather() {
        #expect(page.storedDate == CivilDate(year: 2025, month: 11, day: 4))
        #expect(page.weather.map(\.region) == ["Singapore", "Thailand", "Indonesia", "Philippines"])
        #expect(page.weather.map(\.celsius) == [30.3, 24.2, 30.3, 28.3])
        #expect(page.weather.allSatisfy { $0.date == CivilDate(year: 2025, month: 11, day: 4) })
    }

    @Test func headlineAndStandfirst() {
        #expect(page.headline == "Zuckerberg claims creators overestimate the value of their content for AI training")
        #expect(page.summary == "Mark Zuckerberg suggests that most creators overestimate the value of their content for AI training as Meta tackles complex copyright challenges.")
    }

    @Test func bodyParagraphsAndSubheadings() throws {
        let blocks = page.body.blocks
        // 11 paragraphs and 2 subheadings; the caption (the headline again) and the credit are not body.
        #expect(blocks.count == 13)
        #expect(blocks.filter { if case .paragraph = $0 { true } else { false } }.count == 11)
        let subheadings = blocks.compactMap { if case .subheading(let t) = $0 { t } else { nil } }
        #expect(subheadings == ["AI partnerships and content scraping", "Future of AI content at Meta"])
        #expect(blocks.first == .paragraph("In a recent interview, Meta CEO Mark Zuckerberg expressed his views on the complexities surrounding copyright and the role of creators in training artificial intelligence (AI). He suggested that individual creators and publishers often overvalue the significance of their content in the larger landscape of AI development. While some content may be valuable enough to form partnerships, Zuckerberg noted that most creators should not expect compensation for the use of their work in AI training."))
        #expect(blocks[1].text.hasPrefix("Zuckerberg\u{2019}s comments come as Meta navigates"))
        #expect(blocks[2].text.hasPrefix("Like many major AI companies, Meta has faced legal challenges"))
        #expect(blocks[5] == .subheading("AI partnerships and content scraping"))
        #expect(blocks[6].text.hasPrefix("While some AI companies have entered into paid partnerships"))
        #expect(blocks[9] == .subheading("Future of AI content at Meta"))
        #expect(blocks.last == .paragraph("As Meta continues to develop its generative AI products, it remains to be seen what role creators and their content will play. However, for most creators, compensation for their work\u{2019}s use in AI training appears slim."))
        #expect(!blocks.contains { $0.text == page.headline })
        #expect(!blocks.contains { $0.text.contains("Image credit") })
        #expect(!blocks.contains { $0.text == "Hot this week" || $0.text == "Related Articles" })
    }

    @Test func imageCredit() {
        #expect(page.body.imageCredits == ["Salon"])
    }

    @Test func allNineTeasersWithSummaries() {
        let expected: [(String, String)] = [
            ("Amazon cuts 14,000 corporate jobs amid shift towards AI-driven operations",
             "Amazon cuts 14,000 corporate jobs as part of a major restructuring to boost AI integration and streamline global operations."),
            ("ASUS launches ROG GR70 gaming mini PC powered by AMD Ryzen 9 and NVIDIA RTX 50 Series",
             "ASUS ROG launches the GR70 gaming mini PC with AMD Ryzen 9, NVIDIA RTX 50 Series GPUs, WiFi 7, and advanced cooling for high performance."),
            ("Google brings Pixel 10 AI experience to Funan and Suntec City",
             "Google brings its Pixel 10 AI experience to Funan and Suntec City with hands-on demos, exclusive merch, and special promotions."),
            ("YouTube to tighten enforcement on violent and gambling content in November",
             "YouTube introduces stricter rules for violent gaming and gambling content from 17 November, including new age restrictions and updated policies."),
            ("IPI Singapore opens TechInnovation 2025 with focus on AI and health innovation",
             "IPI Singapore opens TechInnovation 2025 with a focus on AI, digital health, and design-driven innovation for business growth."),
            ("Apple launches browser-based App Store after 17 years",
             "Apple has finally launched a browser version of the App Store, letting users browse apps online for the first time in 17 years."),
            ("Logitech launches hot-swappable Alto Keys K98M keyboard in the US",
             "Logitech launches the hot-swappable Alto Keys K98M in the US, combining a custom mechanical design with wireless productivity features."),
            ("Cloudera recognised as leader in Forrester\u{2019}s 2025 data fabric platforms report",
             "Cloudera named a leader in Forrester\u{2019}s 2025 data fabric platforms report for its scalable, unified, and intelligent data management."),
            ("Affiliate marketing becomes major growth driver for brands in Singapore as investments surge",
             "Affiliate marketing becomes a core growth channel for Singapore brands as investment rises and creators gain greater influence."),
        ]
        #expect(page.teasers.count == 9)
        for (teaser, (headline, summary)) in zip(page.teasers, expected) {
            #expect(teaser.headline == headline)
            #expect(teaser.summary == summary)
        }
    }

    @Test func summaryParseMatchesFullParseWithoutBody() throws {
        let file = try TextPageParser().summarize(try fixture("seed.txt"), path: "seed.txt")
        let quick = try #require(file.pages.first)
        #expect(quick.headline == page.headline)
        #expect(quick.summary == page.summary)
        #expect(quick.storedDate == page.storedDate)
        #expect(quick.weather == page.weather)
        #expect(quick.teasers == page.teasers)
        #expect(quick.body.blocks.isEmpty)
    }
}
