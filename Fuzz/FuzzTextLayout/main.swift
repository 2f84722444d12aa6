// libFuzzer target: the text layout every output uses (Wrap.lines, TextWidth.truncate and pad,
// TextWidth.of) on arbitrary Unicode. The first byte picks the width (1...99). Invariants: a
// wrapped line never exceeds the width unless it is one character wider than the whole width;
// wrapping loses no visible text; truncate stays within the width; pad is exactly the width.
import TidingsUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 99) + 1
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    let lines = Wrap.lines(text, width: width)
    if lines.isEmpty { fatalError("wrap gave no lines") }
    for line in lines {
        let w = TextWidth.of(line)
        if w > width && line.filter({ TextWidth.of($0) > 0 }).count != 1 { fatalError("line of width \(w) > \(width): \(line.debugDescription)") }
    }
    // Zero-width clusters (a lone ZWSP, controls) may vanish at a line end, and newlines break
    // lines: nothing visible is lost.
    let kept = lines.flatMap { Array($0) }.filter { $0 != " " && TextWidth.of($0) > 0 }
    let given = Array(text).filter { $0 != " " && $0 != "\n" && TextWidth.of($0) > 0 }
    if kept != given { fatalError("wrap lost or changed text") }

    let cut = TextWidth.truncate(text, to: width)
    if TextWidth.of(cut) > width { fatalError("truncate to \(width) gave width \(TextWidth.of(cut))") }
    if TextWidth.of(TextWidth.pad(text, to: width)) != width { fatalError("pad is not \(width) wide") }
    return 0
}
