import Foundation
import Testing
import TestSupport
import TidingsModel
import TidingsStore
import TidingsUI
@testable import TidingsCLI

/// The reader's list straight from the on-disk index (`IndexRows`), driven as `ReaderSession`
/// drives it but without a terminal: rows, counts, search and marks come from SQL.
@Suite struct ReaderIndexTests {
    /// The reducer with its row effects answered by `IndexRows` and marks written to the state.
    struct Driver {
        var state: AppState
        let rows: IndexRows
        let marks: ReadStateStore

        init(index: ArticleIndex, marks: ReadStateStore, width: Int = 100, height: Int = 20) {
            rows = IndexRows(index: index)
            self.marks = marks
            state = AppState(width: width, height: height)
            dispatch(.storeChanged(StoreSummary()))
        }

        @discardableResult
        mutating func dispatch(_ action: Action) -> [Effect] {
            reduceAnsweringRows(&state, action, from: rows) { effect in
                if case .setRead(let ids, let read) = effect { try? marks.setRead(ids, read: read) }
            }
        }

        mutating func send(_ keys: KeyEvent...) { for k in keys { dispatch(.key(k)) } }
        mutating func type(_ text: String) { for c in text { dispatch(.key(.character(c))) } }
        var headlines: [String] { state.view.rows.map(\.article.headline) }
    }

    struct Setup {
        let store: TemporaryStore
        let folder: URL
        let marks: ReadStateStore
        let index: ArticleIndex

        init(pages: Int, start: Int = 0) throws {
            store = try TemporaryStore()
            folder = try makeTemporaryDirectory()
            for i in start..<start + pages { try Self.writePage(i, to: store) }
            marks = try ReadStateStore(path: folder.appendingPathComponent("state.sqlite"))
            index = try ArticleIndex(path: folder.appendingPathComponent("index.sqlite"), store: store.url,
                                     parsers: pageParsers, marks: .database(marks.path))
        }

        /// Page `i` is dated `i` days after 1 January 2025: a higher number is newer.
        static func writePage(_ i: Int, to store: TemporaryStore) throws {
            let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: i,
                                                             to: DateComponents(calendar: .init(identifier: .gregorian), year: 2025, month: 1, day: 1).date!)!
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_GB")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "EEEE, d MMMM yyyy"
            try store.write("p\(i).txt", TemporaryStore.page(date: f.string(from: day), headline: "Story number \(i)"))
        }
    }

    /// Each committed batch of a refresh is in the list at once; the cursor stays on its article.
    @Test func theListFollowsARefreshBatchByBatchKeepingTheSelection() throws {
        let setup = try Setup(pages: 10)
        try setup.index.refresh()
        var reader = Driver(index: setup.index, marks: setup.marks)
        #expect(reader.state.view.total == 10)
        reader.send(.down, .down, .down)
        let chosen = try #require(reader.state.selectedArticle)
        #expect(chosen.headline == "Story number 6")

        for i in 10..<40 { try Setup.writePage(i, to: setup.store) }
        var totals: [Int] = []
        try setup.index.refresh(batchSize: 5, progress: { _ in
            reader.dispatch(.storeChanged(StoreSummary()))
            totals.append(reader.state.view.total)
            // Newer stories arrive above it; the cursor follows the article, not the row.
            #expect(reader.state.selectedArticle?.id == chosen.id)
        })
        reader.dispatch(.storeChanged(StoreSummary()))
        #expect(reader.state.view.total == 40)
        #expect(totals == totals.sorted())
        #expect(Set(totals).count >= 3, "the list grew in steps: \(totals)")
        #expect(reader.state.selectedArticle?.id == chosen.id)
        #expect(reader.state.list.selected == 33)
        #expect(reader.headlines.first == "Story number 39")
    }

    /// Rows are read on demand: a few screens are held, whatever the size of the view.
    @Test func onlyAWindowOfRowsIsHeldAndScrollingReadsMore() throws {
        let setup = try Setup(pages: 300)
        try setup.index.refresh()
        var reader = Driver(index: setup.index, marks: setup.marks)
        #expect(reader.state.view.total == 300)
        #expect(reader.state.view.rows.count < 300)
        reader.send(.character("G"))
        #expect(reader.state.list.selected == 299)
        #expect(reader.state.selectedArticle?.headline == "Story number 0")
        reader.send(.character("g"), .pageDown, .pageDown)
        #expect(reader.state.selectedArticle?.headline == "Story number \(299 - reader.state.list.selected)")
        // n past the loaded rows asks the index.
        try setup.marks.setRead((0..<300).filter { $0 != 5 }.map { ArticleID(headline: "Story number \($0)") }, read: true)
        reader.dispatch(.storeChanged(StoreSummary()))
        reader.send(.character("g"), .character("n"))
        #expect(reader.state.selectedArticle?.headline == "Story number 5")
    }

    /// `/` goes through FTS5: headline hits rank above summary hits above body hits.
    @Test func searchIsRankedAndReachesBodies() throws {
        let store = try TemporaryStore()
        let folder = try makeTemporaryDirectory()
        try store.write("a.txt", TemporaryStore.page(date: "Monday, 3 November 2025", headline: "Ferry strike ends",
                                                     standfirst: "Boats run again.", body: ["Crews went back to work."]))
        try store.write("b.txt", TemporaryStore.page(date: "Tuesday, 4 November 2025", headline: "Harbour news",
                                                     standfirst: "A ferry timetable for winter.", body: ["Nothing else."]))
        try store.write("c.txt", TemporaryStore.page(date: "Wednesday, 5 November 2025", headline: "City budget",
                                                     standfirst: "Spending rises.", body: ["Money for a new ferry pier."]))
        try store.write("d.txt", TemporaryStore.page(date: "Thursday, 6 November 2025", headline: "Weather",
                                                     standfirst: "Rain.", body: ["Umbrellas."]))
        let marks = try ReadStateStore(path: folder.appendingPathComponent("state.sqlite"))
        let index = try ArticleIndex(path: folder.appendingPathComponent("index.sqlite"), store: store.url,
                                     parsers: pageParsers, marks: .database(marks.path))
        try index.refresh()
        var reader = Driver(index: index, marks: marks)
        reader.send(.character("/"))
        reader.type("ferr")
        #expect(reader.headlines == ["Ferry strike ends", "Harbour news", "City budget"])
        #expect(reader.state.sort == .bestMatch)
        reader.send(.enter, .character("G"), .enter)
        let open = try #require(reader.state.openArticle)
        #expect(open.headline == "City budget")
        let effects = reader.dispatch(.bodyLoaded(open.id, try index.body(of: open)))
        #expect(effects.isEmpty)
        let screen = render(reader.state, theme: .builtInDefault)
        let matchStyle = Theme.builtInDefault[.searchMatch]
        let hits = (0..<screen.height).filter { y in
            guard let r = screen.line(y).range(of: "ferry") else { return false }
            return screen[TextWidth.of(screen.line(y)[..<r.lowerBound]), y].style == matchStyle
        }
        #expect(!hits.isEmpty, "the body's match is highlighted")
    }

    /// A: one transaction in the state file; u puts back exactly what it changed.
    @Test func markAllAndUndoAreOnDisk() throws {
        let setup = try Setup(pages: 120)
        try setup.index.refresh()
        let earlier = ArticleID(headline: "Story number 3")
        try setup.marks.setRead([earlier], read: true)
        var reader = Driver(index: setup.index, marks: setup.marks)
        #expect(reader.state.view.unread == 119)
        reader.send(.character("A"))
        #expect(reader.state.overlay == .confirmMarkAll(reader.state.view.query, count: 119))
        reader.send(.character("y"))
        #expect(try setup.marks.readIDs().count == 120)
        #expect(reader.state.view.unread == 0)
        reader.send(.character("u"))
        #expect(try setup.marks.readIDs() == [earlier])
        #expect(reader.state.view.unread == 119)
        // The picker's counts come from SQL too.
        reader.send(.character("c"))
        guard case .picker(let picker)? = reader.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.entries.first == PickerEntry(category: nil, unread: 119, total: 120))
        #expect(picker.entries.dropFirst().map(\.total).reduce(0, +) == 120)
        #expect(picker.entries.dropFirst().compactMap(\.unread).reduce(0, +) == 119)
    }

    /// The reader's background refresh: progress, a change per committed batch, then the report;
    /// a second start while one runs is refused; reads of the index go on meanwhile.
    @Test func theBackgroundRefreshReportsProgressChangesAndTheEnd() throws {
        let setup = try Setup(pages: 150)
        let refresher = ReaderRefresher(index: setup.index)
        #expect(refresher.start())
        var events: [ReaderRefresher.Event] = []
        let deadline = Date().addingTimeInterval(60)
        var finished: IndexRefreshReport?
        while finished == nil && Date() < deadline {
            // The list can be read while the refresh writes.
            _ = try setup.index.counts()
            for event in refresher.poll() {
                events.append(event)
                if case .finished(let report) = event { finished = report }
                if case .failed(let message) = event { Issue.record("refresh failed: \(message)"); return }
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let report = try #require(finished)
        #expect(report.added == 150)
        #expect(!refresher.isRunning)
        #expect(events.contains { if case .changed = $0 { return true } else { return false } })
        #expect(events.contains { if case .progress(let p) = $0 { return p.total == 150 } else { return false } })
        #expect(try setup.index.counts().total == 150)
        // Nothing new: a second refresh changes nothing and says so.
        #expect(refresher.start())
        var second: IndexRefreshReport?
        while second == nil && Date() < deadline {
            for case .finished(let report) in refresher.poll() { second = report }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(second?.parsed == 0 && second?.unchanged == 150)
    }
}
