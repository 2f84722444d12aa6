/// Text from stored pages is untrusted. Everything that leaves a parser goes through `clean`,
/// so no control character, escape sequence or bidi override ever reaches a terminal.
public enum TextSanitizer {
    /// Removes C0/C1 controls (tab becomes a space), ESC-introduced sequences (CSI, OSC, DCS,
    /// APC, PM, SOS) with their payload, and bidi embedding/override/isolate characters.
    public static func clean(_ text: some StringProtocol) -> String {
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
