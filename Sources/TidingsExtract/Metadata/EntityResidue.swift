/// Character references left in a value after the parser decoded it once: pages that escape
/// twice (`&amp;#038;` in `og:title`) would show `&#038;` in a headline.
enum EntityResidue {
    private static let named: [Substring: String] = ["amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "nbsp": " ",
                                                      "ndash": "–", "mdash": "—", "hellip": "…", "laquo": "«", "raquo": "»"]

    static func decode(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }  // "&"
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else { out.append("&"); rest = after; continue }
            let name = after[..<semi]
            var replacement: String?
            if name.first == "#" {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let value, value >= 0x20, let scalar = Unicode.Scalar(value) { replacement = String(Character(scalar)) }
            } else {
                replacement = named[name]
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out.append("&")
                rest = after
            }
        }
        out += rest
        return out
    }
}
