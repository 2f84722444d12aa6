import Foundation
import Testing

/// Stored pages written to attack a terminal news reader: escape sequences that rewrite the
/// screen, retarget links or reach the clipboard, controls, bidi tricks, broken encodings,
/// absurd sizes and absurd values. Large ones are generated here rather than committed.
struct HostilePage: CustomTestStringConvertible, Sendable {
    var name: String
    /// Relative to the store; may itself be hostile.
    var path: String
    var bytes: [UInt8]
    /// The headline the page must load with, when it must load; nil when it may be skipped.
    var headline: String?

    var testDescription: String { name }

    static func page(date: String = "Tuesday, 4 November 2025", weather: String = "30.3 C\nSingapore",
                     headline: String, summary: String = "A standfirst sentence.",
                     body: String = "A body paragraph that ends here.",
                     teasers: String = "A teaser headline\nIts one sentence summary.") -> [UInt8] {
        Array("\(date)\n\(weather)\n\n\(headline)\n\n\(summary)\n\n\(body)\n\nHot this week\n\n\(teasers)\n\nRelated Articles\n".utf8)
    }

    /// Each hostile construct in headline, summary, body, teaser and weather region at once.
    static func everywhere(_ name: String, _ attack: String, headline: String?) -> HostilePage {
        HostilePage(name: name, path: "\(name).txt",
                    bytes: page(weather: "21 C\nRe\(attack)gion",
                                headline: "Red \(attack)alert",
                                summary: "Summary \(attack)text.",
                                body: "Body \(attack)paragraph.\n\nImage caption\(attack)\nImage credit: Cred\(attack)it",
                                teasers: "Teaser \(attack)one\nTeaser summary \(attack)here."),
                    headline: headline)
    }

    /// Every C0 control but LF, CR and ESC (which have cases of their own), and DEL.
    static let c0Controls: String = {
        var text = ""
        for b: UInt8 in 1...31 where b != 10 && b != 13 && b != 27 { text.unicodeScalars.append(Unicode.Scalar(b)) }
        text.unicodeScalars.append(Unicode.Scalar(UInt8(0x7F)))
        return text
    }()

    static let invalidUTF8: [UInt8] = {
        let bad: [UInt8] = [0xC0, 0xAF, 0xE0, 0x80, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xFF, 0x9B, 0x31, 0x6D]
        let head: [UInt8] = Array("Tuesday, 4 November 2025\n\nBad ".utf8)
        let tail: [UInt8] = Array(" bytes\n\nSummary.\n".utf8)
        return head + bad + tail
    }()

    static let binary: [UInt8] = (0..<4096).map { (n: Int) -> UInt8 in UInt8(truncatingIfNeeded: n &* 73) }
    static let endingInEscape: [UInt8] = page(headline: "Ends badly") + [UInt8(0x1B)]

    /// 10^9 "lol"s if entities were expanded without limit.
    static let billionLaughs: String = {
        var dtd = "<!ENTITY lol \"lol\">\n"
        for n in 1...9 {
            let previous = n == 1 ? "lol" : "lol\(n - 1)"
            dtd += "<!ENTITY lol\(n) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\(dtd)]>\n<rss version=\"2.0\"><channel><title>Laughs</title>"
            + "<item><title>Boom &lol9;</title><link>https://lol.example.com/</link><description>Laugh.</description></item></channel></rss>\n"
    }()

    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
        <rss version="2.0"><channel><title>Trap</title>
        <item><title>Leak &secret; here</title><link>https://trap.example.com/1</link><description>Remote: &remote; end</description></item>
        </channel></rss>

        """

    static let hostileHTML = """
        <html><head><title>T\u{202E}\u{1B}[2J | Site</title>
        <meta property="og:title" content="OG &#27;]0;pwned&#7;title &#x9b;31m">
        <meta name="description" content="Desc &#x202E;rev &#8238; &#x1b;]52;c;eA==&#x07;">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"JSON \\u001b[31mLD","datePublished":"2025-02-31T25:61:00Z","articleSection":"Sec\\u009b1m"}</script>
        </head><body><article><h1>H &#x1b;[2J</h1>
        <p>Para with a NUL &#0; a bidi &#x202E; override and an escape &#27;[31m in it, long enough to be the body of the page.</p>
        <p><a href="javascript:alert(1)">script link</a> <a href="-rf">dash link</a> <a href="http://a.example/&#x1b;[2J">escape link</a>
        and more words so that this paragraph counts as article text.</p>
        </article></body></html>

        """

    static let deepHTML: String = "<html><body>" + String(repeating: "<div>", count: 100_000)
        + "<p>Deep inside a hundred thousand nested divs, this sentence is the article body.</p></body></html>"

    static let small: [HostilePage] = [
        everywhere("csi", "\u{1B}[2J\u{1B}[31;1m\u{1B}[?1049h", headline: "Red alert"),
        // The link's visible text stays; the link does not.
        everywhere("osc8-hyperlink", "\u{1B}]8;;https://evil.example/\u{07}click\u{1B}]8;;\u{07}", headline: "Red clickalert"),
        everywhere("osc52-clipboard", "\u{1B}]52;c;cm0gLXJmIH4K\u{07}", headline: "Red alert"),
        everywhere("osc-title", "\u{1B}]0;pwned\u{07}\u{1B}]2;again\u{1B}\\", headline: "Red alert"),
        everywhere("dcs", "\u{1B}P1$qm\u{1B}\\\u{1B}P+q544e\u{1B}\\", headline: "Red alert"),
        everywhere("apc-pm-sos", "\u{1B}_Gf=100;AAAA\u{1B}\\\u{1B}^pm\u{1B}\\\u{1B}Xsos\u{1B}\\", headline: "Red alert"),
        everywhere("c1-controls", "\u{9B}31m\u{9D}0;t\u{9C}\u{85}\u{8D}\u{90}dcs\u{9C}", headline: "Red alert"),
        everywhere("c0-controls", c0Controls, headline: nil),
        // A few controls do not make a page binary: bell, backspace (overwrites shown text), DEL.
        everywhere("bell-backspace", "\u{07}\u{08}", headline: "Red alert"),
        everywhere("bidi", "\u{202E}\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}",
                   headline: "Red alert"),
        everywhere("zwj-and-emoji", "\u{200D}👩‍👩‍👧‍👦\u{200C}🏳️‍🌈\u{2060}", headline: "Red \u{200D}👩‍👩‍👧‍👦\u{200C}🏳️‍🌈\u{2060}alert"),
        // An escape that never ends swallows the rest of its line, not the page.
        HostilePage(name: "unterminated-osc", path: "unterminated-osc.txt",
                    bytes: page(headline: "Open \u{1B}]0;never closed", body: "Body \u{1B}P still open\n\nNext paragraph."),
                    headline: "Open"),
        HostilePage(name: "escape-at-end-of-file", path: "escape-at-end.txt",
                    bytes: endingInEscape, headline: "Ends badly"),
        HostilePage(name: "nul-bytes", path: "nul.txt",
                    bytes: page(headline: "Nul\u{0}in\u{0}headline", body: "Body\u{0}\u{0}text."), headline: nil),
        HostilePage(name: "invalid-and-overlong-utf8", path: "invalid-utf8.txt",
                    bytes: invalidUTF8,
                    headline: nil),
        HostilePage(name: "temperatures-out-of-range", path: "temperatures.txt",
                    bytes: page(weather: "1e309 C\nInfinityland\nNaN C\nNaNland\n-inf °C\nColdland\n999999 F\nHotland\n-0 C\nZeroland",
                                headline: "Weather gone wrong"),
                    headline: "Weather gone wrong"),
        HostilePage(name: "impossible-dates", path: "dates.txt",
                    bytes: Array("date 2025-02-31 31 February 2025\nMonday, 31 April 2025\n\nDates gone wrong\n\nSummary.\n".utf8),
                    headline: "Dates gone wrong"),
        HostilePage(name: "hostile-file-and-folder-names", path: "Te\u{1B}]0;x\u{07}ch\u{202E}/page\u{1B}[2J\u{9B}.txt",
                    bytes: page(headline: "Named badly"), headline: "Named badly"),
        HostilePage(name: "binary-with-hostile-name", path: "bin\u{1B}]52;c;eA==\u{07}.txt",
                    bytes: binary, headline: nil),
        HostilePage(name: "html-escapes-in-metadata-and-links", path: "hostile.html", bytes: Array(hostileHTML.utf8), headline: nil),
        HostilePage(name: "feed-billion-laughs", path: "laughs.xml", bytes: Array(billionLaughs.utf8), headline: nil),
        HostilePage(name: "feed-external-entities", path: "trap.xml", bytes: Array(externalEntity.utf8), headline: nil),
        HostilePage(name: "html-100000-nested-elements", path: "deep.html", bytes: Array(deepHTML.utf8), headline: nil),
    ]

    /// Large cases, generated: each in a store of its own.
    static func repeated(_ text: String, _ count: Int) -> [UInt8] {
        let unit: [UInt8] = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(unit.count * count)
        for _ in 0..<count { out.append(contentsOf: unit) }
        return out
    }

    static func manyTeasers(_ count: Int) -> [UInt8] {
        var out: [UInt8] = Array("Tuesday, 4 November 2025\n\nMany teasers\n\nSummary.\n\nHot this week\n\n".utf8)
        for n in 0..<count { out += Array("Teaser number \(n)\nSummary of teaser \(n).\n".utf8) }
        return out
    }

    static let large: [HostilePage] = [
        // Over the 8 MB limit: skipped with a reason, never read whole.
        HostilePage(name: "ten-megabyte-line", path: "ten-mb.txt",
                    bytes: Array("Big\n\n".utf8) + [UInt8](repeating: 0x61, count: 10 << 20), headline: nil),
        // Just under the limit: parsed, a 7 MB headline cut to the terminal in text output.
        HostilePage(name: "seven-megabyte-line", path: "seven-mb.txt",
                    bytes: Array("Tuesday, 4 November 2025\n\n".utf8)
                        + repeated("word ", 7 << 18) + Array("\n\nSummary.\n".utf8),
                    headline: nil),
        HostilePage(name: "million-lines", path: "million.txt",
                    bytes: Array("Tuesday, 4 November 2025\n\nA million lines\n\nSummary.\n\n".utf8)
                        + repeated("Line\n", 1_000_000),
                    headline: "A million lines"),
        HostilePage(name: "hundred-thousand-teasers", path: "teasers.txt",
                    bytes: manyTeasers(100_000),
                    headline: "Many teasers"),
        HostilePage(name: "hundred-thousand-escapes", path: "escapes.txt",
                    bytes: Array("Tuesday, 4 November 2025\n\nEscapes\n\n".utf8)
                        + repeated("\u{1B}[31m\u{1B}]8;;x\u{07}\u{202E}", 100_000)
                        + Array(".\n".utf8),
                    headline: "Escapes"),
    ]
}

/// A JSON document's strings, keys included, for checking what a program printed as JSON.
func jsonStrings(_ data: Data) throws -> [String] {
    var out: [String] = []
    func walk(_ value: Any) {
        if let s = value as? String {
            out.append(s)
        } else if let a = value as? [Any] {
            a.forEach(walk)
        } else if let d = value as? [String: Any] {
            for (k, v) in d { out.append(k); walk(v) }
        }
    }
    walk(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    return out
}
