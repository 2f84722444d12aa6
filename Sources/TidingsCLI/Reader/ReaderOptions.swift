import Foundation
import TidingsModel
import TidingsStore

/// Everything the reader needs from the command line, with paths already resolved.
public struct ReaderOptions: Sendable {
    /// Where pages, read marks and config live (see `ResolvedPaths`).
    public var paths: ResolvedPaths
    /// `--theme`: a built-in theme name or a path to a TOML file; nil for the default.
    public var theme: String?
    /// `--mouse`: enable mouse reporting.
    public var mouse: Bool

    public init(paths: ResolvedPaths, theme: String? = nil, mouse: Bool = false) {
        self.paths = paths
        self.theme = theme
        self.mouse = mouse
    }

    /// The store folder, or nil for the built-in demo pages.
    public var store: URL? { paths.store }
    public var state: URL { paths.state }

    /// The read marks. A broken state file is moved aside and `warn` is told where. An existing
    /// state that cannot be written opens read-only: its marks show, `isReadOnly` is true and
    /// `setRead` throws `readOnlyReason` (the reader shows "marks cannot be saved"). Throws
    /// `StateStoreError` when there is no state to read and none can be created.
    public func openState(warn: (String) -> Void = printWarning) throws -> ReadStateStore {
        try TidingsCLI.openState(paths, readOnlyFallback: true, warn: warn)
    }
}
