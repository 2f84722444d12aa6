// libFuzzer target: TextSanitizer on arbitrary bytes. The byte path and the String path agree,
// the result is terminal-safe, and cleaning is idempotent.
import TestSupport
import TidingsModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let viaBytes = TextSanitizer.clean(utf8: buffer)
    let viaString = TextSanitizer.clean(String(decoding: buffer, as: UTF8.self))
    if viaBytes != viaString { fatalError("byte and String paths differ") }
    if let bad = TerminalSafety.firstForbidden(in: viaBytes) {
        fatalError("U+\(String(bad.scalar.value, radix: 16)) survived cleaning")
    }
    if TextSanitizer.clean(viaBytes) != viaBytes { fatalError("not idempotent") }
    // A Substring goes through the same code.
    let text = String(decoding: buffer, as: UTF8.self)
    if TextSanitizer.clean(text.dropFirst()) != TextSanitizer.clean(String(text.dropFirst())) {
        fatalError("Substring and String differ")
    }
    return 0
}
