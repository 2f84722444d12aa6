import Foundation

/// A file's weather readings in one value of the `readings` table, in the order the file gives
/// them: per reading, the region's UTF-8 length (4 bytes, little-endian), the region, and the
/// temperature's bits (8 bytes, little-endian), so a temperature reads back exactly.
/// One row per file instead of one per reading: a store of pages has four readings per page.
enum ReadingsBlob {
    static func encode(_ readings: [(region: String, celsius: Double)]) -> Data {
        var data = Data()
        for r in readings {
            let region = Array(r.region.utf8)
            withUnsafeBytes(of: UInt32(region.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: region)
            withUnsafeBytes(of: r.celsius.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The readings, in order; a damaged value ends early (what it holds before the damage).
    static func decode(_ data: Data) -> [(region: String, celsius: Double)] {
        data.withUnsafeBytes { raw in
            var out: [(region: String, celsius: Double)] = []
            var at = 0
            while at + 4 <= raw.count {
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                guard length <= raw.count - at - 12 else { break }
                let region = String(decoding: raw[(at + 4)..<(at + 4 + length)], as: UTF8.self)
                let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4 + length, as: UInt64.self))
                out.append((region, Double(bitPattern: bits)))
                at += 12 + length
            }
            return out
        }
    }
}
