import TestSupport
import Testing
@testable import TidingsModel

@Test func articleIDIsStableAndIgnoresCaseAndPunctuation() {
    let a = ArticleID(headline: "Apple launches browser-based App Store after 17 years")
    let b = ArticleID(headline: "  apple launches BROWSER based app store, after 17 years!")
    #expect(a == b)
    #expect(a.rawValue.count == 16)
    #expect(ArticleID(headline: "Another headline") != a)
}

@Test func articleIDValueIsFixedAcrossMachines() {
    // FNV-1a of "apple launches browser based app store after 17 years": must never change,
    // or every stored read mark is lost.
    #expect(ArticleID(headline: "Apple launches browser-based App Store after 17 years").rawValue
            == referenceID("apple launches browser based app store after 17 years"))
}

/// The id computed the slow, obvious way from `normalise`.
func referenceID(_ normalised: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in normalised.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

@Test(arguments: [
    "Apple launches browser-based App Store after 17 years",
    "  Leading and trailing   spaces\t",
    "Punctuation!!! everywhere??? (yes) [really] {ok} $100 + 5% = ~ok~ | a_b `c` ^d @e #f",
    "Ümlauts and café in the headline",
    "東京の天気は晴れ 🌞 today",
    "İstanbul ΣΊΣΥΦΟΣ straße",
    "control\u{01}chars\u{7F}dropped",
    "",
    "!!!",
])
func fastHashMatchesNormalise(_ headline: String) {
    #expect(ArticleID(headline: headline).rawValue == referenceID(ArticleID.normalise(headline)))
}

/// The byte path for ASCII headlines gives what the scalar path gives, on every ASCII character
/// (controls, punctuation, symbols, letters of both cases, digits) in random order.
@Test func asciiNormalisationMatchesScalarPath() {
    var rng = SplitMix(state: 7)
    for _ in 0..<20_000 {
        let length = Int(rng.next() % 24)
        let scalars = (0..<length).map { _ in Unicode.Scalar(UInt8(rng.next() % 128)) }
        let headline = String(String.UnicodeScalarView(scalars))
        let fast = ArticleID.normaliseASCII(headline)
        #expect(fast == ArticleID.normaliseScalars(headline), "\(Array(headline.utf8))")
    }
    #expect(ArticleID.normaliseASCII("Zürich") == nil)
    #expect(ArticleID.normalise("  Tide-gauge\tREADS\u{1}, 4.2m!") == "tide gauge reads 4 2m")
}
