import CCurl

/// Transfers run together on one thread: at most `maxConnections` at once and
/// `maxConnectionsPerHost` to one host; the rest wait here (not inside libcurl, whose timeouts
/// would count the wait). Redirects are followed here, one hop at a time, so each hop is
/// checked (scheme, loops, count) and the caller learns which were permanent.
public final class HTTPQueue {
    private struct Job {
        var tag: Int
        var request: HTTPRequest
        var host: String
        var redirects: [HTTPRedirect] = []
        var visited: Set<String> = []
    }

    private let client: HTTPClient
    private var pending: [Job] = []
    private var active: [Int64: Job] = [:]
    private var activePerHost: [String: Int] = [:]
    private var finished: [(Int, Result<HTTPResponse, HTTPError>)] = []
    private var nextID: Int64 = 1
    private let multi: OpaquePointer?

    public init(client: HTTPClient) {
        self.client = client
        multi = tc_multi_new(client.options.maxConnections, client.options.maxConnectionsPerHost)
    }

    deinit { tc_multi_free(multi) }

    /// Queues a request; `tag` comes back with its answer. May be called from `run`'s callback.
    public func add(_ request: HTTPRequest, tag: Int) {
        enqueue(Job(tag: tag, request: request, host: "", visited: [request.url]), first: false)
    }

    public var isIdle: Bool { pending.isEmpty && active.isEmpty && finished.isEmpty }

    /// Runs until every queued request (and any added meanwhile) has its answer.
    public func run(_ onEach: (Int, Result<HTTPResponse, HTTPError>) -> Void) {
        while !isIdle {
            while !finished.isEmpty {
                let (tag, answer) = finished.removeFirst()
                onEach(tag, answer)
            }
            startWaiting()
            guard !active.isEmpty else { continue }
            guard let multi, tc_multi_run(multi, 250) >= 0 else {
                failAllActive(.transfer(code: -1, message: "libcurl's multi interface failed"))
                continue
            }
            var code: Int32 = 0
            while let transfer = tc_multi_next_done(multi, &code) {
                complete(transfer, code: code)
            }
        }
    }

    private func enqueue(_ job: Job, first: Bool) {
        var job = job
        guard let parts = URLParts(job.request.url), !parts.host.isEmpty || !parts.isHTTP else {
            finished.append((job.tag, .failure(.invalidURL(redactedURL(job.request.url)))))
            return
        }
        guard parts.isHTTP else {
            finished.append((job.tag, .failure(.schemeRefused(parts.scheme))))
            return
        }
        job.host = parts.host
        if first { pending.insert(job, at: 0) } else { pending.append(job) }
    }

    private func startWaiting() {
        let options = client.options
        var index = 0
        while index < pending.count, active.count < options.maxConnections {
            let job = pending[index]
            if activePerHost[job.host, default: 0] >= options.maxConnectionsPerHost {
                index += 1
                continue
            }
            pending.remove(at: index)
            start(job)
        }
    }

    private func start(_ job: Job) {
        let id = nextID
        nextID += 1
        let options = client.options
        let body = job.request.body ?? []
        let transfer: OpaquePointer? = job.request.url.withCString { url in
            options.userAgent.withCString { agent in
                job.request.method.withCString { method in
                    body.withUnsafeBufferPointer { bodyBytes in
                        withOptionalCString(options.caFile) { caFile in
                            var settings = tc_options(
                                url: url, user_agent: agent, method: method,
                                body: job.request.body == nil ? nil : bodyBytes.baseAddress,
                                body_length: body.count,
                                connect_timeout_ms: options.connectTimeoutMilliseconds,
                                total_timeout_ms: options.totalTimeoutMilliseconds,
                                max_body_bytes: options.maxBodyBytes,
                                accept_encoding: 1, ca_file: caFile)
                            return tc_transfer_new(&settings, id)
                        }
                    }
                }
            }
        }
        guard let transfer else {
            finished.append((job.tag, .failure(.transfer(code: -1, message: "libcurl could not set up the request"))))
            return
        }
        for header in job.request.headers {
            // A header line with a line break would smuggle another header.
            let name = header.name.filter { $0 != "\r" && $0 != "\n" }
            let value = header.value.filter { $0 != "\r" && $0 != "\n" }
            _ = tc_transfer_add_header(transfer, "\(name): \(value)")
        }
        guard let multi, tc_multi_add(multi, transfer) == 0 else {
            tc_transfer_free(transfer)
            finished.append((job.tag, .failure(.transfer(code: -1, message: "libcurl refused the transfer"))))
            return
        }
        active[id] = job
        activePerHost[job.host, default: 0] += 1
        transfers[id] = transfer
    }

    private var transfers: [Int64: OpaquePointer] = [:]

    private func release(_ id: Int64) -> Job? {
        guard let job = active.removeValue(forKey: id) else { return nil }
        activePerHost[job.host, default: 1] -= 1
        if activePerHost[job.host] == 0 { activePerHost[job.host] = nil }
        if let transfer = transfers.removeValue(forKey: id) { tc_transfer_free(transfer) }
        return job
    }

    private func failAllActive(_ error: HTTPError) {
        for id in Array(active.keys) {
            if let job = release(id) { finished.append((job.tag, .failure(error))) }
        }
    }

    private func complete(_ transfer: OpaquePointer, code: Int32) {
        let id = tc_transfer_tag(transfer)
        let answer = Self.answer(transfer, code: code, maxBody: client.options.maxBodyBytes)
        guard var job = release(id) else { return }
        switch answer {
        case .failure(let error):
            finished.append((job.tag, .failure(error)))
        case .success(var response):
            response.redirects = job.redirects
            let redirecting = [301, 302, 303, 307, 308].contains(response.status) && response.location != nil
            guard redirecting, job.request.followRedirects, let target = response.location else {
                finished.append((job.tag, .success(response)))
                return
            }
            guard let parts = URLParts(target), parts.isHTTP else {
                let scheme = URLParts(target)?.scheme ?? "unknown"
                finished.append((job.tag, .failure(.schemeRefused(scheme))))
                return
            }
            guard job.redirects.count < client.options.maxRedirects else {
                finished.append((job.tag, .failure(.tooManyRedirects(client.options.maxRedirects))))
                return
            }
            guard !job.visited.contains(target) else {
                finished.append((job.tag, .failure(.redirectLoop(redactedURL(target)))))
                return
            }
            job.redirects.append(HTTPRedirect(from: job.request.url, to: target, status: response.status))
            job.visited.insert(target)
            // 303, and 301/302 after a POST as browsers do, become a GET without a body.
            if response.status == 303 || (job.request.method == "POST" && response.status < 303) {
                job.request.method = "GET"
                job.request.body = nil
            }
            job.request.url = target
            enqueue(job, first: true)
        }
    }

    private static func answer(_ transfer: OpaquePointer, code: Int32, maxBody: Int) -> Result<HTTPResponse, HTTPError> {
        if Int(code) != TC_OK {
            return .failure(error(transfer, code: code, maxBody: maxBody))
        }
        var headerLength = 0
        var headers: [(name: String, value: String)] = []
        if let raw = tc_transfer_headers(transfer, &headerLength) {
            let text = String(decoding: UnsafeRawBufferPointer(start: raw, count: headerLength), as: UTF8.self)
            headers = parseHeaders(text)
        }
        var bodyLength = 0
        let body: [UInt8]
        if let raw = tc_transfer_body(transfer, &bodyLength), bodyLength > 0 {
            body = Array(UnsafeBufferPointer(start: raw, count: bodyLength))
        } else {
            body = []
        }
        let url = tc_transfer_effective_url(transfer).map { String(cString: $0) } ?? ""
        let location = tc_transfer_redirect_url(transfer).map { String(cString: $0) }
        return .success(HTTPResponse(status: tc_transfer_status(transfer), headers: headers, body: body, url: url,
                                     redirects: [], location: location))
    }

    private static func error(_ transfer: OpaquePointer, code: Int32, maxBody: Int) -> HTTPError {
        let message = String(cString: tc_transfer_error(transfer, code))
        if tc_transfer_body_exceeded(transfer) != 0 { return .bodyTooLarge(limit: maxBody) }
        switch Int(code) {
        case TC_UNSUPPORTED_PROTOCOL:
            let url = tc_transfer_effective_url(transfer).map { String(cString: $0) } ?? ""
            return .schemeRefused(URLParts(url)?.scheme ?? "unknown")
        case TC_URL_MALFORMAT: return .invalidURL(message)
        case TC_OPERATION_TIMEDOUT: return .timedOut
        case TC_COULDNT_RESOLVE_HOST, TC_COULDNT_RESOLVE_PROXY: return .cannotResolve(message)
        case TC_COULDNT_CONNECT: return .cannotConnect(message)
        case TC_SSL_CONNECT_ERROR, TC_PEER_FAILED_VERIFICATION, TC_SSL_CACERT_BADFILE, 58, 59, 83, 90, 91:
            return .tls(message)
        case TC_PARTIAL_FILE, TC_RECV_ERROR, TC_GOT_NOTHING: return .truncated(message)
        case TC_BAD_CONTENT_ENCODING: return .badEncoding(message)
        default: return .transfer(code: Int(code), message: message)
        }
    }

    static func parseHeaders(_ text: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.hasPrefix("HTTP/") { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if !name.isEmpty { headers.append((name, value)) }
        }
        return headers
    }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
