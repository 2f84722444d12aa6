import Foundation
import Testing
@testable import TidingsCLI

/// Records what would have been started.
final class SpawnRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [[String]] = []
    var argvs: [[String]] { lock.withLock { calls } }
    func record(_ argv: [String]) { lock.withLock { calls.append(argv) } }
}

@Suite struct URLLauncherTests {
    func launcher(_ env: [String: String], _ rec: SpawnRecorder, fail: Bool = false) -> URLLauncher {
        URLLauncher(environment: env) { argv in
            rec.record(argv)
            if fail { throw URLLauncher.SpawnError(code: 2) }
        }
    }

    @Test func opensHTTPSWithXdgOpenAsOneArgument() {
        let rec = SpawnRecorder()
        let result = launcher([:], rec).open("https://example.com/a?b=1&c=2")
        #expect(result.opened)
        #expect(rec.argvs == [["xdg-open", "https://example.com/a?b=1&c=2"]])
        #expect(result.message == "Opened https://example.com/a?b=1&c=2 with xdg-open")
    }

    @Test func browserVariableFirstWordIsTheProgramNeverAShell() {
        let rec = SpawnRecorder()
        _ = launcher(["BROWSER": "firefox --private-window; rm -rf ~"], rec).open("http://example.com/")
        #expect(rec.argvs == [["firefox", "http://example.com/"]])
        let rec2 = SpawnRecorder()
        _ = launcher(["BROWSER": "w3m:lynx"], rec2).open("http://example.com/")
        #expect(rec2.argvs == [["w3m", "http://example.com/"]])
        let rec3 = SpawnRecorder()
        _ = launcher(["BROWSER": "-e"], rec3).open("http://example.com/")
        #expect(rec3.argvs == [["xdg-open", "http://example.com/"]])
    }

    @Test(arguments: [
        "-https://example.com", "--help", "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/x",
        "https://example.com/a b", "https://example.com/\nrm -rf /", "https://example.com/\t", "https://exa\u{1B}[2Jmple.com",
        "", "https://", "data:text/html,<script>", "https://example.com/\u{202E}gpj.exe",
    ])
    func hostileURLsAreRefusedAndNothingStarts(url: String) {
        let rec = SpawnRecorder()
        let result = launcher([:], rec).open(url)
        #expect(!result.opened)
        #expect(result.message.hasPrefix("Not opened: "))
        #expect(rec.argvs.isEmpty)
    }

    /// Shell metacharacters reach the browser percent-encoded, so even a `$BROWSER` wrapper
    /// that runs its argument through `eval` sees nothing a shell acts on.
    @Test(arguments: [("https://example.com/?q=$(id)", "https://example.com/?q=%24%28id%29"),
                      ("https://example.com/`id`", "https://example.com/%60id%60"),
                      ("https://example.com/'\";|&", "https://example.com/%27%22%3B%7C&"),
                      ("https://example.com/a%20b%zz?x=1&y=caf\u{E9}#top", "https://example.com/a%20b%25zz?x=1&y=caf%C3%A9#top")])
    func shellMetacharactersArePercentEncoded(url: String, encoded: String) {
        let rec = SpawnRecorder()
        let result = launcher([:], rec).open(url)
        #expect(result.opened)
        #expect(rec.argvs == [["xdg-open", encoded]])
        for c in "$()`'\";|<>\\!*{}^" { #expect(!rec.argvs[0][1].contains(c)) }
    }

    @Test func spawnFailureIsAStatusMessage() {
        let rec = SpawnRecorder()
        let result = launcher(["BROWSER": "nosuchbrowser"], rec, fail: true).open("https://example.com/")
        #expect(!result.opened)
        #expect(result.message.hasPrefix("Could not start nosuchbrowser"))
    }

    @Test func realSpawnStartsAProgramWithTheArgumentList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("launch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let marker = dir.appendingPathComponent("$(touch pwned)")
        // `touch` receives the URL as one argument; no shell expands it.
        try URLLauncher.posixSpawn(["touch", marker.path])
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: marker.path) { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: marker.path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
    }
}
