import Foundation
import Testing
import TestSupport
@testable import TidingsTerminal

/// The reader on awkward terminals (issue 6): TERM=dumb, locales that are not UTF-8 (with and
/// without C.UTF-8 on the system), every size from 1x1 to 300x100, and a burst of resizes.
@Suite(.serialized)
struct ReaderTerminalTests {
    typealias E2E = ReaderEndToEndTests

    /// Runs the reader under `sh` with `prefix` before it (an `env` setting, say), in a pane.
    static func startWrapped(_ sandbox: Sandbox, script: String, width: Int = 120, height: Int = 40,
                             environment: [String: String] = [:], launcher: [String] = []) throws -> TmuxSession {
        let binary = try #require(TidingsBinary.url)
        var env = sandbox.environment(["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        env["NO_COLOR"] = nil
        env.merge(environment) { $1 }
        return try TmuxSession(width: width, height: height,
                               command: launcher + ["sh", "-c", script, "sh", binary.path,
                                                    "--store", sandbox.store.path, "--state", sandbox.state.path],
                               environment: env)
    }

    // MARK: - TERM

    @Test func aDumbTerminalIsRefusedWithAMessageAndAVT100Works() throws {
        let sandbox = try E2E.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        // The refusal is over within milliseconds of the pane's start, which tmux can miss (a
        // loaded machine showed a dead pane with nothing on it): the script waits for a line.
        let dumb = try Self.startWrapped(sandbox, script: "echo READY; read go; env TERM=dumb \"$@\"; echo EXITED $?", height: 10)
        defer { dumb.close() }
        try dumb.waitFor("READY")
        try dumb.send("Enter")
        let screen = try dumb.waitFor("EXITED")
        #expect(screen.contains("EXITED 1"))
        #expect(screen.contains("TERM=dumb cannot move the cursor"), "\(screen)")
        #expect(!screen.contains("unread /"))
        dumb.close()

        // A plain but capable terminal type (no colours to speak of): the reader runs.
        let vt100 = try Self.startWrapped(sandbox, script: "env TERM=vt100 \"$@\"; echo EXITED $?")
        defer { vt100.close() }
        try E2E.waitForList(vt100)
        try vt100.send("m")
        try vt100.waitFor("3 unread / 4")
        try vt100.send("q")
        try vt100.waitFor("EXITED 0")
    }

    // MARK: - Locales

    /// What a correct screen of the sandbox shows: the degree sign, the unread bullet, the
    /// divider, accented body text, and none of the forms curses gives characters it cannot
    /// show in a non-UTF-8 locale (`M-b`, `~@`).
    static func expectUnicodeScreen(_ tmux: TmuxSession, _ what: String) throws {
        _ = try E2E.waitForList(tmux)
        // On a first run the weather bar can follow the list by a moment (a busy machine): wait.
        var screen = try tmux.waitFor("Singapore 31.0°C")
        #expect(E2E.isUnread(screen, E2E.coffee) == true, "\(what): \(screen)")
        #expect(screen.contains(" │ "), "\(what): \(screen)")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Cafés expect to raise prices")
        #expect(!screen.contains("M-") && !screen.contains("~@"), "\(what): \(screen)")
        try tmux.send("h", "q")
        try tmux.waitFor("EXITED 0")
    }

    @Test func aNonUTF8LocaleFallsBackToCUTF8() throws {
        let settings: [(String, [String: String])] = [
            ("LANG=C", ["LANG": "C", "LC_ALL": ""]),
            ("LC_ALL=POSIX", ["LC_ALL": "POSIX"]),
            ("LC_CTYPE=C, LANG unset", ["LANG": "", "LC_ALL": "", "LC_CTYPE": "C"]),
            ("a UTF-8 locale that is not installed", ["LANG": "xx_XX.UTF-8", "LC_ALL": ""]),
        ]
        for (what, environment) in settings {
            let sandbox = try E2E.makeSandbox()
            defer { try? FileManager.default.removeItem(at: sandbox.root) }
            let tmux = try E2E.startReader(sandbox, environment: environment)
            defer { tmux.close() }
            try Self.expectUnicodeScreen(tmux, what)
        }
    }

    /// A Latin-1 locale, compiled for the test with localedef into a folder of its own (LOCPATH).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/localedef")
                   && FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/en_US")))
    func aLatin1LocaleFallsBackToCUTF8() throws {
        let sandbox = try E2E.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let locales = sandbox.root.appendingPathComponent("locales")
        try FileManager.default.createDirectory(at: locales, withIntermediateDirectories: true)
        let made = try ChildProcess.run("/usr/bin/localedef", ["-i", "en_US", "-f", "ISO-8859-1",
                                                               locales.appendingPathComponent("en_US.ISO-8859-1").path])
        try #require(made.status == 0 || made.status == 1, "localedef failed: \(made.stderr)")  // 1: warnings only
        let tmux = try E2E.startReader(sandbox, environment: ["LOCPATH": locales.path, "LANG": "en_US.ISO-8859-1", "LC_ALL": ""])
        defer { tmux.close() }
        try Self.expectUnicodeScreen(tmux, "LANG=en_US.ISO-8859-1")
    }

    static let canHideLocales: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? ChildProcess.run("/usr/bin/unshare", ["-m", "sh", "-c", "mount -t tmpfs tmpfs /usr/lib/locale"])
        return probe?.status == 0
    }()

    /// A system without C.UTF-8: the pane's process gets a private mount namespace with an
    /// empty /usr/lib/locale. The reader draws ASCII replacements, never curses' escapes.
    @Test(.enabled(if: canHideLocales, "needs root and unshare to hide the system's locales"))
    func withoutAnyUTF8LocaleTheReaderDrawsASCII() throws {
        let sandbox = try E2E.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let tmux = try Self.startWrapped(
            sandbox, script: "mount -t tmpfs tmpfs /usr/lib/locale || exit 9; echo READY; \"$@\"; echo EXITED $?",
            environment: ["LANG": "C", "LC_ALL": "", "TERM": "screen-256color"], launcher: ["/usr/bin/unshare", "-m"])
        defer { tmux.close() }
        var screen = try tmux.waitUntil("the list") { $0.contains("unread / 4") }
        #expect(screen.unicodeScalars.allSatisfy { $0.value < 0x80 }, "\(screen)")
        #expect(screen.contains("Singapore 31.0oC"), "\(screen)")
        #expect(screen.split(separator: "\n").contains { $0.hasPrefix(" * ") && $0.contains(E2E.coffee) }, "\(screen)")
        #expect(screen.contains(" | "), "the divider: \(screen)")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Cafes expect to raise prices")
        #expect(screen.unicodeScalars.allSatisfy { $0.value < 0x80 })
        #expect(!screen.contains("M-") && !screen.contains("~@"), "\(screen)")
        try tmux.send("h", "q")
        try tmux.waitFor("EXITED 0")
    }

    @Test func asciiReplacementsKeepOneCellPerGraphemeAndTheirMeaning() {
        #expect(ASCIIFallback.ascii("Singapore 31.0°C") == "Singapore 31.0oC")
        #expect(ASCIIFallback.ascii("┌─┐│└┘├┤") == "+-+|++++")
        #expect(ASCIIFallback.ascii("● Cafés “naïve” — São Paulo…") == "* Cafes \"naive\" - Sao Paulo.")
        #expect(ASCIIFallback.ascii("日本🇸🇬👩‍💻") == "????")
        #expect(ASCIIFallback.replacement(for: "e\u{301}") == "e")
        #expect(ASCIIFallback.replacement(for: "") == " ")
        for scalar in (0x80 as UInt32)...0x2FFF {
            guard let s = Unicode.Scalar(scalar) else { continue }
            let out = ASCIIFallback.replacement(for: String(s))
            #expect(out.count == 1 && out.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "U+\(String(scalar, radix: 16))")
        }
    }

    // MARK: - Sizes

    @Test func everySizeFromOneByOneToThreeHundredByAHundred() throws {
        let sandbox = try E2E.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let tmux = try E2E.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        let sizes = [(1, 1), (1, 5), (5, 1), (2, 2), (19, 40), (120, 4), (18, 2), (19, 4), (20, 4), (19, 5),
                     (20, 5), (21, 6), (40, 10), (80, 24), (99, 30), (100, 30), (160, 50), (300, 100)]
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            try tmux.waitUntil("a \(width)x\(height) window") { _ in
                (try? tmux.windowSize()).map { $0 == (width, height) } ?? false
            }
            let tooSmall = width < 20 || height < 5
            let screen = try tmux.waitUntil("the screen for \(width)x\(height)") { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                guard rows.allSatisfy({ $0.count <= width }) else { return false }
                if tooSmall {
                    // Exactly the notice for this size (a stale frame of another size differs).
                    // A 1x1 screen is only its bottom-right cell, which curses may leave blank.
                    let shown = rows.prefix(height).map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
                    let expected = Self.tooSmallNotice(width: width, height: height)
                    return shown == expected || (width == 1 && height == 1 && shown.allSatisfy(\.isEmpty))
                }
                guard screen.contains(E2E.coffee.prefix(min(width - 7, E2E.coffee.count))) else { return false }
                // The frame for this size, not the last one (which may fit inside it): from 40
                // columns the status line reaches the right edge with its count.
                if width >= 40 && !rows.contains(where: { $0.count >= width - 1 && $0.hasSuffix("unread") }) { return false }
                return width < 100 || screen.contains(" │ ")
            }
            #expect(!screen.contains("EXITED"), "the reader ended at \(width)x\(height)")
            if width >= 40 && height >= 10 { #expect(screen.contains("4 unread / 4"), "\(width)x\(height): \(screen)") }
            if width >= 100 && !tooSmall { #expect(screen.contains(" │ "), "split at \(width): \(screen)") }
        }
        // Still answering keys at the largest size.
        try tmux.send("m")
        try tmux.waitFor("3 unread / 4")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }

    /// The rows of the "too small" notice at `width` x `height`, as the user should see them:
    /// two lines, centred, each cut with an ellipsis to the width (trailing blanks dropped).
    static func tooSmallNotice(width: Int, height: Int) -> [String] {
        var rows = Array(repeating: "", count: height)
        let top = max(0, (height - 2) / 2)
        for (i, line) in ["Terminal too small", "need 20x5"].enumerated() where top + i < height {
            let text = line.count <= width ? line : String(line.prefix(width - 1)) + "…"
            rows[top + i] = String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
        }
        return rows
    }

    /// 100 resizes as fast as tmux takes them, then the screen is exactly what a reader started
    /// at the final size shows, and keys still work.
    @Test func aBurstOfAHundredResizesEndsWithTheRightScreen() throws {
        let sandbox = try E2E.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let (finalWidth, finalHeight) = (97, 31)
        let fresh = try E2E.startReader(sandbox, width: finalWidth, height: finalHeight)
        defer { fresh.close() }
        let expected = try fresh.waitFor("4 unread / 4")
        try fresh.send("q")
        try fresh.waitFor("EXITED 0")
        fresh.close()

        let tmux = try E2E.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        var seed: UInt64 = 0x5EED
        for n in 0..<99 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let width = n % 10 == 0 ? 1 + Int(seed >> 60) : 10 + Int((seed >> 33) % 250)
            let height = n % 10 == 0 ? 1 + Int((seed >> 56) % 4) : 3 + Int((seed >> 20) % 80)
            try tmux.resize(width: width, height: height)
        }
        try tmux.resize(width: finalWidth, height: finalHeight)
        // Everything but the status line, whose message (a start-up notice, the key hints)
        // depends on what happened before, not on the size.
        func body(_ screen: String) -> [Substring] { Array(screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2)) }
        let screen = try tmux.waitUntil("the screen of a fresh \(finalWidth)x\(finalHeight) reader") { body($0) == body(expected) }
        #expect(body(screen) == body(expected), "expected:\n\(expected)")
        let status = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.count >= finalWidth - 1 && status.hasSuffix("4/4 unread"), "\(status)")
        try tmux.send("G", "m")
        try tmux.waitFor("3 unread / 4")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }
}
