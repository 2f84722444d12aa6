import Foundation

/// What fetching remembers per feed, keyed by the feed's URL: validators for conditional
/// requests, the last result, back-off, where its file is in the store and when each item was
/// first fetched (for retention). One JSON file beside the read marks, replaced atomically, so a
/// crash leaves the previous version.
public struct FetchState: Codable, Sendable, Equatable {
    public struct Feed: Codable, Sendable, Equatable {
        /// The feed's file, relative to the store.
        public var file: String?
        /// Its size when written: validators are sent only while the file on disk still has it
        /// (a file lost or cut by a power failure is fetched whole again, not answered with 304).
        public var fileSize: Int?
        public var etag: String?
        public var lastModified: String?
        /// Seconds since 1970.
        public var lastFetch: Double?
        public var lastSuccess: Double?
        /// "3 new items", "unchanged", or the error.
        public var result: String?
        public var ok: Bool?
        /// Failures in a row (for exponential back-off).
        public var failures: Int = 0
        /// Not before this time (back-off, Retry-After).
        public var retryAfter: Double?
        /// Why the feed is no longer fetched (410 Gone).
        public var disabled: String?
        public var itemsKept: Int = 0
        /// Item key -> when first fetched.
        public var firstSeen: [String: Double] = [:]
        /// Full text: the last failure's reason and how many items lack their page.
        public var fullTextProblem: String?
        public var fullTextMissing: Int = 0
        /// Item keys whose page was fetched and stored.
        public var fullTextDone: [String] = []

        public init() {}
    }

    public var feeds: [String: Feed] = [:]

    public init() {}

    public static func load(_ url: URL) throws -> FetchState {
        guard FileManager.default.fileExists(atPath: url.path) else { return FetchState() }
        let data = try Data(contentsOf: url)
        do {
            return try JSONDecoder().decode(FetchState.self, from: data)
        } catch {
            throw FetchError.badState(path: url.path, reason: "\(error)")
        }
    }

    public func save(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(self)), to: url)
    }
}

public enum FetchError: Error, CustomStringConvertible {
    case badState(path: String, reason: String)
    case busy(String)
    case io(String)

    public var description: String {
        switch self {
        case .badState(let path, let reason):
            return "the fetch state \(path) cannot be read (\(reason)); move it away to start over"
        case .busy(let path): return "another fetch is running (lock \(path))"
        case .io(let message): return message
        }
    }
}
