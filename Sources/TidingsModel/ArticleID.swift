/// An article id: 16 lowercase hex digits of a 64-bit FNV-1a hash of the normalised headline.
/// FNV-1a rather than Swift's `Hasher`, which is seeded per process and so not stable.
public struct ArticleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Held as the number: 8 bytes and no allocation per article (a 16-character String would need one).
    let hash64: UInt64

    /// The 16 hex digits.
    public var rawValue: String {
        let hex = String(hash64, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public init?(rawValue: String) {
        guard rawValue.utf8.count == 16, rawValue.utf8.allSatisfy(ArticleID.isHexDigit),
              let value = UInt64(rawValue, radix: 16) else { return nil }
        hash64 = value
    }

    /// The id of the article with this headline.
    public init(headline: String) {
        self.init(hash: ArticleID.hash64(headline: headline))
    }

    /// The id whose hash is `hash` (see `hash64(headline:)`).
    package init(hash: UInt64) {
        hash64 = hash
    }

    /// FNV-1a of `normalise(headline)`. ASCII headlines (most of them) take a path that gives the
    /// same result without building the normalised string.
    package static func hash64(headline: String) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var headline = headline
        let ascii: Bool? = headline.withUTF8 { bytes in
            var pendingSpace = false
            var wroteAny = false
            for var b in bytes {
                if b >= 0x80 { return false }
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                let alnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                if alnum {
                    if pendingSpace && wroteAny {
                        hash ^= 0x20
                        hash &*= prime
                    }
                    pendingSpace = false
                    wroteAny = true
                    hash ^= UInt64(b)
                    hash &*= prime
                } else if b >= 0x20 && b < 0x7F || (b >= 0x09 && b <= 0x0D) {
                    // ASCII punctuation, symbols and white space all separate words, as in `normalise`.
                    pendingSpace = true
                }
            }
            return true
        }
        if ascii == true { return hash }
        hash = 0xcbf2_9ce4_8422_2325
        for byte in ArticleID.normalise(headline).utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// Case, white space and punctuation do not tell two headlines apart.
    public static func normalise(_ headline: String) -> String {
        normaliseASCII(headline) ?? normaliseScalars(headline)
    }

    /// `normaliseScalars` for an ASCII headline (most are), on bytes: an ASCII letter or digit is
    /// alphanumeric, every other printable character punctuation or a symbol, and 0x09-0x0D
    /// white space; other controls are dropped. nil for text that is not ASCII.
    static func normaliseASCII(_ headline: String) -> String? {
        var headline = headline
        return headline.withUTF8 { bytes -> String? in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                switch b {
                case 0x80...: return nil
                case 0x30...0x39, 0x61...0x7A, 0x41...0x5A:
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                case 0x09...0x0D, 0x20...0x7E:
                    pendingSpace = true
                default:
                    break
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func normaliseScalars(_ headline: String) -> String {
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

    /// Same order as the hex strings (fixed width), without making them.
    public static func < (a: ArticleID, b: ArticleID) -> Bool { a.hash64 < b.hash64 }

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
