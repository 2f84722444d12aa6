import Foundation
import Testing
import TestSupport
import TidingsNet

/// The HTTP layer against a real server on 127.0.0.1 (Tests/Servers/feed_server.py).
@Suite(.serialized) struct HTTPClientTests {
    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title>
        <item><title>One</title><link>http://example.invalid/1</link><guid>1</guid></item>
        </channel></rss>
        """

    func client(_ adjust: (inout HTTPClientOptions) -> Void = { _ in }) throws -> HTTPClient {
        var options = HTTPClientOptions(userAgent: "Tidings/test", connectTimeoutMilliseconds: 5_000,
                                        totalTimeoutMilliseconds: 20_000)
        adjust(&options)
        return try HTTPClient(options: options)
    }

    @Test func getsABodyWithHeadersAndSendsUserAgentAndCompression() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let response = try client().send(HTTPRequest(url: server.url("/f/feed.xml"))).get()
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == Self.feed)
        #expect(response.header("content-type") == "application/xml")
        #expect(response.header("Content-Encoding") == "gzip")   // decoded by the client
        #expect(response.header("ETag")?.hasPrefix("\"") == true)
        #expect(response.url == server.url("/f/feed.xml"))
        #expect(response.redirects.isEmpty)
        let seen = server.requests(to: "/f/feed.xml")
        #expect(seen.count == 1)
        #expect(seen.first?["user_agent"] as? String == "Tidings/test")
        #expect((seen.first?["accept_encoding"] as? String)?.contains("gzip") == true)
    }

    @Test func conditionalRequestGetsNotModified() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let http = try client()
        let first = try http.send(HTTPRequest(url: server.url("/f/feed.xml"))).get()
        let etag = try #require(first.header("etag"))
        let second = try http.send(HTTPRequest(url: server.url("/f/feed.xml"), headers: [("If-None-Match", etag)])).get()
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        try server.write("feed.xml", Self.feed + "\n<!-- changed -->")
        let third = try http.send(HTTPRequest(url: server.url("/f/feed.xml"), headers: [("If-None-Match", etag)])).get()
        #expect(third.status == 200)
        #expect(third.header("etag") != etag)
    }

    @Test func followsRedirectChainsUpToTheLimit() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let http = try client()
        let five = try http.send(HTTPRequest(url: server.url("/redirect/5/feed.xml"))).get()
        #expect(five.status == 200)
        #expect(five.redirects.count == 5)
        #expect(five.url == server.url("/f/feed.xml"))
        #expect(five.permanentURL == nil)   // 302s are temporary
        let six = http.send(HTTPRequest(url: server.url("/redirect/6/feed.xml")))
        #expect(six.failureValue == .tooManyRedirects(5))
        let loop = http.send(HTTPRequest(url: server.url("/loop/a")))
        #expect(loop.failureValue == .redirectLoop(server.url("/loop/a")))
    }

    @Test func permanentRedirectsNameTheNewURL() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let http = try client()
        for path in ["/moved/feed.xml", "/moved308/feed.xml"] {
            let response = try http.send(HTTPRequest(url: server.url(path))).get()
            #expect(response.status == 200)
            #expect(response.permanentURL == server.url("/f/feed.xml"))
        }
        let temporary = try http.send(HTTPRequest(url: server.url("/temp/feed.xml"))).get()
        #expect(temporary.permanentURL == nil)
        let unfollowed = try http.send(HTTPRequest(url: server.url("/moved/feed.xml"), followRedirects: false)).get()
        #expect(unfollowed.status == 301)
        #expect(unfollowed.location == server.url("/f/feed.xml"))
    }

    @Test func onlyHTTPAndHTTPSLeave() throws {
        let server = try LoopbackServer()
        let http = try client()
        #expect(http.send(HTTPRequest(url: server.url("/tofile"))).failureValue == .schemeRefused("file"))
        #expect(http.send(HTTPRequest(url: "file:///etc/passwd")).failureValue == .schemeRefused("file"))
        #expect(http.send(HTTPRequest(url: "gopher://127.0.0.1/")).failureValue == .schemeRefused("gopher"))
        #expect(http.send(HTTPRequest(url: "not a url")).failureValue == .invalidURL("not a url"))
    }

    @Test func errorStatusesComeBackAsResponses() throws {
        let server = try LoopbackServer()
        let http = try client()
        let gone = try http.send(HTTPRequest(url: server.url("/status/410"))).get()
        #expect(gone.status == 410)
        let limited = try http.send(HTTPRequest(url: server.url("/status/429"))).get()
        #expect(limited.status == 429)
        #expect(limited.header("retry-after") == "120")
        #expect(try http.send(HTTPRequest(url: server.url("/status/500"))).get().status == 500)
    }

    @Test func slowServerTimesOut() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let http = try client { $0.totalTimeoutMilliseconds = 700 }
        #expect(http.send(HTTPRequest(url: server.url("/slow/5/feed.xml"))).failureValue == .timedOut)
    }

    @Test func cutBodyIsReportedNotReturned() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let result = try client().send(HTTPRequest(url: server.url("/cut/feed.xml")))
        guard case .failure(.truncated) = result else {
            Issue.record("expected a truncated transfer, got \(result)")
            return
        }
    }

    @Test func gzipBombIsCutOffAtTheCap() throws {
        let server = try LoopbackServer()
        let http = try client { $0.maxBodyBytes = 4 << 20 }
        #expect(http.send(HTTPRequest(url: server.url("/bomb"))).failureValue == .bodyTooLarge(limit: 4 << 20))
    }

    @Test func refusedConnectionIsNamed() throws {
        let server = try LoopbackServer()
        let url = server.url("/f/x")
        server.stop()
        guard case .failure(.cannotConnect) = try client().send(HTTPRequest(url: url)) else {
            Issue.record("expected cannotConnect")
            return
        }
    }

    @Test func manyRequestsKeepToTwoPerHost() throws {
        let server = try LoopbackServer()
        try server.write("feed.xml", Self.feed)
        let http = try client { $0.maxConnections = 8 }
        let requests = (0..<8).map { HTTPRequest(url: server.url("/slow/0.3/feed.xml?n=\($0)")) }
        var answered: [Int: Int] = [:]
        http.sendAll(requests) { index, result in answered[index] = (try? result.get())?.status }
        #expect(answered.count == 8)
        #expect(answered.values.allSatisfy { $0 == 200 })
        let most = try http.send(HTTPRequest(url: server.url("/maxinflight"))).get()
        #expect(String(decoding: most.body, as: UTF8.self) == "2")
    }

    @Test func postSendsItsBody() throws {
        let server = try LoopbackServer()
        let response = try client().send(HTTPRequest(url: server.url("/api?api"), method: "POST",
                                                      headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                      body: Array("api_key=abc".utf8))).get()
        let echoed = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        #expect(echoed?["body"] == "api_key=abc")
    }

    @Test func passwordsAreRedacted() {
        #expect(redactedURL("https://user:secret@example.com/feed?x=1") == "https://user:***@example.com/feed?x=1")
        #expect(redactedURL("https://user@example.com/feed") == "https://user@example.com/feed")
        #expect(redactedURL("https://example.com/a:b@c") == "https://example.com/a:b@c")
        #expect(URLParts("HTTPS://User:pw@Example.COM:8443/x")?.host == "example.com")
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
