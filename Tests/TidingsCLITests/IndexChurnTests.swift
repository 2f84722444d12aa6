import Foundation
import Testing
import TestSupport
import TidingsModel
import TidingsStore

/// Pages written, grown, cut mid-line and removed while two handles on one index file (two
/// processes, as far as SQLite is concerned) refresh it: the scan-time counterpart of
/// `FaultTests.filesRemovedAndGrowingDuringScans`, for the on-disk index the commands use.
@Suite struct IndexChurnTests {
    @Test func pagesChangingDuringRefreshesLeaveAnIndexEqualToACleanBuild() async throws {
        let store = try TemporaryStore()
        defer { store.remove() }
        let folder = try makeTemporaryDirectory("tidings-index-churn")
        defer { try? FileManager.default.removeItem(at: folder) }
        for n in 0..<60 {
            try store.write("p\(n).txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Steady page \(n)",
                                                            teasers: [("Churning page \(n % 8)", "A teaser of a churning page.")]))
        }
        let path = folder.appendingPathComponent("index.sqlite")
        let handles = try (0..<2).map { _ in try ArticleIndex(path: path, store: store.url, marks: .snapshot([])) }
        let known = Set((0..<60).map { "Steady page \($0)" } + (0..<40).map { "Churning page \($0)" })
        let churn = store.url

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<40 {
                    let url = churn.appendingPathComponent("c\(round % 8).txt")
                    let page = TemporaryStore.page(date: "Tuesday, 4 November 2025", headline: "Churning page \(round)")
                    try Data(page.utf8).write(to: url)
                    let handle = try FileHandle(forWritingTo: url)
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(String(repeating: "More body text. ", count: 2000).utf8))
                    // Cut inside the headline (it starts at byte 43), or not at all.
                    if round % 3 != 0 { try handle.truncate(atOffset: UInt64(43 + round % 14)) }
                    try handle.close()
                    if round % 2 == 0 { try FileManager.default.removeItem(at: url) }
                }
            }
            for index in handles {
                group.addTask {
                    for _ in 0..<12 {
                        try index.refresh(batchSize: 7)
                        for row in try index.articles() {
                            // A page caught mid-write may show a cut headline, never anything else.
                            #expect(known.contains { $0.hasPrefix(row.article.headline) }, "\(row.article.headline)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        // Once the churn stops, one more refresh answers exactly as an index built from scratch.
        let index = handles[0]
        try index.refresh()
        let clean = try ArticleIndex(path: folder.appendingPathComponent("clean.sqlite"), store: store.url, marks: .snapshot([]))
        try clean.refresh()
        #expect(try index.articles() == clean.articles())
        #expect(Set(try index.weather()) == Set(try clean.weather()))
        #expect(Set(try index.skipped()) == Set(try clean.skipped()))
        #expect(try index.fileCount() == clean.fileCount())
    }
}
