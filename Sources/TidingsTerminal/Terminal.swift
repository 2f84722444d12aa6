@preconcurrency import CNcurses
import TidingsUI
#if canImport(Glibc)
import Glibc
#endif

/// What the main loop gets from the terminal.
public enum TerminalEvent: Hashable, Sendable {
    case key(KeyEvent)
    /// The window changed size; the next paint is a full one.
    case resize(width: Int, height: Int)
    /// SIGINT, SIGTERM or SIGHUP arrived: restore the terminal and leave.
    case signal(Int32)
}

/// The thin ncurses backend: paints Buffers (only the cells that changed) and turns curses
/// input into TerminalEvents. One instance owns the screen from `init` to `stop()`; nothing
/// about it lives in globals apart from the signal flag a handler must be able to reach.
public final class Terminal {
    public struct Options: Sendable {
        /// False (NO_COLOR): attributes only, no colour pairs.
        public var colours: Bool
        /// Report wheel and clicks as KeyEvent.mouse.
        public var mouse: Bool
        /// How long a lone Esc waits for the rest of an escape sequence.
        public var escapeDelayMs: Int32
        public init(colours: Bool = true, mouse: Bool = false, escapeDelayMs: Int32 = 25) {
            self.colours = colours
            self.mouse = mouse
            self.escapeDelayMs = escapeDelayMs
        }
    }

    public private(set) var width: Int
    public private(set) var height: Int
    public var size: (width: Int, height: Int) { (width, height) }

    private var screen: OpaquePointer?
    private var signals: SignalFlag
    private let palette: PairPalette?
    /// The last Buffer painted; nil forces a full paint (start, resize, redraw).
    private var previous: Buffer?
    private var cursorVisible = false
    private var scratch = [wchar_t](repeating: 0, count: 8)
    /// No UTF-8 locale could be chosen: cells outside ASCII are drawn as `ASCIIFallback` says.
    public private(set) var asciiOnly = false

    /// Starts curses on the controlling terminal. Throws, leaving the terminal untouched, when
    /// standard input/output is not a terminal or TERM is unset or unknown.
    public init(options: Options = Options(), environment: [String: String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.termUnset }
        var why: Int32 = 0
        var canAddress: Int32 = 0
        guard tidings_probe_term(term, STDOUT_FILENO, &why, &canAddress) == tidings_ok() else {
            throw TerminalError.termUnknown(term)
        }
        // TERM=dumb (an Emacs shell, a CI log): curses cannot place anything, so every frame
        // would be appended as a stream of text. Say so instead of drawing garbage.
        guard canAddress != 0 else { throw TerminalError.cannotAddressCursor(term) }
        asciiOnly = !Self.chooseLocale()

        // Our handlers go in first: curses only installs its own where it finds the default.
        signals = SignalFlag()
        guard let screen = newterm(term, tidings_stdout(), tidings_stdin()) else {
            signals.restore()
            throw TerminalError.cursesFailed("newterm failed for TERM=\(term)")
        }
        self.screen = screen
        set_term(screen)
        cbreak()  // ^C stays a signal (handled as a flag), unlike raw()
        noecho()
        nonl()
        intrflush(tidings_stdscr(), false)
        keypad(tidings_stdscr(), true)
        set_escdelay(options.escapeDelayMs)
        curs_set(0)
        if options.colours && has_colors() {
            start_color()
            let hasDefault = use_default_colors() == tidings_ok()
            palette = PairPalette(colorCount: Int(tidings_colors()),
                                  pairLimit: Int(min(tidings_color_pairs(), 32767)),
                                  terminalDefaults: hasDefault)
        } else {
            palette = nil
        }
        if options.mouse {
            let mask = tidings_button1_clicked() | tidings_button1_double_clicked()
                | tidings_button4_pressed() | tidings_button5_pressed()
            mousemask(mask, nil)
        }
        width = Int(tidings_cols(tidings_stdscr()))
        height = Int(tidings_lines(tidings_stdscr()))
    }

    deinit { stop() }

    /// Restores the terminal (idempotent): called on quit, on signals and on thrown errors.
    public func stop() {
        guard let screen else { return }
        curs_set(1)
        endwin()
        delscreen(screen)
        self.screen = nil
        signals.restore()
    }

    /// The signal received so far, if any (for loops that do slow work between reads).
    public var pendingSignal: Int32? { signals.pending }

    /// Paints `buffer`, writing only the cells that differ from the last painted one.
    public func paint(_ buffer: Buffer) {
        guard screen != nil else { return }
        let old = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        let w = min(buffer.width, width), h = min(buffer.height, height)
        for y in 0..<h {
            for x in 0..<w {
                let cell = buffer[x, y]
                if let old, old[x, y] == cell { continue }
                if cell.isContinuation { continue }
                put(cell, x: x, y: y)
                // Curses may think a grapheme narrower than the buffer does: blank the cell
                // it would otherwise leave stale.
                if x + 1 < w, buffer[x + 1, y].isContinuation, scratchWidth < 2 {
                    put(Cell(grapheme: " ", style: cell.style), x: x + 1, y: y)
                }
            }
        }
        placeCursor(buffer.cursor)
        refresh()
        previous = buffer
    }

    /// Forgets what is on screen so the next paint redraws everything (Ctrl-L).
    public func invalidate() {
        previous = nil
        clearok(tidings_curscr(), true)
    }

    /// Waits up to `timeoutMs` for input; nil on timeout. A pending signal wins over input.
    public func readEvent(timeoutMs: Int32) -> TerminalEvent? {
        guard screen != nil else { return nil }
        if let s = signals.pending { return .signal(s) }
        wtimeout(tidings_stdscr(), timeoutMs)
        var wch: wint_t = 0
        let result = wget_wch(tidings_stdscr(), &wch)
        if let s = signals.pending { return .signal(s) }
        if result == tidings_key_code_yes() {
            return keyCode(Int32(bitPattern: wch))
        }
        if result == tidings_ok() {
            return KeyTranslation.character(UInt32(wch)).map(TerminalEvent.key)
        }
        return nil
    }

    // MARK: - Private

    /// The curses width of the first character of the last cell put.
    private var scratchWidth: Int32 = 1

    private func put(_ cell: Cell, x: Int, y: Int) {
        var n = 0
        let grapheme = asciiOnly ? ASCIIFallback.replacement(for: cell.grapheme) : cell.grapheme
        for scalar in grapheme.unicodeScalars {
            if n == scratch.count { break }
            scratch[n] = wchar_t(bitPattern: scalar.value)
            n += 1
        }
        if n == 0 { scratch[0] = 0x20; n = 1 }
        let (attrs, pair) = attributes(for: cell.style)
        scratchWidth = tidings_wcwidth(scratch[0])
        scratch.withUnsafeBufferPointer { chars in
            _ = tidings_put_cell(Int32(y), Int32(x), chars.baseAddress, Int32(n), attrs, pair)
        }
    }

    private var lastStyle: Style?
    private var lastRendition: (attr_t, Int32) = (0, 0)

    private func attributes(for style: Style) -> (attr_t, Int32) {
        if style == lastStyle { return lastRendition }
        var attrs = tidings_a_normal()
        if style.attributes.contains(.bold) { attrs |= tidings_a_bold() }
        if style.attributes.contains(.dim) { attrs |= tidings_a_dim() }
        if style.attributes.contains(.italic) { attrs |= tidings_a_italic() }
        if style.attributes.contains(.underline) { attrs |= tidings_a_underline() }
        if style.attributes.contains(.reverse) { attrs |= tidings_a_reverse() }
        let pair = palette?.pair(foreground: style.foreground, background: style.background) ?? 0
        lastStyle = style
        lastRendition = (attrs, pair)
        return lastRendition
    }

    private func placeCursor(_ position: Buffer.Position?) {
        if let position, position.x < width, position.y < height {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            move(Int32(position.y), Int32(position.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
    }

    private func keyCode(_ code: Int32) -> TerminalEvent? {
        if code == tidings_key_resize() {
            width = Int(tidings_cols(tidings_stdscr()))
            height = Int(tidings_lines(tidings_stdscr()))
            invalidate()
            return .resize(width: width, height: height)
        }
        if code == tidings_key_mouse() {
            var event = MEVENT()
            guard getmouse(&event) == tidings_ok() else { return nil }
            return KeyTranslation.mouse(state: event.bstate, x: Int(event.x), y: Int(event.y)).map(TerminalEvent.key)
        }
        return KeyTranslation.keyCode(code).map(TerminalEvent.key)
    }

    /// Curses shows wide characters only under a UTF-8 locale; take the user's, and when that
    /// is not UTF-8 (LANG=C, POSIX, a Latin-1 locale), use C.UTF-8 for character handling.
    /// Returns false when no UTF-8 locale is in effect (C.UTF-8 is missing): then only ASCII
    /// may be drawn.
    private static func chooseLocale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8() { return true }
        for name in ["C.UTF-8", "C.utf8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return true }
        }
        return false
    }

    private static func isUTF8() -> Bool {
        String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter { $0 != "-" } == "UTF8"
    }
}
