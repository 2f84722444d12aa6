/// Decides, from the bytes, whether a stored file is text worth parsing.
enum ContentSniffer {
    /// How much of the file the binary check looks at; enough to be sure, cheap for big files.
    static let sampleSize = 8192

    /// A reason to skip the file, or nil when it looks like text.
    static func binaryReason(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        let end = min(p.count, start + sampleSize)
        var suspicious = 0
        var i = start
        while i < end {
            let b = p[i]
            if b < 0x80 {
                if b == 0 { return "binary file (contains NUL bytes)" }
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B) || b == 0x7F {
                    suspicious += 1
                }
                i += 1
                continue
            }
            // Count invalid UTF-8 sequences; a valid one is skipped whole.
            let need: Int
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0...0xEF: need = 2
            case 0xF0...0xF4: need = 3
            default: need = -1
            }
            if need < 0 { suspicious += 1; i += 1; continue }
            var ok = true
            for k in 1...need {
                if i + k >= end { break }  // cut by the sample (or the file): not held against it
                if p[i + k] & 0xC0 != 0x80 { ok = false; break }
            }
            if ok { i += need + 1 } else { suspicious += 1; i += 1 }
        }
        let sampled = end - start
        if sampled > 0 && suspicious * 10 > sampled {
            return "not text (\(suspicious) of the first \(sampled) bytes are control bytes or invalid UTF-8)"
        }
        return nil
    }

    /// Where text ends once a UTF-8 sequence cut off by the end of the file is dropped, so a page
    /// cut mid-character ends cleanly instead of with a replacement character.
    static func endDroppingCutSequence(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var e = p.count
        var back = 0
        while e - back - 1 >= 0 && back < 3 && p[e - back - 1] & 0xC0 == 0x80 { back += 1 }
        let leadIndex = e - back - 1
        guard leadIndex >= 0 else { return e }
        let lead = p[leadIndex]
        let need: Int
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0...0xEF: need = 2
        case 0xF0...0xF4: need = 3
        default: return e
        }
        if back < need { e = leadIndex }
        return e
    }
}
