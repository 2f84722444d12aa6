// libFuzzer target: the text page parser on arbitrary bytes. Beyond "no crash": a page is either
// skipped with a reason or gives a headline; every string is terminal-safe; readings are
// plausible Celsius; the body-less scan agrees with the full parse on everything but the body.
import TestSupport
import TidingsModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = TextPageParser()
    let full: ParsedFile
    do {
        full = try parser.parse(bytes, path: "fuzz.txt")
    } catch is SkipReason {
        guard (try? parser.summarize(bytes, path: "fuzz.txt")) == nil else { fatalError("summarize accepted a skipped page") }
        return 0
    } catch {
        fatalError("parse threw something other than SkipReason: \(error)")
    }
    guard full.pages.count == 1, let page = full.pages.first else { fatalError("a text page gives one page") }
    let problems = TerminalSafety.problems(in: page)
    if !problems.isEmpty { fatalError("unsafe text: \(problems)") }
    if page.headline.isEmpty { fatalError("empty headline") }
    for reading in page.weather where !(reading.celsius.isFinite && (-90...60).contains(reading.celsius)) {
        fatalError("implausible reading \(reading.celsius)")
    }
    guard let summary = try? parser.summarize(bytes, path: "fuzz.txt").pages.first else {
        fatalError("summarize skipped a page parse accepted")
    }
    var bodyless = page
    bodyless.body = ArticleBody(blocks: [])
    if summary != bodyless { fatalError("summarize disagrees with parse") }
    return 0
}
