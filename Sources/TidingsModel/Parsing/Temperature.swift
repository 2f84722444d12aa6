/// Recognises a weather temperature line: `30.3 C`, `-2°C`, `−4 °C`, `86 F` (converted to Celsius).
enum Temperature {
    enum Match: Equatable {
        case celsius(Double)
        /// Ends in a unit but the value is not a plain number in a plausible range
        /// (`1e309 C`, `NaN C`, `999 C`): dropped, never a reading.
        case rejected
        case notATemperature
    }

    /// Readings outside this range (after conversion) are not weather.
    static let plausible: ClosedRange<Double> = -90...60

    static func match(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Match {
        guard line.count >= 2, line.count <= 16 else { return .notATemperature }
        var e = line.end
        var unit = p[e - 1] | 0x20
        guard unit == 0x63 || unit == 0x66 else { return .notATemperature }  // c / f
        unit = unit == 0x63 ? 0x43 : 0x46
        e -= 1
        if e - 2 >= line.start && p[e - 2] == 0xC2 && p[e - 1] == 0xB0 { e -= 2 }  // °
        while e > line.start && p[e - 1] == 0x20 { e -= 1 }
        var s = line.start
        guard e > s else { return .notATemperature }
        // From here on the line is "<something> <unit>": a temperature or a rejected one.
        // One more guard against ordinary words ending in c/f: the value must start with a
        // sign, digit or dot, or be one of the non-numbers Double would accept.
        var negative = false
        if p[s] == 0x2D || p[s] == 0x2B {
            negative = p[s] == 0x2D
            s += 1
        } else if e - s >= 3 && p[s] == 0xE2 && p[s + 1] == 0x88 && p[s + 2] == 0x92 {  // U+2212 minus
            negative = true
            s += 3
        }
        guard s < e else { return .rejected }
        let signed = s != line.start
        var mantissa = 0, fractionDigits = 0, digits = 0, sawDot = false
        for k in s..<e {
            let b = p[k]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if digits > 6 { return .rejected }
                mantissa = mantissa * 10 + Int(b - 0x30)
                if sawDot { fractionDigits += 1 }
            } else if (b == 0x2E || b == 0x2C) && !sawDot {  // `30.3 C`, decimal comma `30,3 C`
                sawDot = true
            } else {
                // `1e309 C`, `NaN C`, `inf C`: number-like but not a plain decimal, so rejected.
                // A word that merely ends in c or f (`Traffic`) is not a temperature at all.
                let first = p[s]
                let numeric = (first >= 0x30 && first <= 0x39) || first == 0x2E
                return numeric || signed || isNonNumber(p, s, e) ? .rejected : .notATemperature
            }
        }
        guard digits > 0 else { return .rejected }
        var value = Double(mantissa)
        for _ in 0..<fractionDigits { value /= 10 }
        if negative { value = -value }
        if unit == 0x46 { value = ((value - 32) * 5 / 9 * 10).rounded() / 10 }
        guard value.isFinite, plausible.contains(value) else { return .rejected }
        return .celsius(value)
    }

    private static func isNonNumber(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var word: [UInt8] = []
        for k in s..<e { word.append(p[k] | 0x20) }
        return word == Array("nan".utf8) || word == Array("inf".utf8) || word == Array("infinity".utf8)
    }
}
