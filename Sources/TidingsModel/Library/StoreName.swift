#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes; Tidings keeps them as Strings (paths in the index, article sources).
/// A name that is valid UTF-8 is its own String. Any byte that is not part of valid UTF-8 becomes
/// the private-use character U+10FF00 + byte (and the rare real U+10FF00...U+10FFFF in a name is
/// written as its four bytes that way too), so the mapping is one-to-one: `x\xff.txt` and
/// `x\u{FFFD}.txt` stay two files, and a name turns back into exactly the bytes it came from
/// for opening. On screen the escapes show as U+FFFD (`TextSanitizer`).
public enum StoreName {
    public static let escapes: ClosedRange<UInt32> = 0x10FF00...0x10FFFF

    /// The String for a name's (or path's) bytes.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isPlain(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var consumed = 0
        func escape(_ range: Range<Int>) {
            for i in range { out.append(Unicode.Scalar(escapes.lowerBound + UInt32(bytes[i]))!) }
        }
        loop: while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if escapes.contains(scalar.value) {
                    escape(consumed..<consumed + encoded.count)
                } else {
                    out.append(scalar)
                }
                consumed += encoded.count
            case .error(let length):
                escape(consumed..<consumed + length)
                consumed += length
            case .emptyInput:
                break loop
            }
        }
        return String(out)
    }

    public static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    public static func string(cString: UnsafePointer<CChar>) -> String {
        string(UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: strlen(cString)))
    }

    /// The bytes a String made by `string` came from.
    public static func bytes(_ name: String) -> [UInt8] {
        guard hasEscapes(name) else { return Array(name.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if escapes.contains(scalar.value) {
                out.append(UInt8(scalar.value - escapes.lowerBound))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// Calls `body` with the name's bytes as a C string (for open, stat, opendir).
    public static func withCString<R>(_ name: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard hasEscapes(name) else { return try name.withCString(body) }
        let raw = bytes(name) + [0]
        return try raw.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    static func hasEscapes(_ name: String) -> Bool {
        var prev: UInt8 = 0
        for b in name.utf8 {
            if prev == 0xF4 && b == 0x8F { return true }
            prev = b
        }
        return false
    }

    /// Valid UTF-8 with no U+10FF00...U+10FFFF (no F4 8F): the common case, no escapes needed.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return true }
        var prev: UInt8 = 0
        for b in bytes {
            if prev == 0xF4 && b == 0x8F { return false }
            prev = b
        }
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid: continue
            case .error: return false
            case .emptyInput: return true
            }
        }
    }
}
