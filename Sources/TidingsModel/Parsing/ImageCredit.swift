/// `Image credit: Salon` and its variants. The line before it (when adjacent) is the caption.
enum ImageCredit {
    private static let prefixes: [[UInt8]] = [
        "image credit:", "image credits:", "image source:", "photo credit:", "photo credits:",
        "photo:", "credit:", "image:", "source image:",
    ].map { Array($0.utf8) }

    /// The byte offset where the credit text starts, or nil when the line is not a credit line.
    static func creditStart(_ p: UnsafeBufferPointer<UInt8>, _ line: ByteLine) -> Int? {
        guard line.count <= 200 else { return nil }
        for prefix in prefixes where ByteText.hasPrefixLowercase(p, line, prefix) {
            var s = line.start + prefix.count
            while s < line.end && p[s] == 0x20 { s += 1 }
            return s
        }
        return nil
    }
}
