import ArgumentParser

// PLACEHOLDER owned by the TERMINAL helper, who replaces this file with the real command.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the colour themes.")

    func run() throws {
        try reportingErrors { throw CLIError("themes are not built yet") }
    }
}
