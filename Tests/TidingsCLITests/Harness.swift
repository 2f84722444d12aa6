import Foundation
import Testing
import TestSupport

/// The built `tidings` executable, found next to the test bundle in the products folder.
enum TidingsBinary {
    static let url: URL? = {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argument0.deletingLastPathComponent())
        // macOS runs tests from inside an .xctest bundle: Contents/MacOS/<name>.
        candidates.append(argument0.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in candidates {
            let binary = folder.appendingPathComponent("tidings")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }()
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data

    func json<T: Decodable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: stdoutData)
        } catch {
            Issue.record("stdout is not the expected JSON: \(error)\n\(stdout)\nstderr: \(stderr)", sourceLocation: sourceLocation)
            throw error
        }
    }
}

/// A user's machine in a temporary folder: HOME, XDG folders, a state file path and a store.
/// `run` starts the real binary with an argument list (never a shell) and this environment.
struct Sandbox {
    let root: URL
    let home: URL
    let store: URL
    let state: URL

    init() throws {
        root = try makeTemporaryDirectory("tidings-cli")
        home = root.appendingPathComponent("home", isDirectory: true)
        store = root.appendingPathComponent("store", isDirectory: true)
        state = root.appendingPathComponent("marks/state.sqlite")
        for folder in [home, store] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// The environment of a user with nothing configured except what `extra` says.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["TIDINGS_STORE", "TIDINGS_STATE", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "COLUMNS"] {
            env[key] = nil
        }
        env["HOME"] = home.path
        env["XDG_DATA_HOME"] = home.appendingPathComponent(".local/share").path
        env["XDG_STATE_HOME"] = home.appendingPathComponent(".local/state").path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        env.merge(extra) { $1 }
        return env
    }

    /// Runs `tidings arguments...`. `useSandboxPaths` adds `--store` and `--state` for this sandbox.
    @discardableResult
    func run(_ arguments: [String], useSandboxPaths: Bool = true, environment extra: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let process = try start(arguments, useSandboxPaths: useSandboxPaths, environment: extra, sourceLocation: sourceLocation)
        return process.wait()
    }

    func start(_ arguments: [String], useSandboxPaths: Bool = true, environment extra: [String: String] = [:],
               standardInput: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Running {
        let binary = try #require(TidingsBinary.url, "the tidings executable is not next to the tests; run `swift build` first",
                                  sourceLocation: sourceLocation)
        var args = arguments
        if useSandboxPaths { args += ["--store", store.path, "--state", state.path] }
        let id = UUID().uuidString
        let out = root.appendingPathComponent("stdout-\(id)")
        let err = root.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.environment = environment(extra)
        process.currentDirectoryURL = root
        process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Running(process: process, stdout: out, stderr: err)
    }

    struct Running {
        let process: Process
        let stdout: URL
        let stderr: URL

        func wait() -> RunResult {
            process.waitUntilExit()
            let out = (try? Data(contentsOf: stdout)) ?? Data()
            let err = (try? Data(contentsOf: stderr)) ?? Data()
            return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self), stdoutData: out)
        }
    }

    func write(_ text: String, to relativePath: String, in folder: URL? = nil) throws {
        let url = (folder ?? store).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// What `list` prints per article in JSON.
struct ListedArticle: Decodable, Equatable {
    var id: String
    var headline: String
    var summary: String?
    var date: String?
    var category: String
    var read: Bool
    var kind: String
}

/// What `show` prints in JSON.
struct ShownArticle: Decodable {
    var id: String
    var headline: String
    var summary: String?
    var date: String?
    var category: String
    var read: Bool
    var kind: String
    var body: [String]
    var imageCredits: [String]
    var url: String?
    var links: [ShownLink]
}

struct ShownLink: Decodable, Equatable {
    var text: String
    var url: String
}

struct Reading: Decodable, Equatable {
    var region: String
    var celsius: Double
    var date: String?
}

struct CategoryCount: Decodable, Equatable {
    var name: String
    var articles: Int
    var unread: Int
}
