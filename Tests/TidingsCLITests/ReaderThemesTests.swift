import Foundation
import Testing
import TestSupport

/// Themes as the user meets them: `tidings themes`, `--theme`, the config file and NO_COLOR,
/// checked on the built binary (the reader ones in tmux, with the colours tmux saw).
@Suite(.serialized)
struct ReaderThemesTests {
    static let shipped = ["default", "light", "solarized-dark", "gruvbox-dark", "high-contrast", "mono"]

    @Test func themesListsEveryShippedThemeWithItsFileAndPlainTextWhenPiped() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["themes"], useSandboxPaths: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"), "escape sequences in piped output")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for name in Self.shipped {
            let line = try #require(lines.first { $0.hasPrefix(name + " ") }, "no line for \(name) in:\n\(result.stdout)")
            #expect(line.contains("(built in)"), "\(line)")
            #expect(line.contains("● Headline"), "no preview in \(line)")
        }
    }

    @Test func aBrokenThemeIsListedWithItsFileAndLine() throws {
        let sandbox = try Sandbox()
        let broken = "name = \"broken\"\nlist_normal = { fg = \"#12345\" }\n"
        try sandbox.write(broken, to: ".config/tidings/themes/broken.toml", in: sandbox.home)
        let result = try sandbox.run(["themes"], useSandboxPaths: false)
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("broken ") })
        #expect(line.contains("broken.toml:2:"), "\(line)")
    }

    @Test func themesOnATerminalShowsThePreviewInColour() throws {
        let sandbox = try Sandbox()
        let binary = try #require(TidingsBinary.url)
        var env = sandbox.environment(["LANG": "C.UTF-8"])
        env["NO_COLOR"] = nil
        let tmux = try TmuxSession(width: 200, height: 20, command: ["sh", "-c", "\"$@\"; echo EXITED $?", "sh", binary.path, "themes"],
                                   environment: env)
        defer { tmux.close() }
        try tmux.waitFor("EXITED 0")
        let coloured = try tmux.screen(escapes: true)
        let solarized = try #require(coloured.split(separator: "\n").first { $0.contains("solarized-dark") })
        #expect(solarized.contains("\u{1B}["), "no colour in \(solarized)")
    }

    /// Starts the reader on the demo pages in tmux and returns the first list screen, plain
    /// and with escapes; quits and checks the exit status.
    static func readerScreen(_ sandbox: Sandbox, arguments: [String] = [], environment: [String: String] = [:],
                             waitFor text: String? = nil) throws -> (plain: String, coloured: String) {
        let tmux = try ReaderEndToEndTests.startReader(sandbox, demo: true, extra: arguments, environment: environment)
        defer { tmux.close() }
        var plain = try ReaderEndToEndTests.waitForList(tmux)
        if let text { plain = try tmux.waitFor(text) }
        let coloured = try tmux.screen(escapes: true)
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
        return (plain, coloured)
    }

    @Test func theConfigFileChoosesTheThemeAndNoColorTakesTheColoursAway() throws {
        let sandbox = try Sandbox()
        try sandbox.write("theme = \"light\"\n", to: ".config/tidings/config.toml", in: sandbox.home)
        let light = try Self.readerScreen(sandbox)
        let bar = try #require(light.coloured.split(separator: "\n").first { $0.contains("°C") })
        #expect(bar.contains("48;5;254"), "the light weather bar background: \(bar.debugDescription)")

        let plain = try Self.readerScreen(sandbox, environment: ["NO_COLOR": "1"])
        #expect(!plain.coloured.contains("38;5;") && !plain.coloured.contains("48;5;"),
                "colours despite NO_COLOR: \(plain.coloured.prefix(400).debugDescription)")
        #expect(plain.coloured.contains("\u{1B}[1m") || plain.coloured.contains(";1m") || plain.coloured.contains("[1;"),
                "attributes stay under NO_COLOR")
    }

    /// toml++ aborts on these; the config file now goes through the same guard as themes and
    /// rules: a warning with file and line, the default theme, and the reader runs.
    @Test(arguments: ["[=]\n", "[\u{E9}]\n", "[[[a]\n", "[\n"])
    func aMalformedConfigFileIsAWarningNotACrash(text: String) throws {
        let sandbox = try Sandbox()
        try sandbox.write(text, to: ".config/tidings/config.toml", in: sandbox.home)
        let screen = try Self.readerScreen(sandbox, waitFor: "config.toml:1")
        #expect(screen.plain.contains("config.toml:1"))
    }

    @Test func aBrokenThemeFileIsReportedWithFileAndLineAndTheReaderRuns() throws {
        let sandbox = try Sandbox()
        let file = sandbox.root.appendingPathComponent("bad.toml")
        try Data("name = \"bad\"\nlist_selected = { fg = \"mauve-ish\" }\n".utf8).write(to: file)
        let screen = try Self.readerScreen(sandbox, arguments: ["--theme", file.path], waitFor: "bad.toml:2")
        #expect(screen.plain.contains("unread /"), "the reader still shows the list")
    }
}
