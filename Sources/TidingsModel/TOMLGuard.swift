/// The TOML that Tidings hands to TOMLKit. toml++ 3 (under TOMLKit) asserts on malformed input
/// in many places: an abort in a debug build, undefined behaviour (`__builtin_assume`) in a
/// release one. Fuzzing categories.toml and themes hit two (a table header whose key starts with
/// `[`, `=`, `é` or a line break; a date-time like `1979-05-27Tx`), and the parser has some thirty
/// such sites. So instead of chasing them one by one, Tidings' own files are checked against the
/// small part of TOML they need, and only text inside it reaches TOMLKit:
///
/// comments; `[table]` / `[[table]]` headers and dotted keys of bare or quoted (one-line) keys;
/// values that are one-line basic or literal strings with valid escapes, whole numbers, `true` /
/// `false`, arrays (over several lines, nested) and one-line inline tables of those.
///
/// Anything else (dates, floats, multi-line strings, hex numbers) is refused with its line.
public enum TOMLGuard {
    /// The 1-based line and a message when `text` is outside that subset, else nil.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        var scanner = Scanner(Array(text.utf8))
        do {
            try scanner.document()
            return nil
        } catch {
            return (scanner.line, error.message)
        }
    }

    struct Refusal: Error { var message: String }

    struct Scanner {
        let b: [UInt8]
        var i = 0
        var line = 1
        var depth = 0

        init(_ bytes: [UInt8]) {
            b = bytes
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        var peek: UInt8? { i < b.count ? b[i] : nil }

        func refuse(_ what: String) -> Refusal {
            Refusal(message: "\(what) (Tidings reads comments, [tables], keys, one-line strings, whole numbers, true/false, arrays and inline tables)")
        }

        mutating func document() throws(Refusal) {
            while i < b.count {
                spaces()
                guard let c = peek else { return }
                if c == 0x23 || c == 0x0A || c == 0x0D {
                    try endOfLine()
                } else if c == 0x5B {
                    try header()
                } else {
                    try keyValue()
                    try endOfLine()
                }
            }
        }

        mutating func spaces() {
            while let c = peek, c == 0x20 || c == 0x09 { i += 1 }
        }

        /// Optional comment, then a line break or the end of the text.
        mutating func endOfLine() throws(Refusal) {
            spaces()
            if peek == 0x23 {
                i += 1
                while let c = peek, c != 0x0A, c != 0x0D {
                    if c < 0x20 && c != 0x09 || c == 0x7F { throw refuse("control character in a comment") }
                    i += 1
                }
            }
            guard let c = peek else { return }
            if c == 0x0D {
                i += 1
                guard peek == 0x0A else { throw refuse("carriage return without a line feed") }
            }
            guard peek == 0x0A else { throw refuse("unexpected text after a value") }
            i += 1
            line += 1
        }

        /// Spaces, line breaks and comments, inside an array.
        mutating func blankLines() throws(Refusal) {
            while true {
                spaces()
                guard let c = peek, c == 0x23 || c == 0x0A || c == 0x0D else { return }
                try endOfLine()
            }
        }

        mutating func header() throws(Refusal) {
            i += 1
            let double = peek == 0x5B
            if double { i += 1 }
            try dottedKey()
            guard peek == 0x5D else { throw refuse("a table header must end with ]") }
            i += 1
            if double {
                guard peek == 0x5D else { throw refuse("a [[table]] header must end with ]]") }
                i += 1
            }
            try endOfLine()
        }

        mutating func dottedKey() throws(Refusal) {
            while true {
                spaces()
                try key()
                spaces()
                guard peek == 0x2E else { return }
                i += 1
            }
        }

        mutating func key() throws(Refusal) {
            guard let c = peek else { throw refuse("a key is missing") }
            if c == 0x22 || c == 0x27 {
                try string()
                return
            }
            let start = i
            while let c = peek, isBare(c) { i += 1 }
            if i == start { throw refuse("a key must be letters, digits, _ and - or a quoted string") }
        }

        mutating func keyValue() throws(Refusal) {
            try dottedKey()
            guard peek == 0x3D else { throw refuse("expected = after the key") }
            i += 1
            spaces()
            try value()
        }

        mutating func value() throws(Refusal) {
            guard let c = peek else { throw refuse("a value is missing") }
            depth += 1
            defer { depth -= 1 }
            if depth > 32 { throw refuse("values nested too deeply") }
            switch c {
            case 0x22, 0x27:
                try string()
            case 0x5B:
                try array()
            case 0x7B:
                try inlineTable()
            case 0x74, 0x66:
                if word("true") || word("false") { return }
                throw refuse("unknown value")
            case 0x2B, 0x2D, 0x30...0x39:
                try integer()
            default:
                throw refuse("unsupported value")
            }
        }

        mutating func word(_ w: String) -> Bool {
            let bytes = Array(w.utf8)
            guard i + bytes.count <= b.count, Array(b[i..<i + bytes.count]) == bytes else { return false }
            if i + bytes.count < b.count, isBare(b[i + bytes.count]) { return false }
            i += bytes.count
            return true
        }

        mutating func integer() throws(Refusal) {
            if peek == 0x2B || peek == 0x2D { i += 1 }
            let start = i
            while let c = peek, c >= 0x30 && c <= 0x39 { i += 1 }
            let digits = i - start
            guard digits > 0, digits <= 18 else { throw refuse("a whole number must have 1 to 18 digits") }
            if digits > 1 && b[start] == 0x30 { throw refuse("a whole number must not start with 0") }
            if let c = peek, isBare(c) || c == 0x2E || c == 0x3A {
                throw refuse("unsupported number (dates, times, fractions, hex and _ are not read)")
            }
        }

        /// `"..."` with valid escapes or `'...'`, on one line; multi-line strings are refused.
        mutating func string() throws(Refusal) {
            let quote = b[i]
            if i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote {
                throw refuse("multi-line strings are not read")
            }
            i += 1
            while true {
                guard let c = peek else { throw refuse("string not closed") }
                if c == quote { i += 1; return }
                if c == 0x0A || c == 0x0D { throw refuse("string not closed on its line") }
                if c < 0x20 && c != 0x09 || c == 0x7F { throw refuse("control character in a string") }
                if c == 0x5C && quote == 0x22 {
                    i += 1
                    guard let e = peek else { throw refuse("string not closed") }
                    switch e {
                    case 0x22, 0x5C, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                    case 0x75: i += 1; try hex(4)
                    case 0x55: i += 1; try hex(8)
                    default: throw refuse("unknown escape in a string")
                    }
                    continue
                }
                i += 1
            }
        }

        mutating func hex(_ n: Int) throws(Refusal) {
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let c = peek else { throw refuse("short \\u escape") }
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw refuse("bad hex digit in a \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            if (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { throw refuse("\\u escape is not a Unicode scalar") }
        }

        mutating func array() throws(Refusal) {
            i += 1
            try blankLines()
            while peek != 0x5D {
                try value()
                try blankLines()
                if peek == 0x2C {
                    i += 1
                    try blankLines()
                } else if peek != 0x5D {
                    throw refuse("expected , or ] in an array")
                }
            }
            i += 1
        }

        mutating func inlineTable() throws(Refusal) {
            i += 1
            spaces()
            if peek == 0x7D { i += 1; return }
            while true {
                try keyValue()
                spaces()
                if peek == 0x7D { i += 1; return }
                guard peek == 0x2C else { throw refuse("expected , or } in an inline table") }
                i += 1
                spaces()
            }
        }

        func isBare(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
        }
    }
}
