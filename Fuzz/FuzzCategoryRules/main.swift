// libFuzzer target: category rules from arbitrary TOML (TOMLKit/toml++ underneath). Beyond "no
// crash": a parse either fails with a LoadError or gives rules whose names are clean and
// non-empty, and classifying text always answers one of those names or nothing.
import TestSupport
import TidingsModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCategoryRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let rules: CategoryRules
    do {
        rules = try CategoryRules.parse(toml: text, path: "fuzz.toml")
    } catch let error as CategoryRules.LoadError {
        _ = error.description
        return 0
    } catch {
        fatalError("parse threw something other than LoadError: \(error)")
    }
    let names = Set(rules.rules.map(\.category))
    for name in names {
        if name.isEmpty || TerminalSafety.firstForbidden(in: name) != nil { fatalError("unsafe category name \(name.debugDescription)") }
    }
    // Classify the input itself and each keyword: whatever comes back is a rule's category.
    var samples = [text]
    for rule in rules.rules.prefix(8) { samples += rule.words.prefix(4) + rule.phrases.prefix(2) }
    for sample in samples {
        if let c = rules.category(headline: sample, summary: sample), !names.contains(c) {
            fatalError("category \(c) is not a rule")
        }
    }
    // A keyword in a headline is found by its own rule (or a rule that scores at least as high).
    if let rule = rules.rules.first, let word = rule.words.sorted().first,
       rules.category(headline: word, summary: nil) == nil {
        fatalError("keyword \(word.debugDescription) of \(rule.category) matched nothing")
    }
    return 0
}
