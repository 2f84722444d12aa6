/// One HTTP request. Only `http` and `https` URLs are sent; redirects are followed by the client
/// (at most `HTTPClientOptions.maxRedirects`), never to another scheme.
public struct HTTPRequest: Sendable {
    public var url: String
    public var method: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// False: a 3xx is returned as it is, with its Location in `HTTPResponse.location`.
    public var followRedirects: Bool

    public init(url: String, method: String = "GET", headers: [(name: String, value: String)] = [],
                body: [UInt8]? = nil, followRedirects: Bool = true) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.followRedirects = followRedirects
    }
}

/// One redirect the client followed.
public struct HTTPRedirect: Sendable, Equatable {
    public var from: String
    public var to: String
    public var status: Int
    /// 301 and 308: the resource has moved for good.
    public var isPermanent: Bool { status == 301 || status == 308 }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// In the order received; names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The URL that answered, after redirects.
    public var url: String
    public var redirects: [HTTPRedirect]
    /// A 3xx's target, resolved against the request's URL (only when redirects are not followed).
    public var location: String?

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The URL the subscription should move to: the last one reached through redirects that were
    /// all permanent; nil when there were none or one was temporary.
    public var permanentURL: String? {
        guard !redirects.isEmpty, redirects.allSatisfy(\.isPermanent) else { return nil }
        return url
    }
}

/// Why a request got no response. Messages never hold a URL's password.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl could not be loaded (not installed, too old).
    case libraryUnavailable(String)
    case invalidURL(String)
    /// The URL, or a redirect's target, is not http or https.
    case schemeRefused(String)
    case tooManyRedirects(Int)
    case redirectLoop(String)
    case timedOut
    case cannotResolve(String)
    case cannotConnect(String)
    case tls(String)
    /// The decoded body passed the size cap (a compression bomb, or just too big).
    case bodyTooLarge(limit: Int)
    /// The connection closed before the whole body arrived.
    case truncated(String)
    case badEncoding(String)
    case transfer(code: Int, message: String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let why): return why
        case .invalidURL(let url): return "not a valid http(s) URL: \(url)"
        case .schemeRefused(let scheme): return "refused to fetch a \(scheme): URL (only http and https)"
        case .tooManyRedirects(let count): return "more than \(count) redirects"
        case .redirectLoop(let url): return "redirect loop at \(url)"
        case .timedOut: return "timed out"
        case .cannotResolve(let why): return "host not found: \(why)"
        case .cannotConnect(let why): return "cannot connect: \(why)"
        case .tls(let why): return "TLS: \(why)"
        case .bodyTooLarge(let limit): return "response larger than \(limit / 1024 / 1024) MiB decoded; cut off"
        case .truncated(let why): return "response cut off: \(why)"
        case .badEncoding(let why): return "bad content encoding: \(why)"
        case .transfer(let code, let message): return "transfer failed (\(code)): \(message)"
        }
    }
}

public struct HTTPClientOptions: Sendable {
    public var userAgent: String
    public var connectTimeoutMilliseconds: Int
    public var totalTimeoutMilliseconds: Int
    /// Cap on the decoded body of one response.
    public var maxBodyBytes: Int
    public var maxRedirects: Int
    /// Transfers at once, in all and to one host.
    public var maxConnections: Int
    public var maxConnectionsPerHost: Int
    /// A CA bundle instead of the system store (tests with a private CA).
    public var caFile: String?

    public init(userAgent: String, connectTimeoutMilliseconds: Int = 10_000, totalTimeoutMilliseconds: Int = 30_000,
                maxBodyBytes: Int = 16 << 20, maxRedirects: Int = 5, maxConnections: Int = 16,
                maxConnectionsPerHost: Int = 2, caFile: String? = nil) {
        self.userAgent = userAgent
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.maxConnections = maxConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.caFile = caFile
    }
}
