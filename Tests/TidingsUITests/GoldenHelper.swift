import Foundation
import Testing
@testable import TidingsUI

/// Compares a rendered screen with `Golden/<name>.txt`; `UPDATE_GOLDEN=1` writes the file instead.
/// Each row ends with `|` so trailing spaces survive editors and the width is visible; a wide
/// grapheme is one character in the file but two columns on screen, so the bars line up.
func assertGolden(_ buffer: Buffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = dir.appendingPathComponent(name + ".txt")
    var text = (0..<buffer.height).map { buffer.line($0) + "|" }.joined(separator: "\n") + "\n"
    if let c = buffer.cursor { text += "cursor \(c.x),\(c.y)\n" }
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do { try text.write(to: file, atomically: true, encoding: .utf8) } catch {
            Issue.record("cannot write \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no golden file \(file.path); run with UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
        return
    }
    guard expected != text else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    var diff = "screen \(name) differs from \(file.lastPathComponent):\n"
    for i in 0..<max(want.count, got.count) {
        let w = i < want.count ? String(want[i]) : "<none>"
        let g = i < got.count ? String(got[i]) : "<none>"
        if w != g { diff += "row \(i)\n  want: \(w)\n  got:  \(g)\n" }
    }
    Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
}
