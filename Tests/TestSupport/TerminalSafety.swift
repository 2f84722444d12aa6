import TidingsModel

/// What may reach a terminal from untrusted text, checked the same way by the fuzz targets and the
/// hostile-input tests: no C0 control (newline only where the caller allows it), no DEL, no C1
/// control, no bidi embedding/override/isolate/mark, and valid UTF-8.
public enum TerminalSafety {
    public static func isForbidden(_ s: Unicode.Scalar, allowNewline: Bool = false) -> Bool {
        switch s.value {
        case 0x0A: return !allowNewline
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// The first forbidden scalar and its scalar offset, or nil when the text is safe.
    public static func firstForbidden(in text: some StringProtocol, allowNewline: Bool = false) -> (offset: Int, scalar: Unicode.Scalar)? {
        for (offset, s) in text.unicodeScalars.enumerated() where isForbidden(s, allowNewline: allowNewline) {
            return (offset, s)
        }
        return nil
    }

    /// A description of what is wrong with output bytes meant for a terminal (or JSON text read
    /// by one), or nil when they are valid UTF-8 with nothing forbidden but newlines.
    public static func problem(inOutput bytes: some Collection<UInt8>) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return "output is not valid UTF-8" }
        if let bad = firstForbidden(in: text, allowNewline: true) {
            return "U+\(String(bad.scalar.value, radix: 16, uppercase: true)) at scalar \(bad.offset)"
        }
        return nil
    }

    /// Every string of a parsed page that is unsafe, as `field: problem`; empty when all are clean.
    /// A page's strings are single lines, so newlines are forbidden too.
    public static func problems(in page: ParsedPage) -> [String] {
        var fields: [(String, String?)] = [("headline", page.headline), ("summary", page.summary),
                                           ("category", page.category), ("url", page.url),
                                           ("author", page.author), ("siteName", page.siteName)]
        for (n, block) in page.body.blocks.enumerated() { fields.append(("body[\(n)]", block.text)) }
        for (n, credit) in page.body.imageCredits.enumerated() { fields.append(("credit[\(n)]", credit)) }
        for (n, teaser) in page.teasers.enumerated() {
            fields.append(("teaser[\(n)].headline", teaser.headline))
            fields.append(("teaser[\(n)].summary", teaser.summary))
        }
        for (n, link) in page.body.links.enumerated() {
            fields.append(("link[\(n)].text", link.text))
            fields.append(("link[\(n)].url", link.url))
        }
        for (n, reading) in page.weather.enumerated() { fields.append(("weather[\(n)].region", reading.region)) }
        return fields.compactMap { name, text in
            guard let text, let bad = firstForbidden(in: text) else { return nil }
            return "\(name): U+\(String(bad.scalar.value, radix: 16, uppercase: true)) at scalar \(bad.offset)"
        }
    }
}
