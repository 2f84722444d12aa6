import Foundation

/// Drives a program headless inside a private tmux server, for end-to-end tests of the reader.
/// Each session gets its own socket in its own temporary folder; `close()` (or deinit) kills
/// the server and removes the folder. Synchronise with `waitFor`, which polls the screen until
/// the expected text shows, never with fixed sleeps. For an exit status, run the program under
/// `sh -c '"$@"; echo EXITED $?'` and wait for that line: tmux 3.3 does not always reap a
/// pane's process, so its own pane_dead_status can stay empty.
public final class TmuxSession {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let socketDirectory: URL
    private let socket: String
    private var closed = false
    public let target = "reader:0.0"

    /// Starts `command` (an argument list, run without a shell by tmux) in a `width` x `height`
    /// pane. `environment` is the whole environment of the tmux server and so of the pane
    /// (nil: this process's). The pane stays (dead) after the program exits so its last screen
    /// can still be read.
    public init(width: Int = 120, height: Int = 40, command: [String], environment: [String: String]? = nil) throws {
        guard let tmux = Self.tmuxPath else { throw Failure(description: "tmux is not installed (apt-get install tmux)") }
        self.tmuxPath = tmux
        socketDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tidings-tmux-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        socket = socketDirectory.appendingPathComponent("s").path
        let args = ["-S", socket, "-f", "/dev/null",
                    "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                    "set-option", "-g", "default-terminal", "screen-256color", ";",
                    "new-session", "-d", "-s", "reader", "-x", String(width), "-y", String(height), "--"] + command
        var env = environment ?? ProcessInfo.processInfo.environment
        for key in ["TMUX", "TMUX_PANE"] { env[key] = nil }
        // The first client forks the server, which inherits the client's stdout and stderr:
        // with pipes there, reading them would wait for the server to exit. So this call
        // writes nowhere and is judged by its status alone.
        let status = try ChildProcess.run(tmux, args, environment: env, captureOutput: false).status
        guard status == 0 else { throw Failure(description: "tmux could not start the session (status \(status))") }
    }

    deinit { close() }

    /// Kills the server and removes its socket folder (idempotent).
    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: socketDirectory)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Down`, `C-c`, or plain characters like `j`).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Sends `text` literally, character by character.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// Mouse input as an xterm sends it (X10 encoding, `ESC [ M` and three bytes), for a
    /// program that turned mouse reporting on. `x` and `y` are 0-based cells; `button` 0 is
    /// the left button, 3 a release, 64/65 the wheel up/down.
    public func mouse(x: Int, y: Int, button: Int) throws {
        try type(Self.mouseBytes(x: x, y: y, button: button))
    }

    /// A press and its release, in one write as a terminal sends them; `times` 2 is a double click.
    public func click(x: Int, y: Int, times: Int = 1) throws {
        try type(String(repeating: Self.mouseBytes(x: x, y: y, button: 0) + Self.mouseBytes(x: x, y: y, button: 3), count: times))
    }

    static func mouseBytes(x: Int, y: Int, button: Int) -> String {
        "\u{1B}[M" + String([32 + button, 33 + x, 33 + y].map { Character(Unicode.Scalar(UInt8($0))) })
    }

    /// The pane's text now, rows joined by newlines, preceded by the lines scrolled off the
    /// normal screen (tmux scrolls one line up when it notes that a pane died; a full-screen
    /// program's alternate screen has no history). With `escapes`, with SGR sequences for
    /// colours and attributes as tmux re-encodes them.
    public func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-"] + (escapes ? ["-e"] : []) + ["-t", target])
    }

    /// Resizes the window (the program gets SIGWINCH and KEY_RESIZE).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "reader", "-x", String(width), "-y", String(height)])
    }

    /// The pane's size as tmux sees it.
    public func windowSize() throws -> (Int, Int) {
        let text = try tmux(["display-message", "-p", "-t", target, "#{pane_width} #{pane_height}"])
        let parts = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 2 else { throw Failure(description: "no pane size in \(text.debugDescription)") }
        return (parts[0], parts[1])
    }

    /// The pid of the pane's process (what `command` started).
    public func panePID() throws -> Int32 {
        let text = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"])
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "no pane pid in \(text.debugDescription)")
        }
        return pid
    }

    /// Polls the screen until `predicate` holds on a settled screen (the same on two captures
    /// 30 ms apart: tmux can show a frame half painted); throws with the last screen after `timeout`.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Duration = .seconds(15),
                          _ predicate: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last = ""
        while true {
            last = try screen()
            if predicate(last) {
                Thread.sleep(forTimeInterval: 0.03)
                let again = try screen()
                if again == last { return last }
                last = again
                if predicate(last) { continue }
            }
            if clock.now >= deadline {
                throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Polls until `text` is on the screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(15)) throws -> String {
        try waitUntil(text.debugDescription, timeout: timeout) { $0.contains(text) }
    }

    // MARK: - Running tmux

    private let tmuxPath: String

    private static var tmuxPath: String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin", "/opt/homebrew/bin"] {
            let path = dir + "/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        try Self.run(tmuxPath, ["-S", socket, "-f", "/dev/null"] + args)
    }

    /// Runs a program with an argument list (no shell); returns stdout, throws on failure.
    @discardableResult
    public static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil) throws -> String {
        let result = try ChildProcess.run(executable, args, environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "\(executable) \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}
