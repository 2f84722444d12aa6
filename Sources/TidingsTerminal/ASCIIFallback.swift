import Foundation

/// What a cell shows when the terminal runs under a locale that is not UTF-8 and none can be
/// chosen (no C.UTF-8 on the system): curses would turn a character outside ASCII into bytes
/// the terminal cannot show (garbage, or `M-b` escapes). Each grapheme becomes one printable
/// ASCII character instead: lines and corners of boxes stay lines and corners, a letter with
/// accents its base letter, anything else `?`. Pure, so it is tested directly.
public enum ASCIIFallback {
    public static func replacement(for grapheme: String) -> String {
        guard let first = grapheme.unicodeScalars.first else { return " " }
        if grapheme.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return String(grapheme.prefix(1))  // one cell: one character
        }
        if let symbol = symbols[first.value] { return symbol }
        switch first.value {
        case 0x2500...0x257F:  // box drawing: lines by direction, everything else a corner
            return boxLine(first.value)
        case 0x2580...0x259F:  // blocks and shades
            return "#"
        default:
            break
        }
        // A letter with marks (é, Å, ṡ): its canonical decomposition starts with the base letter.
        if let base = grapheme.decomposedStringWithCanonicalMapping.unicodeScalars.first,
           base.value >= 0x21 && base.value < 0x7F {
            return String(Character(base))
        }
        return "?"
    }

    /// The whole string, grapheme by grapheme (for tests and for any text outside a Buffer).
    public static func ascii(_ text: String) -> String {
        text.map { replacement(for: String($0)) }.joined()
    }

    private static func boxLine(_ value: UInt32) -> String {
        switch value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E:
            return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F:
            return "|"
        default:
            return "+"
        }
    }

    private static let symbols: [UInt32: String] = [
        0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " ",
        0x00B0: "o",  // 31.0°C reads 31.0oC
        0x00B7: ".", 0x2022: "*", 0x25CF: "*", 0x25CB: "o", 0x25CC: "o", 0x25E6: "o", 0x2219: ".",
        0x2018: "'", 0x2019: "'", 0x201A: ",", 0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x00AB: "<", 0x00BB: ">",
        0x2039: "<", 0x203A: ">", 0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
        0x2026: ".", 0x00D7: "x", 0x00F7: "/",
        0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x25B2: "^", 0x25BC: "v", 0x25B6: ">", 0x25C0: "<",
        0x25B8: ">", 0x25C2: "<", 0x25B4: "^", 0x25BE: "v", 0x2713: "v", 0x2714: "v", 0x2717: "x", 0x2718: "x",
        0x00A9: "c", 0x00AE: "r", 0x2122: "t", 0x00DF: "s", 0x00E6: "a", 0x00C6: "A", 0x00F8: "o", 0x00D8: "O",
        0x0141: "L", 0x0142: "l", 0x0131: "i", 0x00F0: "d", 0x00D0: "D", 0x00FE: "p", 0x00DE: "P",
        0xFFFD: "?",
    ]
}
