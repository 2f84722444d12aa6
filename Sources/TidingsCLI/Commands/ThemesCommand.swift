import ArgumentParser
import Foundation
import TidingsModel
import TidingsUI

/// `tidings themes`: every theme on the search path with its file and a one-line preview,
/// drawn in the theme's own colours when standard output is a terminal (and NO_COLOR is unset).
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes with a preview.",
        discussion: "Themes are found in $XDG_CONFIG_HOME/tidings/themes, $XDG_DATA_HOME/tidings/themes, "
            + "PREFIX/share/tidings/themes beside an installed binary, then the themes built into the program.")

    func run() throws {
        try reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let colour = isatty(STDOUT_FILENO) == 1 && !ReaderTheme.noColor(environment)
            let depth = ThemePreview.depth(environment: environment)
            var out = ""
            for entry in ThemePreview.entries(searchPaths: ThemeCatalog.searchPaths(environment: environment)) {
                out += ThemePreview.line(for: entry, colour: colour ? depth : nil) + "\n"
            }
            StandardOutput.write(out)
        }
    }
}

/// The lines `tidings themes` prints. Pure apart from reading the theme files.
enum ThemePreview {
    struct Entry {
        var name: String
        var path: String
        /// nil when the file is broken; `problem` then says why (file and line).
        var theme: Theme?
        var problem: String?
    }

    /// Every theme file on the search paths (first of a name wins), plus the built-in default
    /// when no file provides one.
    static func entries(searchPaths: [String]) -> [Entry] {
        var entries: [Entry] = []
        for info in ThemeCatalog.list(searchPaths: searchPaths) {
            do {
                entries.append(Entry(name: info.name, path: info.path, theme: try ThemeCatalog.load(info)))
            } catch {
                entries.append(Entry(name: info.name, path: info.path, theme: nil, problem: error.description))
            }
        }
        if !entries.contains(where: { $0.name == Theme.builtInDefault.name }) {
            entries.insert(Entry(name: Theme.builtInDefault.name, path: ThemeCatalog.builtInPath, theme: .builtInDefault), at: 0)
        }
        return entries
    }

    /// `name  sample  description  (path)`, the sample in the theme's styles when `colour` is given.
    static func line(for entry: Entry, colour: ColorDepth?) -> String {
        let name = TextSanitizer.clean(entry.name)
        let padded = name + String(repeating: " ", count: max(1, 16 - name.count))
        let path = TextSanitizer.clean(entry.path)
        guard let theme = entry.theme else {
            return padded + "broken: " + TextSanitizer.clean(entry.problem ?? "unreadable") + "  (" + path + ")"
        }
        let row = ThemeSample.buffer(theme)
        let sample = colour.map { ANSIText.lines(row, depth: $0)[0] } ?? row.line(0)
        let description = theme.description.isEmpty ? "" : "  " + TextSanitizer.clean(theme.description)
        return padded + sample + description + "  (" + path + ")"
    }

    /// How many colours to use for previews: direct colour when the terminal says so
    /// (COLORTERM), 256 for *-256color, else the 16 ANSI colours.
    static func depth(environment: [String: String]) -> ColorDepth {
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorterm == "truecolor" || colorterm == "24bit" { return .direct }
        if environment["TERM"]?.contains("256") == true { return .indexed256 }
        return .ansi16
    }
}
