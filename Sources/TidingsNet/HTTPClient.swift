import CCurl

/// HTTP through libcurl (loaded at first use; see Sources/CCurl). Thread-safe to share: each
/// `send` or `HTTPQueue` drives its own transfers on the calling thread.
public final class HTTPClient: Sendable {
    public let options: HTTPClientOptions

    /// Fails with `.libraryUnavailable` when libcurl cannot be loaded, so callers can say so
    /// instead of crashing.
    public init(options: HTTPClientOptions) throws {
        guard tc_load() == 0 else {
            throw HTTPError.libraryUnavailable(String(cString: tc_load_error()))
        }
        self.options = options
    }

    /// libcurl's version line ("libcurl/7.88.1 OpenSSL/3.0.x ...").
    public static var libraryVersion: String? {
        tc_version().map { String(cString: $0) }
    }

    /// One request, waiting for its answer.
    public func send(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPError> {
        var result: Result<HTTPResponse, HTTPError> = .failure(.transfer(code: -1, message: "no answer"))
        let queue = HTTPQueue(client: self)
        queue.add(request, tag: 0)
        queue.run { _, answer in result = answer }
        return result
    }

    /// Several requests at once within the connection limits; `onEach` is called on this thread
    /// as each finishes, with the request's index.
    public func sendAll(_ requests: [HTTPRequest], onEach: (Int, Result<HTTPResponse, HTTPError>) -> Void) {
        let queue = HTTPQueue(client: self)
        for (index, request) in requests.enumerated() { queue.add(request, tag: index) }
        queue.run { tag, answer in onEach(tag, answer) }
    }
}
