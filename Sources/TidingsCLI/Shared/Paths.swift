import Foundation
import TidingsModel

/// Where Tidings reads pages, keeps read marks and finds its config: the only place these
/// are decided, so every command and the reader agree.
public struct ResolvedPaths: Sendable, Equatable {
    /// How a path was chosen; `doctor` shows it.
    public enum Source: String, Sendable, Equatable {
        case option = "command line"
        case environment = "environment"
        case xdgDefault = "default location"
        case demo = "built-in demo pages"
    }

    /// The store folder, or nil for the demo pages shipped inside the program.
    public var store: URL?
    public var storeSource: Source
    /// The SQLite file with read marks (created on first use).
    public var state: URL
    public var stateSource: Source
    /// `$XDG_CONFIG_HOME/tidings`: categories.toml and themes live here.
    public var configDirectory: URL

    /// User category rules; they replace the built-in keywords when the file exists.
    public var categoryRules: URL { configDirectory.appendingPathComponent("categories.toml") }

    /// Resolves the paths from options and environment:
    /// - store: `--store`, else `$TIDINGS_STORE`, else `$XDG_DATA_HOME/tidings/pages` if it exists, else demo;
    /// - state: `--state`, else `$TIDINGS_STATE`, else `$XDG_STATE_HOME/tidings/state.sqlite`;
    /// - config: `$XDG_CONFIG_HOME/tidings`.
    /// XDG variables that are unset, empty or relative fall back to `~/.local/share`,
    /// `~/.local/state` and `~/.config`, as the XDG spec says.
    public static func resolve(store: String?, state: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedPaths {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let homeURL = URL(fileURLWithPath: home, isDirectory: true)
        func xdg(_ name: String, _ fallback: String) -> URL {
            if let value = environment[name], value.hasPrefix("/") {
                return URL(fileURLWithPath: value, isDirectory: true)
            }
            return homeURL.appendingPathComponent(fallback, isDirectory: true)
        }
        func given(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }
        func absolute(_ path: String) -> URL {
            let expanded = path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst(1) : path
            return URL(fileURLWithPath: expanded).standardizedFileURL
        }

        var paths = ResolvedPaths(
            store: nil, storeSource: .demo,
            state: xdg("XDG_STATE_HOME", ".local/state").appendingPathComponent("tidings/state.sqlite"),
            stateSource: .xdgDefault,
            configDirectory: xdg("XDG_CONFIG_HOME", ".config").appendingPathComponent("tidings", isDirectory: true))

        if store?.isEmpty == true {
            throw CLIError("--store is empty: give the folder of your pages")
        }
        if let option = given(store) {
            paths.store = absolute(option)
            paths.storeSource = .option
        } else if let env = given(environment["TIDINGS_STORE"]) {
            paths.store = absolute(env)
            paths.storeSource = .environment
        } else {
            let standard = xdg("XDG_DATA_HOME", ".local/share").appendingPathComponent("tidings/pages", isDirectory: true)
            if FileManager.default.fileExists(atPath: standard.path) {
                paths.store = standard
                paths.storeSource = .xdgDefault
            }
        }
        // A store the user named must exist: silently showing demo pages would hide a typo.
        if let chosen = paths.store, paths.storeSource != .xdgDefault {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: chosen.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                let from = paths.storeSource == .option ? "--store" : "$TIDINGS_STORE"
                throw CLIError("the store folder \(chosen.path) (from \(from)) does not exist or is not a folder")
            }
        }
        if let chosen = paths.store, let why = SafePath.storeRefusal(chosen.path) {
            throw CLIError("the store folder \(chosen.path) cannot be read as a store: \(why)")
        }

        if let option = given(state) {
            paths.state = absolute(option)
            paths.stateSource = .option
        } else if let env = given(environment["TIDINGS_STATE"]) {
            paths.state = absolute(env)
            paths.stateSource = .environment
        }
        return paths
    }
}
