import Foundation
import Testing
@testable import TidingsUI

@Suite struct ThemeTests {
    static let shipped = ["default", "light", "solarized-dark", "gruvbox-dark", "high-contrast", "mono"]
    /// The source tree's Themes folder: the files the program carries (tests only read it).
    static let sourceThemes: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // ThemeTests.swift, TidingsUITests/, Tests/
        return url.appendingPathComponent("Themes").path
    }()
    let dir = ThemeTests.sourceThemes

    @Test func theProgramCarriesExactlyTheThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(ThemeCatalog.builtInThemes.map { $0.name + ".toml" } == files, "run scripts/embed-files.py")
        for (name, text) in ThemeCatalog.builtInThemes {
            let onDisk = try String(contentsOfFile: dir + "/\(name).toml", encoding: .utf8)
            #expect(text == onDisk, "\(name).toml differs from the built-in copy: run scripts/embed-files.py")
        }
        #expect(Set(ThemeCatalog.builtInThemes.map(\.name)) == Set(Self.shipped))
    }

    @Test(arguments: shipped) func builtInThemesLoadWithNoFolders(name: String) throws {
        let theme = try ThemeCatalog.load(nameOrPath: name, searchPaths: [String]())
        #expect(theme == (try ThemeCatalog.loadFile(dir + "/\(name).toml")))
        let listed = try #require(ThemeCatalog.list(searchPaths: [String]()).first { $0.name == name })
        #expect(listed.path == ThemeCatalog.builtInPath)
        #expect(try ThemeCatalog.load(listed) == theme)
        #expect(listed.preview == theme.description)
    }

    @Test(arguments: shipped) func shippedThemeLoadsAndNamesEveryElement(name: String) throws {
        let theme = try ThemeCatalog.loadFile(dir + "/\(name).toml")
        #expect(theme.name == name)
        #expect(!theme.description.isEmpty)
        #expect(Set(theme.styles.keys) == Set(ThemeElement.allCases))
    }

    @Test func defaultFileMatchesBuiltIn() throws {
        let file = try ThemeCatalog.loadFile(dir + "/default.toml")
        #expect(file == Theme.builtInDefault)
    }

    @Test func monoHasNoColours() throws {
        let mono = try ThemeCatalog.loadFile(dir + "/mono.toml")
        for s in mono.styles.values { #expect(s.foreground == .default && s.background == .default) }
    }

    @Test func parsesColoursAndAttributes() throws {
        let theme = try ThemeParser.parse("""
            name = "t"
            list_read = { fg = "brightBlack", dim = true, italic = false }
            [weather_bar]
            fg = "bright_red"
            bg = 236
            bold = true
            underline = true
            [date]
            fg = "#ff8000"
            bg = "default"
            """, file: "t.toml", fallbackName: "x")
        #expect(theme[.weatherBar] == Style(foreground: .indexed(9), background: .indexed(236), attributes: [.bold, .underline]))
        #expect(theme[.date] == Style(foreground: .rgb(255, 128, 0), background: .default))
        #expect(theme[.listRead] == Style(foreground: .indexed(8), attributes: [.dim]))
        #expect(theme[.articleBody] == .plain)  // not named: plain
    }

    @Test(arguments: [("black", Color.indexed(0)), ("White", .indexed(7)), ("brightWhite", .indexed(15)),
                      ("bright-cyan", .indexed(14)), ("grey", .indexed(8)), ("42", .indexed(42)),
                      ("#00FF7f", .rgb(0, 255, 127)), ("default", .default)])
    func colourNames(text: String, color: Color) {
        #expect(ThemeParser.parseColor(text) == color)
    }

    @Test(arguments: ["purple", "#12345", "#gggggg", "256", "-1", ""])
    func badColourNames(text: String) {
        #expect(ThemeParser.parseColor(text) == nil)
    }

    func parseError(_ text: String) -> ThemeError? {
        do {
            _ = try ThemeParser.parse(text, file: "broken.toml", fallbackName: "broken")
            return nil
        } catch { return error }
    }

    @Test func syntaxErrorNamesFileAndLine() {
        let error = parseError("name = \"x\"\n\n[weather_bar]\nfg = \"red\n")
        #expect(error?.file == "broken.toml")
        #expect(error?.line == 4)
    }

    @Test func unknownColourNamesItsLine() {
        let error = parseError("name = \"x\"\n[date]\nbold = true\nfg = \"purple\"\n")
        #expect(error == ThemeError(file: "broken.toml", line: 4,
                                    message: "unknown colour 'purple' for date.fg (use an ANSI name, 0-255 or #rrggbb)"))
        #expect(error?.description.hasPrefix("broken.toml:4: unknown colour 'purple'") == true)
    }

    @Test func unknownColourInInlineTable() {
        let error = parseError("name = \"x\"\ndate = { fg = 3 }\nlist_read = { fg = 300 }\n")
        #expect(error?.line == 3)
    }

    @Test func unknownElementAndKey() {
        #expect(parseError("\n\n[wether_bar]\nfg = 1\n")?.line == 3)
        #expect(parseError("[date]\nfg = 1\nblink = true\n")?.line == 3)
        #expect(parseError("[date]\nbold = \"yes\"\n")?.line == 2)
    }

    @Test func brokenFileOnDiskFallsBackInCatalog() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tidings-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let path = tmp.appendingPathComponent("bad.toml").path
        try "name = \"bad\"\n[date]\nfg = \"nope\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ThemeError(file: path, line: 3,
                                   message: "unknown colour 'nope' for date.fg (use an ANSI name, 0-255 or #rrggbb)")) {
            try ThemeCatalog.load(nameOrPath: "bad", searchPaths: [tmp.path])
        }
        // The user's own file shadows a shipped one of the same name; listing shows both kinds.
        try "name = \"light\"\ndescription = \"mine\"\n".write(toFile: tmp.appendingPathComponent("light.toml").path,
                                                              atomically: true, encoding: .utf8)
        let list = ThemeCatalog.list(searchPaths: [tmp.path, dir])
        #expect(list.first { $0.name == "light" }?.preview == "mine")
        #expect(list.first { $0.name == "bad" }?.preview.hasPrefix("(broken:") == true)
        #expect(Set(list.map(\.name)).isSuperset(of: Self.shipped))
        #expect(try ThemeCatalog.load(nameOrPath: "light", searchPaths: [tmp.path, dir]).description == "mine")
        // ... and the one built into the program.
        #expect(try ThemeCatalog.load(nameOrPath: "light", searchPaths: [tmp.path]).description == "mine")
        #expect(ThemeCatalog.list(searchPaths: [tmp.path]).first { $0.name == "light" }?.preview == "mine")
    }

    @Test func loadByNameAndPath() throws {
        #expect(try ThemeCatalog.load(nameOrPath: "gruvbox-dark", searchPaths: [dir]).name == "gruvbox-dark")
        #expect(try ThemeCatalog.load(nameOrPath: dir + "/mono.toml", searchPaths: [String]()).name == "mono")
        #expect(try ThemeCatalog.load(nameOrPath: "default", searchPaths: [String]()) == .builtInDefault)
        #expect(try ThemeCatalog.load(nameOrPath: "light", searchPaths: [URL(fileURLWithPath: dir)]).name == "light")
        #expect(throws: ThemeError.self) { try ThemeCatalog.load(nameOrPath: "nosuch", searchPaths: [dir]) }
        #expect(throws: ThemeError.self) { try ThemeCatalog.load(nameOrPath: "/nonexistent/x.toml", searchPaths: [String]()) }
    }

    @Test func searchPathOrder() {
        let paths = ThemeCatalog.searchPaths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"],
                                             executablePath: "/opt/tidings/bin/tidings")
        #expect(paths == ["/cfg/tidings/themes", "/home/u/.local/share/tidings/themes",
                          "/opt/tidings/share/tidings/themes"])
    }

    @Test func noColourKeepsAttributesOnly() throws {
        for name in Self.shipped {
            let theme = try ThemeCatalog.loadFile(dir + "/\(name).toml").withoutColours()
            for (element, style) in theme.styles {
                #expect(style.foreground == .default && style.background == .default, "\(name) \(element)")
            }
            // The cursor row stays visible without colour.
            #expect(theme[.listSelected].attributes.contains(.reverse), "\(name)")
        }
        let d = Theme.builtInDefault.withoutColours()
        #expect(d[.listUnread] == Style(attributes: .bold))
        #expect(d[.articleCredit] == Style(attributes: .dim))
    }

    /// A rendered screen under NO_COLOR carries no colour in any cell.
    @Test func noColourScreen() {
        var s = Fixture.state(width: 120, height: 30)
        s.send(.enter)
        let buffer = render(s.state, theme: Theme.builtInDefault.withoutColours())
        #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
    }
}

@Suite struct ColorMappingTests {
    @Test func indexToRGB() {
        #expect(ColorMapping.rgb(ofIndex: 16) == (0, 0, 0))
        #expect(ColorMapping.rgb(ofIndex: 231) == (255, 255, 255))
        #expect(ColorMapping.rgb(ofIndex: 196) == (255, 0, 0))
        #expect(ColorMapping.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(ColorMapping.rgb(ofIndex: 255) == (238, 238, 238))
        #expect(ColorMapping.rgb(ofIndex: 9) == (255, 0, 0))
    }

    @Test func nearest256() {
        #expect(ColorMapping.nearest256(255, 0, 0) == 196)
        #expect(ColorMapping.nearest256(0, 0, 0) == 16)
        #expect(ColorMapping.nearest256(255, 255, 255) == 231)
        #expect(ColorMapping.nearest256(128, 128, 128) == 244)  // grey ramp beats the cube
        #expect(ColorMapping.nearest256(0x26, 0x8b, 0xd2) == 32)  // solarized blue
        for i in 16...255 {
            let c = ColorMapping.rgb(ofIndex: UInt8(i))
            #expect(ColorMapping.rgb(ofIndex: ColorMapping.nearest256(c.0, c.1, c.2)) == c)
        }
    }

    @Test func nearest16() {
        #expect(ColorMapping.nearest16(250, 10, 10) == 9)
        #expect(ColorMapping.nearest16(200, 0, 0) == 1)
        #expect(ColorMapping.nearest16(0, 0, 0) == 0)
        #expect(ColorMapping.nearest16(250, 250, 250) == 15)
        #expect(ColorMapping.nearest16(230, 230, 230) == 7)
        #expect(ColorMapping.nearest16(130, 130, 130) == 8)
    }

    @Test func mappedToDepth() {
        #expect(Color.rgb(255, 0, 0).mapped(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(255, 0, 0).mapped(to: .ansi16) == .indexed(9))
        #expect(Color.indexed(196).mapped(to: .ansi16) == .indexed(9))
        #expect(Color.indexed(3).mapped(to: .ansi16) == .indexed(3))
        #expect(Color.rgb(1, 2, 3).mapped(to: .direct) == .rgb(1, 2, 3))
        #expect(Color.indexed(100).mapped(to: .none) == .default)
        #expect(Color.default.mapped(to: .ansi16) == .default)
    }
}

@Suite struct ThemeSampleTests {
    @Test func previewRowUsesTheThemesStyles() {
        let b = ThemeSample.buffer(.builtInDefault, width: 100)
        #expect(b.line(0).hasPrefix(" Singapore 30.3°C 9.5°C  ● Headline  Read  ◌ Teaser  Selected  Tech  2025-11-04  match "))
        #expect(b[11, 0].style == Theme.builtInDefault[.tempHot])
        let narrow = ThemeSample.buffer(.builtInDefault, width: 10)
        #expect(narrow.line(0) == " Singapore")
    }

    @Test func ansiEncoding() {
        var b = Buffer(width: 4, height: 1)
        b.write("a", x: 0, y: 0, style: Style(foreground: .indexed(1), attributes: .bold))
        b.write("東", x: 1, y: 0, style: Style(foreground: .rgb(255, 0, 0), background: .indexed(12)))
        #expect(ANSIText.lines(b, depth: .direct) == ["\u{1B}[0;1;31ma\u{1B}[0;38;2;255;0;0;104m東\u{1B}[0m \u{1B}[0m"])
        #expect(ANSIText.lines(b, depth: .indexed256)[0].contains("38;5;196"))
        #expect(ANSIText.lines(b, depth: .ansi16)[0].contains("[0;91;104m"))
        #expect(!ANSIText.lines(b, depth: .none)[0].contains("31"))
    }
}
