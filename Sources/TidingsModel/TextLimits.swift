/// How long a headline or a summary may be, whatever the page says: a 50 MB one-line paragraph
/// or a 10 MB JSON-LD headline would otherwise be the row the list draws, prints and searches on
/// every key. Every parser's pages go through `ParsedPage` and `Teaser`, which apply these.
public enum TextLimits {
    /// Bytes of UTF-8, as the text page parser has always cut its first line.
    public static let headlineBytes = 300
    public static let summaryBytes = 1_000

    /// `text` cut at a word before `limit` bytes (at a character boundary when no space is in the
    /// last half), with an ellipsis; unchanged when it fits (an ellipsis already added counts as
    /// fitting, so cutting twice changes nothing).
    public static func cut(_ text: String, bytes limit: Int) -> String {
        guard text.utf8.count > limit + 3 else { return text }
        let p = Array(text.utf8.prefix(limit + 1))  // the head only: no pass over a 50 MB text
        var e = limit
        while e > 0 && p[e] & 0xC0 == 0x80 { e -= 1 }  // not inside a character
        var space = e
        while space > limit / 2 && p[space] != 0x20 { space -= 1 }
        return String(decoding: p[..<(p[space] == 0x20 ? space : e)], as: UTF8.self) + "\u{2026}"
    }
}
