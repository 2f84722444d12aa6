/// The one list of section labels that stored pages carry and that are not content.
/// Matched against a whole line, ASCII case-insensitive, with an optional trailing `:`.
public enum SectionLabels {
    public enum Role: Sendable, Equatable {
        /// Introduces other articles of the same site: headline, then (optionally) a one-sentence summary.
        case teasers
        /// Ends the content: what follows are labels whose links were lost, until a teaser label.
        case footer
        /// A single line of boilerplate inside the content, dropped on its own.
        case inline
    }

    public static let all: [(label: String, role: Role)] = [
        ("Hot this week", .teasers),
        ("Trending", .teasers),
        ("Trending now", .teasers),
        ("Latest news", .teasers),
        ("Latest stories", .teasers),
        ("Top stories", .teasers),
        ("Most popular", .teasers),
        ("Most read", .teasers),
        ("More stories", .teasers),
        ("More news", .teasers),
        ("Read next", .teasers),
        ("You may also like", .teasers),
        ("You might also like", .teasers),
        ("Editor's picks", .teasers),
        ("Recommended for you", .teasers),
        ("Related Articles", .footer),
        ("Related posts", .footer),
        ("Related stories", .footer),
        ("Popular Categories", .footer),
        ("Categories", .footer),
        ("Tags", .footer),
        ("Follow us", .footer),
        ("Subscribe to our newsletter", .footer),
        ("Leave a comment", .footer),
        ("Leave a reply", .footer),
        ("Comments", .footer),
        ("About us", .footer),
        ("Contact us", .footer),
        ("Privacy policy", .footer),
        ("Share this article", .inline),
        ("Share this", .inline),
        ("Share", .inline),
        ("Advertisement", .inline),
        ("Sponsored", .inline),
        ("Continue reading", .inline),
        ("Story continues below", .inline),
        ("Read more", .inline),
    ]

    /// Lowercased UTF-8 of each label, grouped by byte length for a cheap first check.
    private static let byLength: [Int: [([UInt8], Role)]] = {
        var map: [Int: [([UInt8], Role)]] = [:]
        for (label, role) in all {
            let bytes = Array(label.lowercased().utf8)
            map[bytes.count, default: []].append((bytes, role))
        }
        return map
    }()
    static let maxLength = all.map { $0.label.utf8.count }.max()! + 1

    static func role(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Role? {
        guard line.count > 0, line.count <= maxLength else { return nil }
        var l = line
        if p[l.end - 1] == 0x3A { l.end -= 1 }  // `Tags:`
        guard let candidates = byLength[l.count] else { return nil }
        for (bytes, role) in candidates where ByteText.equalsLowercase(p, l, bytes) {
            return role
        }
        return nil
    }

    /// The role of a label given as a String (tests, other parsers).
    public static func role(of text: String) -> Role? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buf in
            let p = UnsafeBufferPointer(buf)
            let lines = ByteText.lines(p)
            guard lines.count == 1 else { return nil }
            return role(p, lines[0])
        }
    }
}
