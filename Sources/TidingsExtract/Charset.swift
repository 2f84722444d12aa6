/// Picks the encoding to decode a page with: UTF-8 when the bytes are valid UTF-8 (many pages declare
/// a charset they do not use), else the charset the page declares, else windows-1252.
enum Charset {
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // Pages are mostly ASCII: skip it eight bytes at a time, decode only from the first high byte.
        let firstHigh: Int = bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return i }
                i += 8
            }
            return i
        }
        var it = bytes[firstHigh...].makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Share of invalid UTF-8 sequences among non-ASCII ones; a UTF-8 page with a few broken bytes
    /// (a cut-off multi-byte character, one stray Latin byte) stays UTF-8.
    static func invalidUTF8Share(_ bytes: [UInt8]) -> Double {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var good = 0, bad = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): if s.value >= 0x80 { good += 1 }
            case .emptyInput: return good + bad == 0 ? 0 : Double(bad) / Double(good + bad)
            case .error: bad += 1
            }
        }
    }

    /// The `charset=` of a `<meta charset>` or `http-equiv` tag (or an XML declaration's `encoding=`)
    /// in the first 8 KB, lowercased.
    static func declared(in bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, 8192)
        let keys: [[UInt8]] = [Array("charset".utf8), Array("encoding".utf8)]
        var i = 0
        while i < limit {
            for key in keys where matchesLowercased(bytes, at: i, key) {
                var j = i + key.count
                while j < limit, bytes[j] == 0x20 { j += 1 }
                guard j < limit, bytes[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < limit, bytes[j] == 0x20 || bytes[j] == 0x22 || bytes[j] == 0x27 { j += 1 }
                var name = [UInt8]()
                while j < limit, name.count < 40 {
                    let c = bytes[j] | 0x20
                    let ok = (c >= 0x61 && c <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39)
                        || bytes[j] == 0x2D || bytes[j] == 0x5F || bytes[j] == 0x3A || bytes[j] == 0x2E
                    if !ok { break }
                    name.append((bytes[j] >= 0x41 && bytes[j] <= 0x5A) ? bytes[j] | 0x20 : bytes[j])
                    j += 1
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// The name to hand to libxml2's converters. Latin-1 and ASCII labels mean windows-1252 on the web.
    static func decoderName(declared: String?) -> String {
        guard let d = declared else { return "windows-1252" }
        if let wider = superset(of: d) { return wider }
        switch d {
        case "utf8", "utf-8", "unicode-1-1-utf-8":
            return "windows-1252"  // declared UTF-8 but invalid: the common mistake is a Latin page
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii", "cp1252", "l1":
            return "windows-1252"
        default: return d
        }
    }

    /// The encoding pages labelled `label` are really written in, where it is a superset of the
    /// label's (as browsers decode them): Shift_JIS is CP932 (NEC and IBM extensions: ①, ㈱, 髙),
    /// EUC-KR is CP949 (the extended Hangul: 똠, 뷁). Names iconv (glibc) knows.
    static func superset(of label: String) -> String? {
        switch label.lowercased() {
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932":
            return "CP932"
        case "euc-kr", "euc_kr", "euckr", "cseuckr", "ks_c_5601-1987", "ksc5601", "ks_c_5601", "windows-949", "cp949", "uhc":
            return "CP949"
        default: return nil
        }
    }

    static func matchesLowercased(_ bytes: [UInt8], at i: Int, _ key: [UInt8]) -> Bool {
        guard i + key.count <= bytes.count else { return false }
        for k in 0..<key.count {
            let b = bytes[i + k]
            let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if lower != key[k] { return false }
        }
        return true
    }
}
