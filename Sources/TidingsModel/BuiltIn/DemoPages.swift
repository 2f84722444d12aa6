import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The demo pages carried inside the program (`DemoPageFiles`, generated from DemoPages/). The
/// readers and the index read stores from disk, so the pages are written out once to a folder
/// named for their content, `$XDG_CACHE_HOME/tidings/demo-<hash>`, and read from there: an
/// installed binary needs neither the build folder nor the source tree.
public enum DemoPages {
    /// Path inside the store and text of every demo page.
    public static var files: [(path: String, text: String)] { DemoPageFiles.files }

    /// The folder holding the demo pages, written on first use. When the cache folder cannot be
    /// written (a read-only home), a private temporary folder is used instead.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        cached.withLock { slot in
            if let url = slot { return url }
            let url = materialize(environment: environment)
            slot = url
            return url
        }
    }

    private static let cached = Mutex<URL?>(nil)

    /// Writes (or finds) the folder for this environment, without the process-wide memo.
    package static func materialize(environment: [String: String]) -> URL {
        let name = "demo-" + contentHash()
        let cacheHome: String
        if let value = environment["XDG_CACHE_HOME"], value.hasPrefix("/") {
            cacheHome = value
        } else {
            cacheHome = (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.cache"
        }
        let parent = URL(fileURLWithPath: cacheHome).appendingPathComponent("tidings", isDirectory: true)
        let final = parent.appendingPathComponent(name, isDirectory: true)
        if isComplete(final) { return final }
        if let url = try? write(into: parent, finalName: name) { return url }
        // A private folder (mkdtemp: no other user can have placed anything in it).
        var template = Array((NSTemporaryDirectory() + "/tidings-demo-XXXXXX").utf8CString)
        if let made = mkdtemp(&template) {
            let dir = URL(fileURLWithPath: String(cString: made), isDirectory: true)
            if (try? writeFiles(into: dir)) != nil { return dir }
        }
        return final
    }

    /// The marker written last: a folder without it was cut short and is written again.
    private static let marker = ".complete"

    private static func isComplete(_ dir: URL) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(marker).path)
    }

    /// Writes into a fresh folder beside the final one, then renames it into place, so a
    /// concurrent start never reads a half-written folder.
    private static func write(into parent: URL, finalName: String) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let final = parent.appendingPathComponent(finalName, isDirectory: true)
        let scratch = parent.appendingPathComponent("\(finalName).tmp-\(getpid())", isDirectory: true)
        try? fm.removeItem(at: scratch)
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        do {
            try writeFiles(into: scratch)
            if fm.fileExists(atPath: final.path) && !isComplete(final) { try? fm.removeItem(at: final) }
            if rename(scratch.path, final.path) != 0 {
                // Another process put a complete copy there first.
                try? fm.removeItem(at: scratch)
            }
        } catch {
            try? fm.removeItem(at: scratch)
            throw error
        }
        guard isComplete(final) else { throw CocoaError(.fileWriteUnknown) }
        return final
    }

    private static func writeFiles(into dir: URL) throws {
        let fm = FileManager.default
        for file in files {
            let url = dir.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        try Data().write(to: dir.appendingPathComponent(marker))
    }

    /// FNV-1a over every path and text: a new set of pages gets a new folder.
    static func contentHash() -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files {
            for byte in file.path.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0) &* 0x0000_0100_0000_01B3
            for byte in file.text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0) &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
