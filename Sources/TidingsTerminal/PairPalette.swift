@preconcurrency import CNcurses
import TidingsUI

/// Curses colour pairs allocated on demand, one per (foreground, background) in use.
final class PairPalette {
    private let mapping: ColorMapping
    private let pairLimit: Int
    /// With use_default_colors, -1 is the terminal's own colour; without it, white on black.
    private let terminalDefaults: Bool
    private var pairs: [Key: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct Key: Hashable {
        let foreground: Int16
        let background: Int16
    }

    init(colorCount: Int, pairLimit: Int, terminalDefaults: Bool) {
        mapping = ColorMapping(colorCount: colorCount)
        self.pairLimit = pairLimit
        self.terminalDefaults = terminalDefaults
    }

    /// The pair for these colours; 0 (the default pair) when both are default or pairs ran out.
    func pair(foreground: Color, background: Color) -> Int32 {
        let key = Key(foreground: number(foreground, isForeground: true),
                      background: number(background, isForeground: false))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < pairLimit, init_pair(Int16(nextPair), key.foreground, key.background) == tidings_ok()
        else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    private func number(_ color: Color, isForeground: Bool) -> Int16 {
        if let index = mapping.index(for: color) { return Int16(index) }
        if terminalDefaults { return -1 }
        return isForeground ? 7 : 0
    }
}
