import Foundation
import TOMLKit
import TidingsModel
import TidingsUI

/// Which theme the reader uses: `--theme`, else `theme` in `$XDG_CONFIG_HOME/tidings/config.toml`,
/// else the built-in default; with `NO_COLOR` set, its attributes without colours. A broken
/// theme or config never stops the reader: it gets the default theme and a warning.
enum ReaderTheme {
    struct Choice {
        var theme: Theme
        var warnings: [String]
    }

    static func resolve(requested: String?, configDirectory: URL, environment: [String: String]) -> Choice {
        var warnings: [String] = []
        var name = requested
        if name == nil {
            do {
                name = try configuredTheme(configDirectory: configDirectory)
            } catch {
                warnings.append("\(error)")
            }
        }
        var theme = Theme.builtInDefault
        if let name {
            do {
                theme = try ThemeCatalog.load(nameOrPath: name, searchPaths: ThemeCatalog.searchPaths(environment: environment))
            } catch {
                warnings.append("\(error); using the default theme")
            }
        }
        if noColor(environment) { theme = theme.withoutColours() }
        return Choice(theme: theme, warnings: warnings)
    }

    /// NO_COLOR (https://no-color.org): present and not empty.
    static func noColor(_ environment: [String: String]) -> Bool {
        if let value = environment["NO_COLOR"], !value.isEmpty { return true }
        return false
    }

    struct ConfigError: Error, CustomStringConvertible {
        let description: String
    }

    /// The `theme` key of the config file, if the file and the key exist.
    static func configuredTheme(configDirectory: URL) throws -> String? {
        let file = configDirectory.appendingPathComponent("config.toml")
        let table: TOMLTable
        do {
            guard let parsed = try TOMLFile.table(at: file.path) else { return nil }
            table = parsed
        } catch {
            throw ConfigError(description: "\(error); ignoring the config file")
        }
        guard let value = table["theme"] else { return nil }
        guard let name = value.string else {
            throw ConfigError(description: "\(file.path): `theme` must be a string (a theme name or a path)")
        }
        return name
    }
}
