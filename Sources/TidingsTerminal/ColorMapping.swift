import TidingsUI

/// Maps theme colours onto the colours a terminal has: 256-colour terminals get the nearest
/// xterm cube or grey index, 8/16-colour terminals the nearest ANSI colour. Pure.
struct ColorMapping {
    /// How many colours the terminal reports (curses' COLORS).
    let colorCount: Int

    /// A curses colour number for `color`, or nil for the terminal default.
    func index(for color: Color) -> Int? {
        switch color {
        case .default:
            return nil
        case .indexed(let i):
            if Int(i) < colorCount { return Int(i) }
            return nearest(Self.rgb(ofXterm: Int(i)))
        case .rgb(let r, let g, let b):
            return nearest((Int(r), Int(g), Int(b)))
        }
    }

    private func nearest(_ c: (Int, Int, Int)) -> Int {
        if colorCount >= 256 { return Self.nearestXterm256(c) }
        let limit = colorCount >= 16 ? 16 : 8
        var best = 0, bestDistance = Int.max
        for i in 0..<limit {
            let d = Self.distance(c, Self.rgb(ofXterm: i))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// Nearest of the 6x6x6 cube and the 24 greys (16-255). The ANSI 0-15 are left out on
    /// purpose: users retheme them, so an exact #rrggbb must not land on them.
    static func nearestXterm256(_ c: (Int, Int, Int)) -> Int {
        func cubeStep(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let (r, g, b) = (cubeStep(c.0), cubeStep(c.1), cubeStep(c.2))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (c.0 + c.1 + c.2) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(c, rgb(ofXterm: cubeIndex))
        let greyDistance = distance(c, rgb(ofXterm: greyIndex))
        return greyDistance < cubeDistance ? greyIndex : cubeIndex
    }

    /// The usual xterm palette for index 0-255.
    static func rgb(ofXterm i: Int) -> (Int, Int, Int) {
        switch i {
        case 0..<16:
            return ansi[i]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let n = i - 16
            return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
        default:
            let v = 8 + 10 * (i - 232)
            return (v, v, v)
        }
    }

    private static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Squared distance weighted for the eye (red 2, green 4, blue 3): cheap and good enough.
    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
