/// Nearest-colour maps for terminals without direct colour. Pure, so the backend and tests
/// share one answer.
public enum ColorMapping {
    /// xterm's default RGB for the 16 ANSI colours.
    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm shows for a 256-colour index.
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansi16[i] }
        if i >= 232 { let v = UInt8(8 + (i - 232) * 10); return (v, v, v) }
        let c = i - 16
        return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// Nearest index among the colour cube and grey ramp (16-255), which unlike 0-15 do not
    /// depend on the user's terminal palette.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let cube = 16 + 36 * nearestLevel(r) + 6 * nearestLevel(g) + nearestLevel(b)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (avg - 8 + 5) / 10))
        let grey = 232 + greyStep
        let target = (r, g, b)
        return distance(rgb(ofIndex: UInt8(grey)), target) < distance(rgb(ofIndex: UInt8(cube)), target)
            ? UInt8(grey) : UInt8(cube)
    }

    /// Nearest of the 16 ANSI colours.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansi16.enumerated() {
            let d = distance(c, (r, g, b))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }
}

/// How many colours the terminal offers.
public enum ColorDepth: Sendable {
    case none, ansi16, indexed256, direct
}

extension Color {
    /// This colour as the terminal can show it: `.default` when it has no colour.
    public func mapped(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .direct): return self
        case (_, .none): return .default
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(ColorMapping.nearest256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .indexed(ColorMapping.nearest16(r, g, b))
        case (.indexed(let i), .ansi16) where i >= 16:
            let c = ColorMapping.rgb(ofIndex: i)
            return .indexed(ColorMapping.nearest16(c.0, c.1, c.2))
        case (.indexed, _): return self
        }
    }
}
