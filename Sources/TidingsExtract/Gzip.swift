import CZlib
import TidingsModel

/// Inflates gzip data (`.html.gz` pages) with zlib.
enum Gzip {
    /// No more than a stored page may be (`HTMLPageParser`/`FeedParser.maxFileSize`): inflating
    /// stops as soon as the output passes it, so a bomb costs about this much memory, not its size.
    static let maxOutput = 64 << 20

    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func inflate(_ input: [UInt8]) throws(SkipReason) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header; concatenated members are handled by the loop below.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SkipReason("cannot start gzip decoder")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(min(input.count * 4, maxOutput))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let rc: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > output.capacity {
                    // Grow by doubling but never past the limit (and a chunk): the peak stays near it.
                    output.reserveCapacity(min(max(output.capacity * 2, output.count + produced), maxOutput + chunk.count))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maxOutput { return Z_MEM_ERROR }
                if rc == Z_STREAM_END {
                    // Another gzip member may follow.
                    if stream.avail_in == 0 { return Z_STREAM_END }
                    if inflateReset(&stream) != Z_OK { return Z_DATA_ERROR }
                    continue
                }
                if rc != Z_OK { return rc }
                if stream.avail_in == 0 && produced == 0 { return Z_BUF_ERROR }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR: throw SkipReason("gzip data inflates past \(maxOutput >> 20) MB")
        case Z_BUF_ERROR:
            // Truncated archive: keep what inflated, a cut-off page is still a page.
            if output.isEmpty { throw SkipReason("truncated gzip data") }
            return output
        default: throw SkipReason("corrupt gzip data")
        }
    }
}
