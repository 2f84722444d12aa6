import Foundation
import Testing
import TestSupport
@testable import TidingsModel

/// Inputs that the fuzzers and the hostile-input tests found mishandled, kept as regressions.
@Suite struct RegressionTests {
    /// `date 2025-02-31 ...`: the crawler prefix with an impossible day used to stay on the line
    /// and become the headline. The prefix goes; the page simply has no stored date.
    @Test func crawlerPrefixWithAnImpossibleDayIsNotTheHeadline() throws {
        let text = "date 2025-02-31 31 February 2025\nMonday, 31 April 2025\n\nDates gone wrong\n\nSummary.\n"
        let page = try TextPageParser().parsePage(Array(text.utf8))
        #expect(page.headline == "Dates gone wrong")
        #expect(page.storedDate == nil)
        #expect(page.summary == "Summary.")
        // The rest of the first line stays a line: here it is the headline.
        let rest = try TextPageParser().parsePage(Array("date 2025-13-40 Headline after it\n\nSummary.\n".utf8))
        #expect(rest.headline == "Headline after it")
        #expect(rest.storedDate == nil)
        // A prefix that is not date-shaped is not a prefix.
        let notPrefix = try TextPageParser().parsePage(Array("date 2025-1-1 is not a prefix\n".utf8))
        #expect(notPrefix.headline == "date 2025-1-1 is not a prefix")
    }

    /// A store file that is (or became, after the walk looked) a FIFO must not block the read
    /// waiting for a writer: it is refused at once.
    @Test func readingAFIFODoesNotBlock() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("page.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: String?
        Thread.detachNewThread {
            do {
                _ = try FileBytes.read(fifo, limit: 1 << 20)
                outcome = "read succeeded"
            } catch {
                outcome = "\(error)"
            }
            done.signal()
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            // Release the blocked open so the thread ends, then fail.
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
            Issue.record("reading a FIFO blocked")
            _ = done.wait(timeout: .now() + 5)
            return
        }
        #expect(outcome == "it is a FIFO (named pipe), not a file")
    }

    /// Found by FuzzCategoryRules: a keyword whose second word starts with a combining mark
    /// ("ai\u{FFFD}\u{745}" splits into "ai" and "\u{745}") was stored as a single word with a
    /// space inside, which no headline can match. It is a phrase now, and matches.
    @Test func aKeywordThatSplitsBeforeACombiningMarkIsAPhrase() throws {
        let rules = try CategoryRules.parse(toml: "[categories]\nTech = [\"ai\u{FFFD}\u{745}\", \"apple\"]\n")
        let tech = try #require(rules.rules.first)
        #expect(tech.words == ["apple"])
        #expect(tech.phrases == ["ai \u{745}"])
        #expect(rules.category(headline: "New ai \u{745} chips", summary: nil) == "Tech")
        #expect(tech.words.allSatisfy { !$0.unicodeScalars.contains(" ") })
    }

    /// Found by the hostile-input tests: a page's ids were deduplicated by a linear scan, so a page
    /// of 100,000 teasers took minutes to load. Past 32 ids a set takes over; duplicates on either
    /// side of that point are still merged.
    @Test func duplicateTeasersOnABigPageAreMergedOnce() throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        var teasers: [(String, String?)] = (0..<100).map { ("Teaser headline \($0)", "Summary \($0).") }
        teasers.append(("Teaser headline 3", "Again."))     // a duplicate of an early one, late
        teasers.append(("teaser HEADLINE 70!", "Again."))   // same id as 70, after the switch
        teasers.append(("Teaser headline 0", nil))
        try store.write("big.txt", TemporaryStore.page(headline: "The big page", teasers: teasers))
        let library = Library(store: store.url)
        library.scan()
        let headlines = library.articles.map(\.headline)
        #expect(headlines.count == 101)
        #expect(Set(library.articles.map(\.id)).count == 101)
        #expect(headlines.filter { $0.lowercased().hasPrefix("teaser headline 70") }.count == 1)
    }
}
