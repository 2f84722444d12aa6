import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The fixture HTTP server of Tests/Servers/feed_server.py, on 127.0.0.1 at a free port, serving
/// the files of `root` (tests write and change them while it runs) and the faults its header
/// lists. Stopped by `stop()` or deinit.
public final class LoopbackServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public let root: URL
    public let port: Int
    private let pid: pid_t
    private var stopped = false

    public init() throws {
        let folder = try makeTemporaryDirectory("tidings-http")
        root = folder
        let rootPath: String = folder.path
        let portFile: String = folder.appendingPathComponent(".port").path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/feed_server.py").path
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw Failure(description: "python3 is needed for the loopback server") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let arguments: [String] = [python, script, "--root", rootPath, "--port-file", portFile]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, python, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start the loopback server (\(spawned))") }
        pid = child
        var found: Int?
        for _ in 0..<400 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text) {
                found = value
                break
            }
            usleep(25_000)
        }
        guard let found else {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            throw Failure(description: "the loopback server did not start within 10 s")
        }
        port = found
    }

    deinit { stop() }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(at: root)
    }

    /// `http://127.0.0.1:PORT` + path.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Writes a file the server serves under /f/ (and the fault paths).
    public func write(_ relativePath: String, _ text: String) throws {
        let file = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// The requests the server has seen (it appends each to .requests.jsonl in its root).
    public func requests() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: root.appendingPathComponent(".requests.jsonl").path,
                                     encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The requests whose path starts with `prefix`.
    public func requests(to prefix: String) -> [[String: Any]] {
        requests().filter { ($0["path"] as? String)?.hasPrefix(prefix) == true }
    }
}
