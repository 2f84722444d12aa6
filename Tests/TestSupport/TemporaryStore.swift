import Foundation

/// A store folder in the temporary directory that tests fill with pages, then delete.
///
///     let store = try TemporaryStore()
///     defer { store.remove() }
///     try store.write("Tech/a.txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "A"))
public final class TemporaryStore: @unchecked Sendable {
    public let url: URL

    public init(_ name: String = "tidings-store") throws {
        url = try makeTemporaryDirectory(name)
    }

    /// Writes text (UTF-8) at a path relative to the store, creating folders; returns the file URL.
    @discardableResult
    public func write(_ relativePath: String, _ text: String) throws -> URL {
        try write(relativePath, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ relativePath: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Copies a file (a fixture) into the store.
    @discardableResult
    public func copy(_ source: URL, to relativePath: String) throws -> URL {
        try write(relativePath, bytes: Array(try Data(contentsOf: source)))
    }

    public func delete(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relativePath))
    }

    /// Sets a file's modification time (scans notice changes by size and time).
    public func touch(_ relativePath: String, secondsAgo: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-secondsAgo)],
                                              ofItemAtPath: url.appendingPathComponent(relativePath).path)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit { remove() }

    /// A stored page in the seed's format.
    public static func page(date: String? = "Tuesday, 4 November 2025",
                            weather: [(String, String)] = [("30.3 C", "Singapore")],
                            headline: String,
                            standfirst: String? = "A one-sentence summary of the story.",
                            body: [String] = ["The first paragraph of the story, told plainly.",
                                              "The second paragraph, with a little more detail."],
                            teasers: [(String, String?)] = [],
                            footer: Bool = true) -> String {
        var parts: [String] = []
        if let date { parts.append(date) }
        for (temperature, region) in weather { parts.append(temperature + "\n" + region) }
        var text = parts.joined(separator: "\n") + "\n\n" + headline + "\n\n"
        if let standfirst { text += standfirst + "\n\n" }
        text += body.joined(separator: "\n\n") + "\n\n"
        if !teasers.isEmpty {
            text += "Hot this week\n\n"
            for (h, s) in teasers {
                text += h + "\n\n"
                if let s { text += s + "\n\n" }
            }
        }
        if footer { text += "Related Articles\n\nPopular Categories" }
        return text
    }
}
