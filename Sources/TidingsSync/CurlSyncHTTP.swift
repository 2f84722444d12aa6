import TidingsNet

/// `SyncHTTP` over the program's HTTP client (libcurl loaded at run time).
public struct CurlSyncHTTP: SyncHTTP {
    let client: HTTPClient

    public init(timeoutSeconds: Double = 30) throws {
        do {
            client = try HTTPClient(options: HTTPClientOptions(
                userAgent: "Tidings sync", connectTimeoutMilliseconds: Int(min(timeoutSeconds, 10) * 1000),
                totalTimeoutMilliseconds: Int(timeoutSeconds * 1000), maxBodyBytes: 64 << 20, maxRedirects: 3,
                maxConnections: 8, maxConnectionsPerHost: 8))
        } catch {
            throw SyncError.settings("cannot sync: \(error)")
        }
    }

    static func request(_ url: String, _ fields: [(String, String)]) -> HTTPRequest {
        let body = fields.map { formEncode($0.0) + "=" + formEncode($0.1) }.joined(separator: "&")
        return HTTPRequest(url: url, method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                           body: Array(body.utf8), followRedirects: true)
    }

    public func postForms(_ requests: [(url: String, fields: [(String, String)])], timeout: Double)
        -> [Result<(status: Int, body: [UInt8]), SyncError>] {
        var answers = [Result<(status: Int, body: [UInt8]), SyncError>](repeating: .failure(.unreachable("no answer")), count: requests.count)
        client.sendAll(requests.map { Self.request($0.url, $0.fields) }) { index, result in
            switch result {
            case .success(let response): answers[index] = .success((response.status, response.body))
            case .failure(let error): answers[index] = .failure(.unreachable("no answer from \(redactedURL(requests[index].url)): \(error)"))
            }
        }
        return answers
    }

    public func postForm(_ url: String, fields: [(String, String)], timeout: Double) throws -> (status: Int, body: [UInt8]) {
        switch client.send(Self.request(url, fields)) {
        case .success(let response):
            return (response.status, response.body)
        case .failure(let error):
            throw SyncError.unreachable("no answer from \(redactedURL(url)): \(error)")
        }
    }
}

/// application/x-www-form-urlencoded: unreserved bytes as they are, the rest %XX.
func formEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}
