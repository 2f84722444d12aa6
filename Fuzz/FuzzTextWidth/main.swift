// libFuzzer target: the reader's text layout on arbitrary Unicode: TextWidth, Wrap.lines,
// truncate/pad, and drawing into a cell Buffer. The first byte picks the width (0...99).
// Invariants: a wrapped line is never wider than the width unless it holds one visible grapheme;
// wrapping keeps every visible character in order; truncate fits; pad is exactly the width; a
// drawn row holds exactly `width` columns with every wide cell followed by its continuation, and
// drawing with the printable-ASCII fast path gives the cells the grapheme-by-grapheme path gives.
import TidingsUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextWidth(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 100)
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)

    let lines = Wrap.lines(text, width: width)
    if width == 0 {
        if !lines.isEmpty { fatalError("width 0 gave lines") }
    } else {
        // Wider than the width only when one wide grapheme (plus zero-width ones) cannot fit.
        for line in lines where TextWidth.of(line) > width && line.filter({ TextWidth.of($0) > 0 }).count != 1 {
            fatalError("line of width \(TextWidth.of(line)) > \(width): \(line.debugDescription)")
        }
        // Zero-width clusters (a lone ZWSP, controls) may vanish at a line end: nothing visible is lost.
        let kept = lines.flatMap { Array($0) }.filter { $0 != " " && TextWidth.of($0) > 0 }
        let given = Array(text).filter { $0 != " " && TextWidth.of($0) > 0 }
        if kept != given { fatalError("wrap lost or changed text") }
    }

    let cut = TextWidth.truncate(text, to: width)
    if TextWidth.of(cut) > width { fatalError("truncate to \(width) gave width \(TextWidth.of(cut))") }
    if width > 0 && TextWidth.of(TextWidth.pad(text, to: width)) != width { fatalError("pad is not \(width) wide") }

    guard width > 0 else { return 0 }
    var buffer = Buffer(width: width, height: 2)
    buffer.write(text, x: 0, y: 0, style: .plain)
    buffer.write(text, x: Int(data[0] % 7) - 3, y: 1, maxWidth: width / 2, style: .plain)
    var slow = Buffer(width: width, height: 2)
    _ = slow.writeByGraphemes(text, x: 0, y: 0, style: .plain)
    _ = slow.writeByGraphemes(text, x: Int(data[0] % 7) - 3, y: 1, maxWidth: width / 2, style: .plain)
    if slow != buffer { fatalError("the ASCII fast path drew other cells than the grapheme walk") }
    for y in 0..<2 {
        var x = 0
        while x < width {
            let cell = buffer[x, y]
            if cell.isContinuation { fatalError("orphan continuation at \(x),\(y)") }
            let w = TextWidth.of(cell.grapheme)
            if w == 2 {
                if x + 1 >= width || !buffer[x + 1, y].isContinuation { fatalError("wide cell at \(x),\(y) without continuation") }
                x += 2
            } else if w == 1 {
                x += 1
            } else {
                fatalError("cell \(cell.grapheme.debugDescription) at \(x),\(y) has width \(w)")
            }
        }
        if TextWidth.of(buffer.line(y)) != width { fatalError("row \(y) is \(TextWidth.of(buffer.line(y))) wide, not \(width)") }
    }
    return 0
}
