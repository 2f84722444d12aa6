import CLibXML2
import Foundation
import Testing
import TestSupport
import TidingsModel
@testable import TidingsExtract

/// The feed parser's fast paths against the full ones on varied fragments: any divergence fails.
@Suite struct FeedFastPathTests {
    static let words = ["Tide", "gauge", "Zürich", "café", "naïve", "日本語", "Москва", "e\u{301}", "\u{301}x",
                        "\u{600}1", "👍🏽", "🇬🇧", "x\u{200D}", "ab,", "—", "“quoted”", "\u{0915}\u{093F}", "한국"]
    static let spaces = [" ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{85}",
                         "\u{0C}", "\u{0B}", "\u{202F}", "\u{1680}"]
    static let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&#38;", "&#x26;", "&", "& ",
                             "&amp", "&foo;", "&#0;", "&#1;", "&AMP;", "&amp;amp;", "&lt;p&gt;"]
    static let markup = ["<p>", "</p>", "<b>", "</b>", "<a href=\"/x\">", "<a href='https://e.com/a'>", "</a>",
                         "<br>", "<br/>", "<script>var a = '<p>';</script>", "<style>p{}</style>", "<!-- c -->",
                         "<![CDATA[x]]>", "<div", "</", "<", ">", "<h2>", "</h2>", "<li>", "<ul>", "</ul>",
                         "<blockquote>", "</blockquote>", "<img src=x alt='y'>", "<figure><figcaption>Photo",
                         "</figcaption></figure>", "<nav>menu</nav>", "<p class=\"caption\">", "<pre>",
                         "<table><tr><td>cell</td></tr></table>", "<title>t</title>", "<em><strong>x</em></strong>"]
    static let controls = ["\u{1B}[31m", "\u{1B}]0;x\u{7}", "\u{1}", "\u{7F}", "\u{9B}1m", "\u{200E}", "\u{202E}",
                           "\u{FFFE}", "\u{FFFF}", "\u{0}"]

    static func fragment(_ rng: inout SplitMix, markupToo: Bool) -> String {
        var s = ""
        for _ in 0..<(1 + rng.next() % 12) {
            switch rng.next() % 10 {
            case 0, 1, 2, 3: s += rng.pick(words)
            case 4, 5: s += rng.pick(spaces)
            case 6, 7: s += rng.pick(references)
            case 8: s += markupToo ? rng.pick(markup) : rng.pick(words)
            default: s += rng.pick(controls)
            }
        }
        return s
    }

    @Test func collapseOnBytesMatchesCharacters() {
        var rng = SplitMix(state: 1)
        var fast = 0
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<(rng.next() % 10) { s += rng.next() % 2 == 0 ? rng.pick(Self.words) : rng.pick(Self.spaces) }
            if let bytes = Whitespace.collapsed(s) {
                fast += 1
                #expect(bytes == PageAssembler.collapseByCharacters(s), "\(Array(s.unicodeScalars))")
            }
            #expect(PageAssembler.clean(s) == PageAssembler.collapseByCharacters(TextSanitizer.clean(s)))
        }
        // Most text takes the byte path; a whitespace scalar inside a Character does not.
        #expect(fast > 10_000)
        #expect(Whitespace.collapsed(" Zürich  café\u{A0}日本語\n") == "Zürich café 日本語")
        #expect(Whitespace.collapsed("a \u{301}b") == nil)
        #expect(Whitespace.collapsed("\u{600} a") == nil)
        #expect(PageAssembler.clean("a \u{301}b") == "a \u{301}b".split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test func trimOnBytesMatchesFoundation() {
        var rng = SplitMix(state: 2)
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<(rng.next() % 8) { s += rng.next() % 2 == 0 ? rng.pick(Self.words) : rng.pick(Self.spaces) }
            #expect(Whitespace.trimmed(s) == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(s.unicodeScalars))")
        }
    }

    /// Plain text with simple references against libxml2's HTML parser and the block builder.
    @Test func plainTextWithReferencesMatchesTheParser() {
        var rng = SplitMix(state: 3)
        var fast = 0
        for _ in 0..<20_000 {
            let s = Self.fragment(&rng, markupToo: false)
            let full = HTMLFragment.text(of: HTMLFragment.body(html: s, baseURL: nil))
            // Plain text (with or without references) reads as the parser would read it.
            if HTMLFragment.plainWithEntities(s) != nil {
                fast += 1
                #expect(HTMLFragment.text(html: s) == full, "\(Array(s.unicodeScalars))")
            }
        }
        #expect(fast > 1_000)
        #expect(HTMLFragment.text(html: "Tide gauge &amp; new buoys & more &lt;3") == "Tide gauge & new buoys & more <3")
        // A line break in a title with nothing else to parse is a space, not nothing.
        #expect(HTMLFragment.text(html: "Hello\nWorld") == "Hello World")
        #expect(HTMLFragment.text(html: "  Tides\r\n\tand   currents ") == "Tides and currents")
        #expect(HTMLFragment.plainWithEntities("a &nbsp; b") == nil)
        #expect(HTMLFragment.plainWithEntities("a <b>b</b>") == nil)
    }

    /// A feed item's summary and body from one parse of its description, against the description
    /// parsed on its own for each (as before), over fragments with markup, scripts and broken tags.
    @Test func itemParsedOnceMatchesParsedTwice() throws {
        var rng = SplitMix(state: 4)
        var items = [(title: String, description: String)]()
        for _ in 0..<2_000 {
            items.append((Self.fragment(&rng, markupToo: false), Self.fragment(&rng, markupToo: true)))
        }
        func escaped(_ s: String) -> String {
            // Characters XML 1.0 cannot carry at all are left out of the feed itself.
            let allowed = s.unicodeScalars.filter { v in
                v.value == 0x9 || v.value == 0xA || v.value == 0xD || (v.value >= 0x20 && v.value != 0xFFFE && v.value != 0xFFFF)
            }
            return String(String.UnicodeScalarView(allowed)).replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title>"
        for (i, item) in items.enumerated() {
            xml += "<item><title>\(escaped(item.title))</title><link>https://e.com/\(i)</link>"
            xml += "<description>\(escaped(item.description))</description></item>\n"
        }
        xml += "</channel></rss>"
        let pages = try FeedParser().parse(Array(xml.utf8), path: "f.xml").pages
        try #require(pages.count == items.count)
        // The texts as libxml2 gave them to the parser, read back through the DOM path.
        // (`escaped` replaces Characters: an `&` with a combining mark stays raw, which the parser
        // repairs before libxml2 reads it, as FeedRepair does for any feed; so does the reference.)
        let doc = Data(FeedRepair.repair(Array(xml.utf8)) ?? Array(xml.utf8))
        let reread = try FeedTexts.read(doc)
        for (page, texts) in zip(pages, reread) {
            let body = HTMLFragment.body(html: texts.description, baseURL: page.url)
            // Through the parser, as before, but for text with control characters and no markup
            // (which only the sanitiser reads).
            func reference(_ s: String) -> String {
                HTMLFragment.needsParser(s) || HTMLFragment.plainWithEntities(s) != nil
                    ? HTMLFragment.text(of: HTMLFragment.body(html: s, baseURL: nil)) : PageAssembler.clean(s)
            }
            let title = reference(texts.title)
            let description = reference(texts.description)
            let summary = description.isEmpty ? body.blocks.first?.text : description
            #expect(page.summary == summary, "\(Array(texts.description.unicodeScalars))")
            #expect(page.headline == (title.isEmpty ? String(summary?.prefix(120) ?? "") : title))
            if !(title.isEmpty && body.blocks.isEmpty) { #expect(page.body == body) }
        }
    }
}

/// The byte path for ASCII dates against the Character path, on date-like words in random order.
@Test func asciiDatesMatchCharacterPath() {
    let parts = ["Tue", "tue,", "04", "4", "Mar", "MAR", "march", "Mä", "2025", "25", "+12", "-", ",", " ", "  ", "\t",
                 "09:15:00", "+0000", "GMT", "0", "99999999999999999999", "1e3", "Dec", "dEc", "j\u{301}an", "jan",
                 "\r\n", "ja", "@ug", "[ep", "Sep-", "2019-03-12", "31", "30", "Feb", "29", "1000", "999", "x"]
    var rng = SplitMix(state: 11)
    var ascii = 0
    for _ in 0..<20_000 {
        let s = (0..<(1 + rng.next() % 8)).map { _ in rng.pick(parts) }.joined(separator: rng.next() % 3 == 0 ? "" : " ")
        if let fast = DateParsing.rfc822ASCII(s) {
            ascii += 1
            #expect(fast == DateParsing.rfc822Characters(s), "\(s)")
        }
    }
    #expect(ascii > 10_000)
    #expect(DateParsing.rfc822ASCII("Tue, 04 Mär 2025") == nil)  // not ASCII: the Character path reads it
    #expect(DateParsing.rfc822("Tue, 04 Mar 2025 09:15:00 +0000") == CivilDate(year: 2025, month: 3, day: 4))
}

/// Titles and descriptions of an RSS document as libxml2's tree reader gives them (the texts the
/// HTML paths start from), read apart from the feed parser's own item handling.
enum FeedTexts {
    static func read(_ data: Data) throws -> [(title: String, description: String)] {
        let bytes = [UInt8](data)
        let doc = try #require(bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                xmlReadMemory($0, Int32(buf.count), nil, nil, FeedParser.options)
            }
        })
        defer { xmlFreeDoc(doc) }
        let root = XMLNode(try #require(xmlDocGetRootElement(doc)))
        return root.children("channel").flatMap { $0.children("item") }.map { item in
            (item.child("title")?.text ?? "", item.child("description")?.text ?? "")
        }
    }
}
