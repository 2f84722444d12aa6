import ArgumentParser
import Foundation

/// `tidings` with no subcommand opens the reader; the subcommands answer on the command line.
public struct Tidings: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tidings",
        abstract: "A keyboard-driven terminal reader for a folder of stored news pages.",
        discussion: """
            With no subcommand, opens the reader. Paths: --store, else $TIDINGS_STORE, else \
            $XDG_DATA_HOME/tidings/pages when it exists, else the demo pages built in. \
            Read marks: --state, else $TIDINGS_STATE, else $XDG_STATE_HOME/tidings/state.sqlite.
            """,
        version: TidingsVersion.string,
        // Add new subcommands here (one file each).
        subcommands: [
            ListCommand.self, ShowCommand.self, MarkCommand.self, WeatherCommand.self,
            CategoriesCommand.self, ThemesCommand.self, DoctorCommand.self, ParseCommand.self,
            FeedsCommand.self, FetchCommand.self, SyncCommand.self,
        ]
    )

    @OptionGroup public var locations: LocationOptions

    @Option(name: .long, help: ArgumentHelp("Colour theme: a built-in name or a TOML file.", valueName: "NAME|FILE"))
    public var theme: String?

    @Flag(name: .long, help: "Let the mouse select and scroll.")
    public var mouse = false

    public init() {}

    public func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            try runReader(ReaderOptions(paths: paths, theme: theme, mouse: mouse))
        }
    }
}
