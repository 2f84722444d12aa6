import ArgumentParser
import Foundation

/// `--store` and `--state`, shared by every command and the reader.
public struct LocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of stored pages.", valueName: "DIR"))
    public var store: String?

    @Option(name: .long, help: ArgumentHelp("SQLite file with read marks.", valueName: "FILE"))
    public var state: String?

    public init() {}

    public func resolve() throws -> ResolvedPaths {
        try ResolvedPaths.resolve(store: store, state: state)
    }
}

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// `--format text|json`.
public struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format.", valueName: "text|json"))
    public var format: OutputFormat = .text

    public init() {}
}
