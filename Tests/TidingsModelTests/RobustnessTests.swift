import Foundation
import Testing
import TidingsModel
import TestSupport

@Suite struct RobustnessTests {
    /// The seed cut off at many lengths: never a crash, and once the headline is complete it is right.
    @Test func seedCutAtManyLengths() throws {
        let seed = try fixture("seed.txt")
        let parser = TextPageParser()
        let headline = "Zuckerberg claims creators overestimate the value of their content for AI training"
        let headlineEnd = try #require(String(decoding: seed, as: UTF8.self).range(of: headline)).upperBound
        let complete = String(decoding: seed, as: UTF8.self).utf8.distance(
            from: String(decoding: seed, as: UTF8.self).startIndex, to: headlineEnd) + 1
        for length in stride(from: 0, through: seed.count, by: 11) {
            let page = try? parser.parsePage(Array(seed[..<length]))
            if length > complete + 2 {
                #expect(page?.headline == headline, "cut at \(length)")
                #expect(page?.storedDate == CivilDate(year: 2025, month: 11, day: 4))
            }
            if let page { #expect(!page.headline.contains("\u{FFFD}"), "cut at \(length)") }
        }
    }

    /// Deterministic noise: short random byte strings, text-like and not, parse or skip, never crash.
    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet = Array("abc XYZ 0123.,°C F\n\n\r\u{1B}[]\u{202E}Hot this week\nImage credit: x\n date 2025-01-01 ".utf8)
        let parser = TextPageParser()
        var parsed = 0
        for round in 0..<400 {
            let count = Int(next() % 600)
            let bytes: [UInt8] = (0..<count).map { _ in
                round % 2 == 0 ? alphabet[Int(next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: next())
            }
            if let page = try? parser.parsePage(bytes) {
                parsed += 1
                #expect(!page.headline.isEmpty)
                #expect(!page.headline.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x1B })
            }
        }
        #expect(parsed > 100, "text-like noise mostly parses")
    }

    @Test func pageWithoutLineBreaksGetsAShortenedHeadline() throws {
        let words = Array(repeating: "word", count: 2000).joined(separator: " ")
        let page = try TextPageParser().parsePage(Array(("Monday, 3 November 2025\n\n" + words).utf8))
        #expect(page.headline.utf8.count <= 304)
        #expect(page.headline.hasSuffix("word\u{2026}"))
    }

    @Test func teaserForThePageItselfIsDropped() throws {
        let text = TemporaryStore.page(headline: "Same story here",
                                       teasers: [("Same story, here!", "Points at itself."), ("Other story", "Elsewhere.")])
        let page = try TextPageParser().parsePage(Array(text.utf8))
        #expect(page.teasers.map(\.headline) == ["Other story"])
    }
}
