import Foundation
import TidingsModel

/// HTML held in a feed (`description`, `content:encoded`, Atom `content`) to body text, through the
/// same prefilter, libxml2 SAX pass and block builder as pages, keeping every block (no scoring:
/// a feed's content is the article).
enum HTMLFragment {
    static func body(html: String, baseURL: String?) -> ArticleBody {
        let filtered = Prefilter.run(Array(html.utf8))
        var builder = PageBuilder()
        HTMLSAX.parse(filtered.bytes, encoding: "UTF-8", into: &builder)
        let (blocks, credits, links) = PageAssembler.body(builder.tree.blocks, baseURL: baseURL)
        return ArticleBody(blocks: blocks, imageCredits: credits, links: links)
    }

    /// Plain text of a short HTML snippet (titles, summaries), blocks joined by spaces.
    static func text(html: String) -> String {
        // Plain text reads as the parser would read it (a line break in a title is a space);
        // what `plainText` does not take goes to the parser, or, with no markup or reference in
        // it (control characters), to the sanitiser alone.
        if let plain = plainText(html) { return plain }
        return needsParser(html) ? text(of: body(html: html, baseURL: nil)) : PageAssembler.clean(html)
    }

    /// `text(html:)` without the parser for text that `plainWithEntities` reads: one block, which
    /// the assembler sanitises and trims, then the summary's clean.
    static func plainText(_ html: String) -> String? {
        plainWithEntities(html).map { PageAssembler.clean(PageAssembler.trimSpaces(TextSanitizer.clean($0))) }
    }

    /// `text(html:)` of the HTML `body` was parsed from: block texts do not depend on the base URL,
    /// so a description that is both the body and the summary is parsed once.
    static func text(of body: ArticleBody) -> String {
        PageAssembler.clean(body.blocks.map(\.text).joined(separator: " "))
    }

    /// Whether `text(html:)` goes through the HTML parser (markup or a character reference).
    static func needsParser(_ html: String) -> Bool {
        html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 })
    }

    /// Text with no markup whose only references are `&amp;` `&lt;` `&gt;` `&quot;` or an `&` that
    /// starts no reference (followed by whitespace or the end), decoded as libxml2's HTML parser and
    /// the block builder would (titles like "Tide gauge &amp; buoys" are mostly this): runs of
    /// spaces, tabs, line breaks and no-break spaces become one space, none at either end. nil for
    /// anything else (other references, markup, control characters, which the prefilter and parser
    /// treat in their own ways).
    static func plainWithEntities(_ html: String) -> String? {
        var out = [UInt8]()
        var fits = true
        var html = html
        html.withUTF8 { p in
            let n = p.count
            out.reserveCapacity(n)
            var pendingSpace = false
            var i = 0
            while i < n {
                let b = p[i]
                let isSpace = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || (b == 0xC2 && i + 1 < n && p[i + 1] == 0xA0)
                if isSpace {
                    pendingSpace = true
                    i += b == 0xC2 ? 2 : 1
                    continue
                }
                if pendingSpace {
                    if !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                }
                if b > 0x26 && b != 0x3C && b != 0x7F && b != 0xC2 && b != 0xEF { out.append(b); i += 1; continue }
                func named(_ name: StaticString) -> Bool {
                    let k = name.utf8CodeUnitCount
                    guard i + 1 + k < n, p[i + 1 + k] == 0x3B else { return false }
                    for j in 0..<k where p[i + 1 + j] != name.utf8Start[j] { return false }
                    return true
                }
                switch b {
                case 0x26:
                    let next: UInt8 = i + 1 < n ? p[i + 1] : 0x20
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { out.append(0x26); i += 1 }
                    else if named("amp") { out.append(0x26); i += 5 }
                    else if named("lt") { out.append(0x3C); i += 4 }
                    else if named("gt") { out.append(0x3E); i += 4 }
                    else if named("quot") { out.append(0x22); i += 6 }
                    else { fits = false; return }
                case 0xC2:
                    guard i + 1 < n, p[i + 1] > 0xA0 else { fits = false; return }  // C1 controls
                    out.append(0xC2); out.append(p[i + 1])
                    i += 2
                case 0xEF:  // U+FFFE and U+FFFF are not XML characters: the parser drops them
                    guard i + 2 < n, !(p[i + 1] == 0xBF && p[i + 2] >= 0xBE) else { fits = false; return }
                    out.append(b); i += 1
                case 0x21...0x25:
                    out.append(b); i += 1
                default:  // '<', DEL, other C0 controls
                    fits = false; return
                }
            }
        }
        return fits ? String(decoding: out, as: UTF8.self) : nil
    }
}
