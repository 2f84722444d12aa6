/// Text from stored pages is untrusted. Everything that leaves a parser goes through `clean`,
/// so no control character, escape sequence or bidi override ever reaches a terminal.
public enum TextSanitizer {
    /// Removes C0/C1 controls (tab becomes a space), ESC-introduced sequences (CSI, OSC, DCS,
    /// APC, PM, SOS) with their payload, and bidi embedding/override/isolate characters.
    public static func clean(_ text: some StringProtocol) -> String {
        // Fast path: most text has nothing to remove, so check the UTF-8 bytes first.
        if let clean = text.utf8.withContiguousStorageIfAvailable({ needsCleaning($0) == false }), clean {
            return String(text)
        }
        return cleanScalars(text)
    }

    /// Decodes UTF-8 (invalid sequences become U+FFFD) and cleans, with the same result as
    /// `clean(String(decoding: bytes, as: UTF8.self))` but without a second pass for clean text.
    public static func clean(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        return needsCleaning(bytes) ? cleanScalars(decoded) : decoded
    }

    /// Whether the UTF-8 bytes hold anything `clean` removes: C0 controls and DEL, C1 controls
    /// (C2 80...C2 9F), the bidi characters U+200E/F, U+202A...E, U+2066...9 (E2 80/81 ..) and
    /// U+061C (D8 9C). Conservative: an answer of true only costs the slow path.
    static func needsCleaning(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        guard let base = p.baseAddress else { return false }
        while i < n {
            if i + 8 <= n && SWAR.isPrintableASCII(SWAR.load(base + i)) {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return true }
                i += 1
                continue
            }
            switch b {
            case 0xC2:
                if i + 1 >= n || (p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) { return true }
            case 0xD8:
                if i + 1 >= n || p[i + 1] == 0x9C { return true }
            case 0xF4:  // U+10FF00... (StoreName's escaped bytes) start F4 8F
                if i + 1 >= n || p[i + 1] == 0x8F { return true }
            case 0xE2:
                guard i + 2 < n else { return true }
                let m = p[i + 1], l = p[i + 2]
                if m == 0x80 && (l == 0x8E || l == 0x8F || (l >= 0xAA && l <= 0xAE)) { return true }
                if m == 0x81 && l >= 0xA6 && l <= 0xA9 { return true }
            default:
                break
            }
            i += 1
        }
        return false
    }

    private static func cleanScalars(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            switch s.value {
            case 0x09:
                out.append(" ")
            case 0x1B:
                skipEscape(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // C1 DCS, SOS, OSC, PM, APC: drop to the terminator
                skipString(&scalars)
            case 0x9B:  // C1 CSI
                skipCSI(&scalars)
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            case StoreName.escapes:  // a raw byte of a file name (StoreName): shown as unknown
                out.append("\u{FFFD}")
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    private static func skipEscape(_ it: inout some IteratorProtocol<Unicode.Scalar>) {
        guard let next = it.next() else { return }
        switch next {
        case "[": skipCSI(&it)
        case "]", "P", "X", "^", "_": skipString(&it)
        default: return  // two-character escape: both dropped
        }
    }

    private static func skipCSI(_ it: inout some IteratorProtocol<Unicode.Scalar>) {
        while let s = it.next() {
            if (0x40...0x7E).contains(s.value) { return }
        }
    }

    /// Until BEL, ST (ESC \) or C1 ST.
    private static func skipString(_ it: inout some IteratorProtocol<Unicode.Scalar>) {
        while let s = it.next() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if s.value == 0x1B { _ = it.next(); return }
        }
    }
}
