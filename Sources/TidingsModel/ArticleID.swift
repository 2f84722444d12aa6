/// An article id: 16 lowercase hex digits of a 64-bit FNV-1a hash of the normalised headline.
/// FNV-1a rather than Swift's `Hasher`, which is seeded per process and so not stable.
public struct ArticleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard rawValue.utf8.count == 16, rawValue.utf8.allSatisfy(ArticleID.isHexDigit) else { return nil }
        self.rawValue = rawValue
    }

    /// The id of the article with this headline.
    public init(headline: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ArticleID.normalise(headline).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        rawValue = String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Case, white space and punctuation do not tell two headlines apart.
    public static func normalise(_ headline: String) -> String {
        var out = ""
        out.reserveCapacity(headline.utf8.count)
        var pendingSpace = false
        for scalar in headline.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else if p.isWhitespace || p.generalCategory.isPunctuationOrSymbol {
                pendingSpace = true
            }
            // Marks (accents written as combining characters) are kept; everything else dropped.
            else if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public var description: String { rawValue }

    /// The short form lists print; any unique prefix of the id is accepted.
    public var short: String { String(rawValue.prefix(8)) }

    public static func < (a: ArticleID, b: ArticleID) -> Bool { a.rawValue < b.rawValue }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
