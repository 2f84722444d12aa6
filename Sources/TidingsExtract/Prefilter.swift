#if canImport(Glibc)
import Glibc
#endif

/// Cuts scripts, styles, comments, inline SVG and `<noscript>`/`<template>` out of a page before
/// libxml2 sees it. They are most of a news page's bytes (60% on the benchmark), none of them is
/// article text, and libxml2's tokenizer is the slowest step; JSON-LD scripts are kept aside for the
/// metadata.
struct Prefiltered {
    var bytes: [UInt8]
    var jsonLD: [[UInt8]]
}

enum Prefilter {
    private static let rawTags: [[UInt8]] = ["script", "style", "svg", "noscript", "template", "textarea"].map { Array($0.utf8) }

    static func run(_ input: [UInt8]) -> Prefiltered {
        var out = [UInt8]()
        out.reserveCapacity(input.count / 2)
        var jsonLD = [[UInt8]]()
        input.withUnsafeBufferPointer { buf in
            let n = buf.count
            guard let base = buf.baseAddress else { return }
            var copyFrom = 0
            var i = 0
            while i < n {
                guard let p = memchr(base + i, 0x3C, n - i) else { break }
                let lt = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                if lt + 3 < n, buf[lt + 1] == 0x21, buf[lt + 2] == 0x2D, buf[lt + 3] == 0x2D {  // <!--
                    let end = find(buf, "-->", from: lt + 4) ?? n
                    out.append(contentsOf: buf[copyFrom..<lt])
                    copyFrom = min(n, end + 3)
                    i = copyFrom
                    continue
                }
                if let tag = rawTag(buf, at: lt + 1) {
                    let openEnd = (memchr(base + lt, 0x3E, n - lt).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }) ?? n
                    // A self-closed `<svg ... />` has no content to skip.
                    let selfClosed = tag == 2 && openEnd < n && openEnd > lt && buf[openEnd - 1] == 0x2F
                    let close = selfClosed ? (start: openEnd + 1, end: openEnd + 1)
                        : findClose(buf, tag, from: min(n, openEnd + 1))
                    if tag == 0, openEnd < n, isJSONLD(buf, lt..<openEnd) {
                        jsonLD.append(Array(buf[(openEnd + 1)..<close.start]))
                    }
                    out.append(contentsOf: buf[copyFrom..<lt])
                    copyFrom = close.end
                    i = close.end
                    continue
                }
                if let end = furnitureEnd(buf, at: lt) {
                    out.append(contentsOf: buf[copyFrom..<lt])
                    copyFrom = end
                    i = end
                    continue
                }
                i = lt + 1
            }
            out.append(contentsOf: buf[copyFrom..<n])
        }
        if out.contains(0x1B) { out = stripEscapes(out) }
        return Prefiltered(bytes: out, jsonLD: jsonLD)
    }

    /// Terminal escape sequences (ESC [ ... final, ESC ] ... BEL or ESC \, two-byte ESC x) removed
    /// from the bytes: libxml2 drops the ESC itself but would keep the visible rest ("[31m").
    static func stripEscapes(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x1B else { out.append(bytes[i]); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case 0x5B:  // CSI
                i += 1
                while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                i += 1
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: to BEL or ST
                i += 1
                let start = i  // bounded, so a stray ESC ] cannot swallow the page
                while i < bytes.count, bytes[i] != 0x07, bytes[i] != 0x1B, i - start < 512 { i += 1 }
                if i < bytes.count, bytes[i] == 0x1B { i += 1 }
                i += 1
            default:
                i += 1
            }
        }
        return out
    }

    private static let furnitureTags: [[UInt8]] = ["nav", "aside", "footer", "select"].map { Array($0.utf8) }
    private static let div = Array("div".utf8)
    /// Regions that hold metadata the builder reads: breadcrumbs, the weather, and an article
    /// footer's byline or date (`rel="author"`, `<time datetime>`).
    private static let keepMarkers: [[UInt8]] = ["breadcrumb", "weather", "rel=\"author", "datetime=", "byline"].map { Array($0.utf8) }

    /// Navigation, asides, footers and selects are dropped by the page builder anyway; cutting them
    /// here spares libxml2 a fifth of the markup. Only a region that is certainly the element is cut:
    /// its own tags balance, the `<div>`s inside balance (so no ancestor closes inside it), and it
    /// holds no breadcrumbs or weather widget (read as metadata). Anything else is left to libxml2.
    private static func furnitureEnd(_ buf: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
        guard lt + 1 < buf.count else { return nil }
        let c = buf[lt + 1] | 0x20
        guard c == 0x6E || c == 0x61 || c == 0x66 || c == 0x73 else { return nil }  // n a f s
        guard let name = furnitureTags.first(where: { matches(buf, at: lt + 1, $0) && isNameEnd(buf, lt + 1 + $0.count) }) else {
            return nil
        }
        let n = buf.count
        var depth = 0
        var divs = 0
        var i = lt
        while i < n {
            guard let p = memchr(buf.baseAddress! + i, 0x3C, n - i) else { return nil }
            let at = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if at + 1 < n, buf[at + 1] == 0x2F {
                if matches(buf, at: at + 2, name), isNameEnd(buf, at + 2 + name.count) {
                    depth -= 1
                    if depth == 0 {
                        guard divs == 0, let close = memchr(buf.baseAddress! + at, 0x3E, n - at) else { return nil }
                        let end = buf.baseAddress!.distance(to: close.assumingMemoryBound(to: UInt8.self)) + 1
                        if keepMarkers.contains(where: { contains(buf, lt..<end, $0) }) { return nil }
                        return end
                    }
                } else if matches(buf, at: at + 2, div), isNameEnd(buf, at + 5) {
                    divs -= 1
                    if divs < 0 { return nil }
                }
            } else if matches(buf, at: at + 1, name), isNameEnd(buf, at + 1 + name.count) {
                depth += 1
            } else if matches(buf, at: at + 1, div), isNameEnd(buf, at + 4) {
                divs += 1
            }
            i = at + 1
        }
        return nil
    }

    private static func isNameEnd(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < buf.count else { return false }
        let c = buf[i]
        return c == 0x3E || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x2F
    }

    private static func contains(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ key: [UInt8]) -> Bool {
        var i = range.lowerBound
        while i + key.count <= range.upperBound {
            if (buf[i] | 0x20) == key[0], matches(buf, at: i, key) { return true }
            i += 1
        }
        return false
    }

    /// Index into `rawTags` when `<name` at `i` opens one of them.
    private static func rawTag(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < buf.count else { return nil }
        let first = buf[i] | 0x20
        guard first == 0x73 || first == 0x6E || first == 0x74 else { return nil }  // s, n, t
        for (k, name) in rawTags.enumerated() where matches(buf, at: i, name) {
            let after = i + name.count
            if after >= buf.count { return k }
            let c = buf[after]
            if c == 0x3E || c == 0x2F || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D { return k }
        }
        return nil
    }

    private static func matches(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, _ key: [UInt8]) -> Bool {
        guard i + key.count <= buf.count else { return false }
        for k in 0..<key.count {
            let b = buf[i + k]
            if ((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) != key[k] { return false }
        }
        return true
    }

    /// Where `</name ...>` starts and ends; the end of input when it never closes.
    private static func findClose(_ buf: UnsafeBufferPointer<UInt8>, _ tag: Int, from: Int) -> (start: Int, end: Int) {
        let name = rawTags[tag]
        var i = from
        let n = buf.count
        while i < n {
            guard let p = memchr(buf.baseAddress! + i, 0x3C, n - i) else { break }
            let lt = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if lt + 1 < n, buf[lt + 1] == 0x2F, matches(buf, at: lt + 2, name) {
                var j = lt + 2 + name.count
                while j < n, buf[j] != 0x3E { j += 1 }
                return (lt, min(n, j + 1))
            }
            i = lt + 1
        }
        return (n, n)
    }

    /// Start of `needle` at or after `from` (needle starts with a byte other than '<' is not assumed).
    private static func find(_ buf: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        guard let base = buf.baseAddress else { return nil }
        let key = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var i = from
        while i + key.count <= buf.count {
            guard let p = memchr(base + i, Int32(key[0]), buf.count - i) else { return nil }
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            guard at + key.count <= buf.count else { return nil }
            var k = 1
            while k < key.count, buf[at + k] == key[k] { k += 1 }
            if k == key.count { return at }
            i = at + 1
        }
        return nil
    }

    private static func isJSONLD(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let key = Array("ld+json".utf8)
        var i = range.lowerBound
        while i + key.count <= range.upperBound {
            if matches(buf, at: i, key) { return true }
            i += 1
        }
        return false
    }
}
