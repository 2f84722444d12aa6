// libFuzzer target: RSS 2.0 / RSS 1.0 / Atom feeds through libxml2 (no network, no DTD, no
// entity expansion). Beyond "no crash": a feed is skipped with a reason or every item's
// strings, links included, are terminal-safe; an item cut out alone (`page(near:matching:)`,
// how the reader opens one article) is the article asked for, or none; headlines and summaries
// within `TextLimits`; the repair pass (`FeedRepair`, HTML entities, stray `&` and `<`, DTD
// references) is a fixed point. Seeds include Shift_JIS/EUC-KR feeds with CP932/CP949 characters,
// ISO-2022-JP, HTML entities, raw ampersands and a gzipped feed.
import TestSupport
import TidingsExtract
import TidingsModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file: ParsedFile
    do {
        file = try FeedParser().parse(bytes, path: "fuzz.xml")
    } catch is SkipReason {
        return 0
    } catch {
        fatalError("parse threw something other than SkipReason: \(error)")
    }
    if let repaired = FeedParser.repaired(bytes), FeedParser.repaired(repaired) != nil {
        fatalError("the repair pass is not a fixed point")
    }
    var ids: [ArticleID] = []
    for (n, page) in file.pages.enumerated() {
        let problems = TerminalSafety.problems(in: page)
        if !problems.isEmpty { fatalError("item \(n): unsafe text: \(problems)") }
        if page.headline.utf8.count > TextLimits.headlineBytes + 3 { fatalError("item \(n): headline over the limit") }
        if (page.summary?.utf8.count ?? 0) > TextLimits.summaryBytes + 3 { fatalError("item \(n): summary over the limit") }
        let id = ArticleID(headline: page.headline)
        guard !ids.contains(id), ids.count < 8 else { continue }
        if let cut = FeedParser().page(bytes, path: "fuzz.xml", near: ids.count, matching: id) {
            if ArticleID(headline: cut.headline) != id { fatalError("item \(n): the cut is another article") }
            let problems = TerminalSafety.problems(in: cut)
            if !problems.isEmpty { fatalError("item \(n) cut alone: unsafe text: \(problems)") }
        }
        ids.append(id)
    }
    return 0
}
