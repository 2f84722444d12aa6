import Foundation
import TOMLKit

/// The user's rules file: TOML read through TOMLKit, errors naming the file and line.
extension CategoryRules {
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case syntax(path: String, line: Int?, column: Int?, message: String)
        case format(path: String, message: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "\(path): cannot read category rules: \(reason)"
            case .syntax(let path, let line, let column, let message):
                let at = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
                return "\(path)\(at): invalid TOML: \(message)"
            case .format(let path, let message):
                return "\(path): \(message)"
            }
        }
    }

    /// Reads rules from TOML; they replace the built-ins:
    ///
    ///     [categories]
    ///     Tech = ["ai", "apple", "smartphone"]
    ///     Food = ["recipe", "restaurant", "street food"]
    ///
    /// Rules are tried in alphabetical order of category on a tie (TOML tables have no order).
    public static func load(contentsOf url: URL) throws -> CategoryRules {
        let path = url.path
        let text: String?
        do {
            text = try TOMLFile.text(at: path)
        } catch {
            throw LoadError.unreadable(path: path, reason: error.message)
        }
        guard let text else { throw LoadError.unreadable(path: path, reason: "no such file") }
        return try parse(toml: text, path: path)
    }

    public static func parse(toml text: String, path: String = "categories.toml") throws -> CategoryRules {
        let table: TOMLTable
        do {
            table = try TOMLFile.parse(text, path: path)
        } catch {
            throw LoadError.syntax(path: path, line: error.line, column: error.column, message: error.message)
        }
        guard let categories = table["categories"]?.table else {
            throw LoadError.format(path: path, message: "missing [categories] table (e.g. Tech = [\"ai\", \"apple\"])")
        }
        var rules: [Rule] = []
        for key in categories.keys.sorted() {
            let name = TextSanitizer.clean(key).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw LoadError.format(path: path, message: "category names must not be empty")
            }
            guard let array = categories[key]?.array else {
                throw LoadError.format(path: path, message: "category \"\(name)\" must be an array of strings")
            }
            var keywords: [String] = []
            for value in array {
                guard let word = value.string else {
                    throw LoadError.format(path: path, message: "category \"\(name)\": every keyword must be a string")
                }
                keywords.append(word)
            }
            rules.append(Rule(category: name, keywords: keywords))
        }
        return CategoryRules(rules: rules)
    }

    /// Where the user's rules live: `$XDG_CONFIG_HOME/tidings/categories.toml`, else
    /// `~/.config/tidings/categories.toml`.
    public static func userFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let config: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            config = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        return config.appendingPathComponent("tidings/categories.toml")
    }

    /// The user's rules if the file exists (errors in it are thrown, not ignored), else the built-ins.
    public static func userOrBuiltIn(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CategoryRules {
        let url = userFileURL(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else { return .builtIn }
        return try load(contentsOf: url)
    }
}
