// libFuzzer target: the command line's text layout (wrap, truncate, fit and display width) on
// arbitrary Unicode. The first byte picks the width (0...99). Invariants: a wrapped line never
// exceeds the width unless it is one character wider than the whole width; wrapping loses no
// visible text; truncate stays within the width; fit is exactly the width.
import TidingsCLI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 100)
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    let lines = TextLayout.wrap(text, width: width)
    if lines.isEmpty { fatalError("wrap gave no lines") }
    for line in lines {
        let w = DisplayWidth.of(line)
        if w > max(width, 1) && line.filter({ DisplayWidth.of($0) > 0 }).count != 1 { fatalError("line of width \(w) > \(width): \(line.debugDescription)") }
    }
    // Zero-width clusters (a lone ZWSP, controls) may vanish at a line end: nothing visible is lost.
    let kept = lines.flatMap { Array($0) }.filter { $0 != " " && DisplayWidth.of($0) > 0 }
    let given = Array(text).filter { $0 != " " && DisplayWidth.of($0) > 0 }
    if kept != given { fatalError("wrap lost or changed text") }

    let cut = TextLayout.truncate(text, to: width)
    if DisplayWidth.of(cut) > width { fatalError("truncate to \(width) gave width \(DisplayWidth.of(cut))") }
    if width > 0 && DisplayWidth.of(TextLayout.fit(text, to: width)) != width { fatalError("fit is not \(width) wide") }
    return 0
}
