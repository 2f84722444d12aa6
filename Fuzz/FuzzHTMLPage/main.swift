// libFuzzer target: the HTML extractor (libxml2's HTML parser, then our scorer and metadata).
// Beyond "no crash": a page is skipped with a reason or every string it yields, links included,
// is terminal-safe, headline and summary within `TextLimits` (JSON-LD ones too), and the
// body-less scan agrees with the full parse on the headline. Gzipped seeds reach the inflater.
import TestSupport
import TidingsExtract
import TidingsModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = HTMLPageParser()
    let file: ParsedFile
    do {
        file = try parser.parse(bytes, path: "fuzz.html")
    } catch is SkipReason {
        return 0
    } catch {
        fatalError("parse threw something other than SkipReason: \(error)")
    }
    for page in file.pages {
        let problems = TerminalSafety.problems(in: page)
        if !problems.isEmpty { fatalError("unsafe text: \(problems)") }
        if page.headline.utf8.count > TextLimits.headlineBytes + 3 { fatalError("headline over the limit") }
        if (page.summary?.utf8.count ?? 0) > TextLimits.summaryBytes + 3 { fatalError("summary over the limit") }
    }
    guard let summary = try? parser.summarize(bytes, path: "fuzz.html") else { fatalError("summarize skipped a parsed page") }
    if summary.pages.map(\.headline) != file.pages.map(\.headline) { fatalError("summarize disagrees with parse") }
    return 0
}
