import Foundation
import Testing
import TestSupport
@testable import TidingsCLI

/// Where the store, the state and the config are looked for.
@Suite struct PathsTests {
    let home: URL

    init() throws { home = try makeTemporaryDirectory("tidings-paths") }

    @Test func nothingConfiguredMeansDemoPagesAndXDGDefaults() throws {
        let paths = try ResolvedPaths.resolve(store: nil, state: nil, environment: ["HOME": home.path])
        #expect(paths.store == nil)
        #expect(paths.storeSource == .demo)
        #expect(paths.state.path == home.path + "/.local/state/tidings/state.sqlite")
        #expect(paths.stateSource == .xdgDefault)
        #expect(paths.categoryRules.path == home.path + "/.config/tidings/categories.toml")
    }

    @Test func theXDGDataFolderIsUsedWhenItExists() throws {
        let pages = home.appendingPathComponent("data/tidings/pages")
        let env = ["HOME": home.path, "XDG_DATA_HOME": home.path + "/data", "XDG_STATE_HOME": home.path + "/st",
                   "XDG_CONFIG_HOME": home.path + "/cfg"]
        #expect(try ResolvedPaths.resolve(store: nil, state: nil, environment: env).store == nil)
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let paths = try ResolvedPaths.resolve(store: nil, state: nil, environment: env)
        #expect(paths.store?.path == pages.path)
        #expect(paths.storeSource == .xdgDefault)
        #expect(paths.state.path == home.path + "/st/tidings/state.sqlite")
        #expect(paths.categoryRules.path == home.path + "/cfg/tidings/categories.toml")
    }

    @Test func relativeXDGValuesAreIgnoredAsTheSpecSays() throws {
        let paths = try ResolvedPaths.resolve(store: nil, state: nil,
                                              environment: ["HOME": home.path, "XDG_STATE_HOME": "relative/dir"])
        #expect(paths.state.path == home.path + "/.local/state/tidings/state.sqlite")
    }

    @Test func optionsBeatEnvironmentWhichBeatsDefaults() throws {
        let a = home.appendingPathComponent("a")
        let b = home.appendingPathComponent("b")
        for folder in [a, b] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let env = ["HOME": home.path, "TIDINGS_STORE": b.path, "TIDINGS_STATE": home.path + "/env.sqlite"]

        let fromEnv = try ResolvedPaths.resolve(store: nil, state: nil, environment: env)
        #expect(fromEnv.store?.path == b.path)
        #expect(fromEnv.storeSource == .environment)
        #expect(fromEnv.state.path == home.path + "/env.sqlite")
        #expect(fromEnv.stateSource == .environment)

        let fromOptions = try ResolvedPaths.resolve(store: a.path, state: home.path + "/opt.sqlite", environment: env)
        #expect(fromOptions.store?.path == a.path)
        #expect(fromOptions.storeSource == .option)
        #expect(fromOptions.state.path == home.path + "/opt.sqlite")
        #expect(fromOptions.stateSource == .option)

        let tilde = try ResolvedPaths.resolve(store: "~/a", state: "~/x.sqlite", environment: env)
        #expect(tilde.store?.path == a.path)
        #expect(tilde.state.path == home.path + "/x.sqlite")
    }

    @Test func aNamedStoreThatDoesNotExistIsAnError() throws {
        let missing = home.appendingPathComponent("missing").path
        #expect(throws: CLIError.self) {
            try ResolvedPaths.resolve(store: missing, state: nil, environment: ["HOME": home.path])
        }
        #expect(throws: CLIError.self) {
            try ResolvedPaths.resolve(store: nil, state: nil, environment: ["HOME": home.path, "TIDINGS_STORE": missing])
        }
    }
}

/// The same rules, seen from the built binary.
@Suite struct EnvironmentTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    @Test func withNothingConfiguredTheDemoPagesAreShown() throws {
        let result = try sandbox.run(["list", "--format", "json"], useSandboxPaths: false)
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try result.json([ListedArticle].self)
        let seed = try #require(listed.first {
            $0.headline == "Zuckerberg claims creators overestimate the value of their content for AI training"
        })
        #expect(seed.kind == "article")
        #expect(seed.date == "2025-11-04")
        #expect(listed.contains { $0.headline == "Amazon cuts 14,000 corporate jobs amid shift towards AI-driven operations" })
        #expect(try !sandbox.run(["weather", "--format", "json"], useSandboxPaths: false).json([Reading].self).isEmpty)

        // Marks go to the XDG state folder under HOME.
        #expect(try sandbox.run(["mark", seed.id], useSandboxPaths: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: sandbox.home.path + "/.local/state/tidings/state.sqlite"))
        let doctor = try sandbox.run(["doctor"], useSandboxPaths: false)
        #expect(doctor.stdout.contains("built-in demo pages"))
    }

    @Test func environmentVariablesChooseStoreAndState() throws {
        try FixtureStore.write(into: sandbox)
        let state = sandbox.root.appendingPathComponent("env-state/marks.sqlite")
        let env = ["TIDINGS_STORE": sandbox.store.path, "TIDINGS_STATE": state.path]
        let listed = try sandbox.run(["list", "--format", "json"], useSandboxPaths: false, environment: env)
            .json([ListedArticle].self)
        #expect(listed.map(\.id).contains(FixtureStore.robotsID))
        #expect(try sandbox.run(["mark", FixtureStore.robotsID], useSandboxPaths: false, environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: state.path))
    }

    @Test func theXDGDataFolderIsTheStoreWhenItExists() throws {
        let pages = sandbox.home.appendingPathComponent(".local/share/tidings/pages")
        try sandbox.write(FixtureStore.techPage, to: "Tech/page.txt", in: pages)
        let listed = try sandbox.run(["list", "--format", "json"], useSandboxPaths: false).json([ListedArticle].self)
        #expect(listed.map(\.id).contains(FixtureStore.robotsID))
        #expect(!listed.contains { $0.headline.hasPrefix("Zuckerberg") })
    }

    @Test func userCategoryRulesApplyAndABrokenFileIsReported() throws {
        // A page at the top of the store has no folder category, so keyword rules decide.
        try sandbox.write(FixtureStore.techPage, to: "robots.txt")
        let config = sandbox.home.appendingPathComponent(".config/tidings")
        try sandbox.write("[categories]\nMachines = [\"robot\", \"robots\"]\n", to: "categories.toml", in: config)
        let listed = try sandbox.run(["list", "--format", "json"]).json([ListedArticle].self)
        #expect(listed.first { $0.id == FixtureStore.robotsID }?.category == "Machines")

        try sandbox.write("[categories\nMachines = !!bad\n", to: "categories.toml", in: config)
        let broken = try sandbox.run(["list", "--format", "json"])
        #expect(broken.status == 0)
        #expect(broken.stderr.contains("categories.toml"))
        #expect(try broken.json([ListedArticle].self).first { $0.id == FixtureStore.robotsID }?.category != "Machines")
    }
}
