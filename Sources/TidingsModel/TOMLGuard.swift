/// Input that the TOML library (TOMLKit over toml++ 3) cannot be given: toml++ asserts (aborts
/// the program in a debug build, undefined behaviour in a release one) on a table header whose
/// key starts with anything but a bare-key character or a quote: `[[[x]]]`, `[=`, `[é]`,
/// `[ é`, `[` then a line break. Found by fuzzing categories.toml and themes. Every TOML text
/// goes through `problem(in:)` before TOMLKit sees it.
public enum TOMLGuard {
    /// The 1-based line and a message when `text` holds such a header, else nil. Such a line is
    /// invalid TOML as a header; in the rare valid case (a line of a multi-line array or string
    /// that starts with `[{` or `[[[`) the file is refused with the same clear message.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        let b = Array(text.utf8)
        // toml++ skips a byte order mark at the start, so the first line starts after it.
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, line = 1
        var atLineStart = true
        while i < b.count {
            let c = b[i]
            if c == 0x0A { line += 1; atLineStart = true; i += 1; continue }
            if atLineStart && (c == 0x20 || c == 0x09) { i += 1; continue }
            if atLineStart && c == 0x5B {
                let double = i + 1 < b.count && b[i + 1] == 0x5B
                var k = i + (double ? 2 : 1)
                while k < b.count && (b[k] == 0x20 || b[k] == 0x09) { k += 1 }
                if k < b.count && !isKeyStart(b[k]) && !(b[k] == 0x5B && !double) {
                    return (line, "invalid table header: a [name] or [[name]] must start with a letter, digit, _, - or a quote")
                }
                i = k
                atLineStart = false
                continue
            }
            atLineStart = false
            i += 1
        }
        return nil
    }

    private static func isKeyStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x5F || c == 0x2D || c == 0x22 || c == 0x27 || c == 0x5D
    }
}
