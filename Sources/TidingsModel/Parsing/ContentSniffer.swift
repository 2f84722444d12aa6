/// Decides, from the bytes, whether a stored file is text worth parsing.
enum ContentSniffer {
    /// How much of the file the binary check looks at: enough to tell text from binary, cheap for
    /// every page. Control bytes later in a file are removed by the sanitiser anyway.
    static let sampleSize = 2048

    /// A reason to skip the file, or nil when it looks like text.
    static func binaryReason(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        let end = min(p.count, start + sampleSize)
        var suspicious = 0
        var i = start
        let base = p.baseAddress!
        while i < end {
            // Eight plain printable ASCII bytes at a time: the common case.
            if i + 8 <= end && SWAR.isPrintableASCII(SWAR.load(base + i)) {
                i += 8
                continue
            }
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

/// Eight bytes at a time ("SIMD within a register") for the hot byte loops.
enum SWAR {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// No byte has the high bit set, none is below 0x20, none is 0x7F.
    @inline(__always)
    static func isPrintableASCII(_ x: UInt64) -> Bool {
        let below20 = (x &- ones &* 0x20) & ~x & highs
        let is7F = hasZero(x ^ (ones &* 0x7F))
        return (x & highs) | below20 | is7F == 0
    }

    /// Some byte is zero.
    @inline(__always)
    static func hasZero(_ x: UInt64) -> UInt64 {
        (x &- ones) & ~x & highs
    }
}
