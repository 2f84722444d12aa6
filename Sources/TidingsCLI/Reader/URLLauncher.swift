#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TidingsModel

/// What happened when the user asked to open a URL; `message` is for the status line.
public struct LaunchResult: Equatable, Sendable {
    public var opened: Bool
    public var message: String
}

/// The one door through which Tidings starts an external program (the browser). Only plain
/// http/https URLs pass, and the program gets the URL as a single argument of an argument list:
/// no shell ever sees it (newsbeuter's CVE-2017-12904 came from a shell).
public struct URLLauncher: Sendable {
    public typealias Spawn = @Sendable ([String]) throws -> Void

    private let environment: [String: String]
    private let spawn: Spawn

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                spawn: @escaping Spawn = URLLauncher.posixSpawn) {
        self.environment = environment
        self.spawn = spawn
    }

    /// `$BROWSER`'s first word (a program, never a shell command line), else `xdg-open`.
    public var program: String {
        let first = environment["BROWSER"]?.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        // $BROWSER may list alternatives separated by ':'; take the first.
        let candidate = first?.split(separator: ":").first.map(String.init)
        if let c = candidate, !c.isEmpty, !c.hasPrefix("-"), URLLauncher.isPlain(c) { return c }
        return "xdg-open"
    }

    public func open(_ url: String) -> LaunchResult {
        if let reason = URLLauncher.refusal(url) {
            return LaunchResult(opened: false, message: "Not opened: \(reason)")
        }
        let encoded = URLLauncher.percentEncoded(url)
        let argv = [program, encoded]
        do {
            try spawn(argv)
            return LaunchResult(opened: true, message: "Opened \(encoded) with \(program)")
        } catch {
            return LaunchResult(opened: false, message: TextSanitizer.clean("Could not start \(program): \(error)"))
        }
    }

    /// Why a URL may not be opened, or nil when it is a plain http(s) URL.
    public static func refusal(_ url: String) -> String? {
        if url.isEmpty { return "empty URL" }
        if url.hasPrefix("-") { return "URL starts with '-'" }
        if !isPlain(url) { return "URL contains spaces or control characters" }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return "only http and https links are opened" }
        guard let parsed = URL(string: url), let host = parsed.host, !host.isEmpty else { return "malformed URL" }
        return nil
    }

    /// The URL with every byte percent-encoded except letters, digits, `-._~`, the delimiters
    /// that give a URL its structure (`:/?#[]@&=+,`) and `%` that starts an escape. No shell is
    /// involved here, but a `$BROWSER` wrapper that passes its argument through `eval` is then
    /// safe from `$(`, backquotes, quotes and `;` too (`'` and `$` mean the same encoded).
    static func percentEncoded(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var out = ""
        out.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
        for (i, b) in bytes.enumerated() {
            let keep: Bool
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                keep = true
            case UInt8(ascii: "%"):
                keep = i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            default:
                keep = Array("-._~:/?#[]@&=+,".utf8).contains(b)
            }
            if keep {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// No white space, no control characters (C0, DEL, C1), no bidi controls.
    static func isPlain(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            switch u.value {
            case 0...0x20, 0x7F...0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: return false
            default: if u.properties.isWhitespace { return false }
            }
        }
        return true
    }

    struct SpawnError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    /// posix_spawnp with an argument list; output goes to /dev/null so the browser cannot scribble
    /// over the screen, and a detached thread reaps the child.
    public static let posixSpawn: Spawn = { argv in
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, environ)
        guard rc == 0 else { throw SpawnError(code: rc) }
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            _ = waitpid(child, &status, 0)
        }
    }
}
