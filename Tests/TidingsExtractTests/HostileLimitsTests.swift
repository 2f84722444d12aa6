import CZlib
import Foundation
import Testing
import TidingsModel
@testable import TidingsExtract

/// Inputs built to cost time or memory: gzip bombs, giant JSON-LD, headlines and summaries of
/// megabytes. Each is bounded where it starts (inflation stops at the page limit, JSON-LD walks
/// read a queue from its head, every headline and summary is cut to a readable length).
@Suite struct HostileLimitsTests {
    /// `count` bytes of `text` repeated, gzipped in one stream, without holding the whole input.
    static func gzip(repeating text: String, count: Int) -> [UInt8] {
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                              Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var piece = Array(String(repeating: text, count: max(1, (1 << 20) / text.utf8.count)).utf8)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var left = count
        while true {
            let n = min(left, piece.count)
            left -= n
            let flush = left == 0 ? Z_FINISH : Z_NO_FLUSH
            piece.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(n)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { o in
                        stream.next_out = o.baseAddress
                        stream.avail_out = uInt(o.count)
                        _ = deflate(&stream, flush)
                    }
                    out += chunk[0..<(chunk.count - Int(stream.avail_out))]
                } while stream.avail_out == 0
            }
            if left == 0 { break }
        }
        return out
    }

    /// 250 MB of paragraphs in well under a megabyte: refused once the output passes the page
    /// limit (64 MiB), not inflated to the end and parsed.
    @Test func aGzipPageLargerThanThePageLimitIsRefusedAtTheLimit() throws {
        let bomb = Self.gzip(repeating: "<p>Words of a paragraph that repeats for ever.</p>\n", count: 250 << 20)
        #expect(bomb.count < 2 << 20)
        #expect(throws: SkipReason.self) { _ = try HTMLPageParser().parse(bomb, path: "bomb.html.gz") }
        do {
            _ = try Gzip.inflate(bomb)
            Issue.record("inflated past the limit")
        } catch {
            #expect(error.description.contains("64 MB"))
        }
        // A page under the limit still inflates whole.
        let page = Self.gzip(repeating: "<p>Fine.</p>", count: 1 << 20)
        #expect(try Gzip.inflate(page).count == 1 << 20)
    }

    /// A flat JSON-LD array of three million numbers, as author and as the whole block: parsed,
    /// its headline and no number taken for an author.
    @Test func aHugeFlatJSONLDArrayIsWalkedOnce() throws {
        let numbers = (0..<3_000_000).map { _ in "7" }.joined(separator: ",")
        let html = """
            <html><head><title>T</title><script type="application/ld+json">[\(numbers)]</script>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Flat array","author":[\(numbers),{"name":"Ann Lee"}]}</script>
            </head><body><p>\(String(repeating: "Some text here. ", count: 40))</p></body></html>
            """
        let page = try HTMLPageParser().parsePage(Array(html.utf8))
        #expect(page.headline == "Flat array")
        #expect(!page.authors.contains("7"))
    }

    /// Headlines and summaries from HTML, JSON-LD and feeds are cut to a readable length.
    @Test func headlinesAndSummariesAreCutToAReadableLength() throws {
        let long = String(repeating: "word ", count: 400_000)  // 2 MB on one line
        let html = """
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"\(long)"}</script></head>
            <body><p>\(long)</p></body></html>
            """
        let page = try HTMLPageParser().parsePage(Array(html.utf8))
        #expect(page.headline.utf8.count <= TextLimits.headlineBytes + 3)
        #expect(page.headline.hasSuffix("\u{2026}") && page.headline.hasPrefix("word word"))
        #expect(try #require(page.summary).utf8.count <= TextLimits.summaryBytes + 3)
        #expect(page.body.blocks.contains { $0.text.utf8.count > 1_000_000 })  // the body keeps it all

        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
            <item><title>\(long)</title><description>\(long)</description></item></channel></rss>
            """
        let items = try FeedParser().parse(Array(feed.utf8), path: "f.xml").pages
        #expect(items.count == 1)
        #expect(items[0].headline.utf8.count <= TextLimits.headlineBytes + 3)
        #expect(try #require(items[0].summary).utf8.count <= TextLimits.summaryBytes + 3)
        // Cutting is stable: a cut headline is not cut again (its article id stays).
        #expect(TextLimits.cut(items[0].headline, bytes: TextLimits.headlineBytes) == items[0].headline)
    }
}
