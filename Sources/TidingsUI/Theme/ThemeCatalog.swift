import Foundation
import TidingsModel

/// A theme file found on the search path, or one built into the program.
public struct ThemeInfo: Hashable, Sendable {
    public var name: String
    /// The file, or `ThemeCatalog.builtInPath` for a theme carried inside the program.
    public var path: String
    /// One line for `tidings themes`: the theme's description.
    public var preview: String
}

/// Finds and loads theme files. Search order (first match of a name wins):
/// `$XDG_CONFIG_HOME/tidings/themes`, `$XDG_DATA_HOME/tidings/themes`,
/// `<executable dir>/../share/tidings/themes`, then the themes built into the program
/// (`BuiltInThemeFiles`, generated from the source tree's Themes/).
public enum ThemeCatalog {
    /// What `path` says for a theme built into the program.
    public static let builtInPath = "(built in)"

    /// The shipped themes by name, as carried inside the program.
    public static var builtInThemes: [(name: String, text: String)] {
        BuiltInThemeFiles.files.map { (String($0.path.dropLast(5)), $0.text) }
    }

    public static func searchPaths(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   executablePath: String? = CommandLine.arguments.first) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        var paths: [String] = []
        let config = nonEmpty(environment["XDG_CONFIG_HOME"]) ?? home + "/.config"
        paths.append(config + "/tidings/themes")
        let data = nonEmpty(environment["XDG_DATA_HOME"]) ?? home + "/.local/share"
        paths.append(data + "/tidings/themes")
        if let exe = executablePath, !exe.isEmpty {
            let resolved = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
            paths.append(resolved.deletingLastPathComponent().deletingLastPathComponent().path + "/share/tidings/themes")
        }
        return paths
    }

    private static func nonEmpty(_ s: String?) -> String? { (s?.isEmpty ?? true) ? nil : s }

    /// Every theme on the search paths, by name; a name found twice keeps the first.
    public static func list(searchPaths: [String]) -> [ThemeInfo] {
        var seen = Set<String>()
        var out: [ThemeInfo] = []
        for dir in searchPaths {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                guard !seen.contains(name) else { continue }
                seen.insert(name)
                let path = dir + "/" + file
                let preview: String
                do { preview = try loadFile(path).description } catch { preview = "(broken: \(error))" }
                out.append(ThemeInfo(name: name, path: path, preview: preview))
            }
        }
        for (name, text) in builtInThemes where !seen.contains(name) {
            seen.insert(name)
            let preview: String
            do { preview = try ThemeParser.parse(text, file: name + ".toml", fallbackName: name).description } catch { preview = "(broken: \(error))" }
            out.append(ThemeInfo(name: name, path: builtInPath, preview: preview))
        }
        return out
    }

    /// The theme an entry of `list` names.
    public static func load(_ info: ThemeInfo) throws(ThemeError) -> Theme {
        if info.path == builtInPath, let builtIn = try builtIn(named: info.name) { return builtIn }
        return try loadFile(info.path)
    }

    /// A theme carried inside the program, or nil when none has that name.
    public static func builtIn(named name: String) throws(ThemeError) -> Theme? {
        guard let text = builtInThemes.first(where: { $0.name == name })?.text else { return nil }
        return try ThemeParser.parse(text, file: name + ".toml (built in)", fallbackName: name)
    }

    /// A path (contains "/" or ends in ".toml") or a name looked up on the search paths.
    /// "default" with no file anywhere is the built-in theme.
    public static func load(nameOrPath: String, searchPaths: [String]) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") { return try loadFile(nameOrPath) }
        for dir in searchPaths {
            let path = dir + "/" + nameOrPath + ".toml"
            if FileManager.default.fileExists(atPath: path) { return try loadFile(path) }
        }
        if let builtIn = try builtIn(named: nameOrPath) { return builtIn }
        if nameOrPath == "default" { return .builtInDefault }
        throw ThemeError(file: nameOrPath, line: nil,
                         message: "no theme of that name (searched \(searchPaths.joined(separator: ", ")))")
    }

    public static func loadFile(_ path: String) throws(ThemeError) -> Theme {
        let read: String?
        do {
            read = try TOMLFile.text(at: path)
        } catch {
            throw ThemeError(file: path, line: nil, message: error.message)
        }
        guard let text = read else { throw ThemeError(file: path, line: nil, message: "cannot read the file: no such file") }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(text, file: path, fallbackName: name)
    }
}

extension ThemeCatalog {
    /// The same with folders as file URLs.
    public static func load(nameOrPath: String, searchPaths: [URL]) throws(ThemeError) -> Theme {
        try load(nameOrPath: nameOrPath, searchPaths: searchPaths.map(\.path))
    }

    public static func list(searchPaths: [URL]) -> [ThemeInfo] { list(searchPaths: searchPaths.map(\.path)) }
}
