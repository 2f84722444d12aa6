@preconcurrency import CNcurses
import TidingsUI

/// Curses colour pairs allocated on demand, one per (foreground, background) in use. Theme
/// colours are mapped to the nearest the terminal has (TidingsUI's ColorMapping).
final class PairPalette {
    private let colorCount: Int
    private let depth: ColorDepth
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
        self.colorCount = colorCount
        // Direct-colour terminals get the nearest of 256 too: curses pairs cannot hold RGB.
        depth = colorCount >= 256 ? .indexed256 : colorCount >= 8 ? .ansi16 : .none
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

    /// The curses colour number: -1 for the terminal default.
    func number(_ color: Color, isForeground: Bool) -> Int16 {
        if case .indexed(var index) = color.mapped(to: depth) {
            // 8-colour terminals: the bright half folds onto the normal colours.
            if colorCount < 16 && index >= 8 && index < 16 { index -= 8 }
            if Int(index) < colorCount { return Int16(index) }
        }
        if terminalDefaults { return -1 }
        return isForeground ? 7 : 0
    }
}
