import Foundation
import TidingsModel
import TidingsStore
import TidingsTerminal
import TidingsSync
import TidingsUI

/// The reader's main loop: render -> paint -> read an event -> reduce -> perform the effects,
/// whose results come back as actions. All I/O lives here; state changes only in `reduce`.
final class ReaderSession {
    private let terminal: Terminal
    private let index: ArticleIndex
    private let rows: IndexRows
    private let refresher: ReaderRefresher
    /// Searches, article bodies and a view's counts, off the main loop.
    private let searcher: ReaderWorker
    private let bodyLoader: ReaderWorker
    /// Mark-all writes, off the main loop (a transaction of 100,000 marks takes longer than a
    /// frame); waited for before the reader exits.
    private let markWriter: ReaderWorker
    private let marks: ReadStateStore?
    /// Why marks cannot be saved (no store, or a read-only one), said again on every mark.
    private let marksProblem: String?
    private let theme: Theme
    private let launcher: URLLauncher
    private(set) var state: AppState
    private var quitting = false
    /// Inside `run`, read-mark writes wait until the frame for their key is painted: the frame
    /// does not wait for SQLite's commit, and the writes still land before the next key is
    /// read, before any query of the index, before a quit and before a signal ends the loop
    /// (`run` flushes on every exit).
    private var deferWrites = false
    private var pendingWrites: [Effect] = []
    /// The count of a view (every article's mark is read), asked for while a frame was made:
    /// started on its own queue once that frame is painted, so keys are never held up by it.
    private var countAfterPaint: Effect?
    private let counter: ReaderWorker
    /// The same for the category picker's unread counts.
    private var pickerCountAfterPaint: Effect?
    private let pickerCounter: ReaderWorker
    /// A refresh committed something the list has not been read again for.
    private var storeChangePending = false
    private var lastStoreReload = DispatchTime(uptimeNanoseconds: 0)
    /// `r` asked for this refresh: say when it is done even if nothing changed.
    private var rescanAsked = false
    /// `R`: feeds fetched in the background; where they go.
    private let fetcher = ReaderFetcher()
    var fetchLocations: (() throws -> FetchLocations)?
    /// A feed landed while a refresh ran: refresh again when it ends.
    private var refreshAfterFetch = false
    /// Syncs with the feed server of `[sync]`, when one is configured.
    private(set) var syncer: ReaderSyncer?

    /// Syncs with a feed server: at start, now and then, after marks and on `R`.
    func syncWith(_ syncer: ReaderSyncer) {
        self.syncer = syncer
        let marks = self.marks
        rows.afterMarkAll = { date, query in
            // A search is no server group: its marks go one by one.
            if query.filter.search.isEmpty { try? marks?.noteMarkAllForSync(at: date, category: query.filter.category) }
            syncer.marksChanged()
        }
    }

    init(terminal: Terminal, index: ArticleIndex, marks: ReadStateStore?, marksProblem: String?, theme: Theme,
         state: AppState, launcher: URLLauncher = URLLauncher()) {
        self.launcher = launcher
        self.terminal = terminal
        self.index = index
        self.rows = IndexRows(index: index)
        self.refresher = ReaderRefresher(index: index)
        let rows = self.rows
        self.searcher = ReaderWorker(label: "tidings search", latestOnly: true) { TidingsUI.perform($0, with: rows) }
        self.counter = ReaderWorker(label: "tidings counts", latestOnly: true, niceness: BackgroundPriority.bookkeeping) {
            TidingsUI.perform($0, with: rows)
        }
        self.pickerCounter = ReaderWorker(label: "tidings category counts", latestOnly: true,
                                          niceness: BackgroundPriority.bookkeeping) { TidingsUI.perform($0, with: rows) }
        self.markWriter = ReaderWorker(label: "tidings marks", latestOnly: false) { TidingsUI.perform($0, with: rows) }
        self.bodyLoader = ReaderWorker(label: "tidings bodies", latestOnly: false) { effect in
            guard case .loadBody(let article) = effect else { return nil }
            do {
                return .bodyLoaded(article.id, try index.body(of: article))
            } catch {
                return .bodyFailed(article.id, "\(error)")
            }
        }
        self.marks = marks
        self.marksProblem = marksProblem
        if let marks, marksProblem == nil { self.rows.starredIDs = { (try? marks.starredIDs()) ?? [] } }
        self.theme = theme
        self.state = state
    }

    /// The list as the index has it now (the first frame), with weather and counts.
    func showIndex() {
        dispatch(.storeChanged(summary(skipped: 0)))
    }

    /// Starts bringing the index up to date in the background; the list follows.
    func startRefresh() {
        if refresher.start() { dispatch(.indexing(StoreProgress(done: 0, total: 0))) }
    }

    /// Runs until quit or a terminating signal; returns the signal, if that is what ended it.
    func run() -> Int32? {
        paint()
        StartupTrace.mark("first frame painted")
        startCount()
        if let syncer {
            syncer.start(forced: false)
            dispatch(.syncStatus(syncer.statusText()))
        }
        deferWrites = true
        defer {
            deferWrites = false
            _ = flushWrites()
            // A mark-all under way is finished, not abandoned: it is one transaction.
            markWriter.waitUntilIdle()
            refresher.cancel()
        }
        while !quitting {
            // While a background job runs, look for its answer every 5 ms; while the store is
            // read, for news every 100 ms.
            let busy = refresher.isRunning || storeChangePending || fetcher.isRunning || refreshAfterFetch
                || syncer?.isRunning == true
            let waiting = searcher.isBusy || bodyLoader.isBusy || markWriter.isBusy || counter.isBusy || pickerCounter.isBusy
            let event = terminal.readEvent(timeoutMs: waiting ? 5 : busy ? 100 : 500)
            if case .signal(let signo)? = event { return signo }
            var changed = false
            if let event {
                handle(event)
                changed = true
                // Keys that arrived meanwhile (a held key) are reduced before the next paint, so
                // the screen never lags behind the keyboard.
                var drained = 0
                while !quitting, drained < 64, let more = terminal.readEvent(timeoutMs: 0) {
                    if case .signal(let signo) = more { return signo }
                    handle(more)
                    drained += 1
                }
            }
            for worker in [markWriter, searcher, bodyLoader, counter, pickerCounter] {
                for answer in worker.takeAnswers() where !quitting {
                    dispatch(answer)
                    changed = true
                }
            }
            if !quitting && followFetch() { changed = true }
            if !quitting && followSync() { changed = true }
            if !quitting && followRefresh() { changed = true }
            // The date column shows times for today's articles: past midnight, yesterday's show days.
            let clock = ListClock.now()
            if clock != state.clock {
                state.clock = clock
                changed = true
            }
            if changed && !quitting { paint() }
            // A failed write comes back as a message: paint it.
            if flushWrites() && !quitting { paint() }
            // After the writes, so the count includes the marks of this frame's keys.
            startCount()
        }
        return nil
    }

    /// Passes on what the background refresh did; true if the state changed.
    private func followRefresh() -> Bool {
        var changed = false
        var finished: IndexRefreshReport?
        for event in refresher.poll() {
            switch event {
            case .progress(let progress):
                dispatch(.indexing(progress))
                changed = true
            case .changed:
                storeChangePending = true
            case .finished(let report):
                dispatch(.indexing(nil))
                finished = report
                // Nothing new: the list on screen is still right; do not read it again.
                if report.parsed + report.removed > 0 || report.skipped > 0 { storeChangePending = true }
                changed = true
            case .failed(let message):
                dispatch(.indexing(nil))
                dispatch(.status("Could not read the store: \(message)", isError: true))
                rescanAsked = false
                changed = true
            }
        }
        let now = DispatchTime.now()
        // While a store is indexed, the list is read again at most once a second: during a first
        // build the list has no sort index yet, and each read sorts what is there.
        if storeChangePending && (finished != nil || now.uptimeNanoseconds - lastStoreReload.uptimeNanoseconds > 1_000_000_000) {
            storeChangePending = false
            lastStoreReload = now
            dispatch(.storeChanged(summary(skipped: finished?.skipped ?? 0)))
            changed = true
        }
        // What a refresh found is said when asked for (r), or when nothing more important
        // (a warning from start-up) is on the status line.
        if let report = finished, report.skipped == 0,
           rescanAsked || (state.message == nil && report.parsed + report.removed > 0) {
            dispatch(.status(report.parsed + report.removed == 0 ? "The store is up to date"
                             : "Store read: \(report.added) new, \(report.changed) changed, \(report.removed) removed"))
        }
        if finished != nil { rescanAsked = false }
        return changed
    }

    /// Shows how the fetch goes and has each landed feed indexed (one refresh at a time; one more
    /// after it when feeds landed meanwhile). True if the state changed.
    private func followFetch() -> Bool {
        var changed = false
        for event in fetcher.poll() {
            switch event {
            case .landed(let progress):
                dispatch(.status(ReaderFetcher.progressLine(progress)))
                if case .updated = progress.outcome.result { refreshAfterFetch = true }
            case .finished(let outcomes):
                let summary = ReaderFetcher.summaryLine(outcomes)
                dispatch(.status(summary.text, isError: summary.isError))
            case .failed(let message):
                dispatch(.status(message, isError: true))
            }
            changed = true
        }
        if refreshAfterFetch && !refresher.isRunning && refresher.start() {
            refreshAfterFetch = false
        }
        return changed
    }

    /// Starts the syncs that are due and shows how they went: what was pulled or taken from the
    /// server is indexed (the list follows), a failure is said once. True if the state changed.
    private func followSync() -> Bool {
        guard let syncer else { return false }
        let wasRunning = syncer.isRunning
        syncer.tick()
        var changed = syncer.isRunning != wasRunning
        for event in syncer.poll() {
            switch event {
            case .finished(let report):
                if report.pulled > 0 || report.marksChanged > 0 {
                    if !refresher.start() { refreshAfterFetch = true }
                    storeChangePending = true
                }
            case .failed(let error):
                dispatch(.status("Sync: \(error)", isError: !error.isTransient))
            }
            changed = true
        }
        if changed || (state.syncStatus != syncer.statusText()) {
            dispatch(.syncStatus(syncer.statusText()))
            changed = true
        }
        return changed
    }

    private func summary(skipped: Int) -> StoreSummary {
        StoreSummary(weather: (try? index.weather()) ?? [], newestDate: try? index.newestDate(), skipped: skipped)
    }

    /// Starts counting the view (or picker) whose frame was just painted (an older one's count
    /// would be dropped anyway). The answer comes back through the main loop.
    private func startCount() {
        if let count = countAfterPaint { counter.submit(count) }
        // A picker closed before its counts started (c, a move, Enter in one go) needs none;
        // one closed while they run stops them: the two cores are for the next key.
        if case .picker = state.overlay {
            if let count = pickerCountAfterPaint { pickerCounter.submit(count) }
        } else if pickerCounter.isBusy {
            pickerCounter.cancel()
        }
        countAfterPaint = nil
        pickerCountAfterPaint = nil
    }

    /// Performs the deferred writes in order; true if any produced an action (an error).
    @discardableResult
    private func flushWrites() -> Bool {
        guard !pendingWrites.isEmpty else { return false }
        let writes = pendingWrites
        pendingWrites = []
        let wasDeferring = deferWrites
        deferWrites = false
        defer { deferWrites = wasDeferring }
        var reported = false
        for write in writes {
            if let result = perform(write) {
                dispatch(result)
                reported = true
            }
        }
        return reported
    }

    /// Feeds `action` through the reducer and performs its effects until none are left.
    func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let effects = reduce(&state, pending.removeFirst())
            for effect in effects {
                if let result = perform(effect) { pending.append(result) }
            }
        }
    }

    private func handle(_ event: TerminalEvent) {
        switch event {
        case .key(.character("\u{0C}")):  // Ctrl-L: repaint everything
            terminal.invalidate()
        case .key(let key):
            dispatch(.key(key))
        case .resize(let width, let height):
            dispatch(.resize(width: width, height: height))
        case .signal:
            break
        }
    }

    private func paint() {
        terminal.paint(render(state, theme: theme))
    }

    /// Performs one effect; the outcome, if any, is the next action.
    private func perform(_ effect: Effect) -> Action? {
        if effect.isRowQuery {
            // A query sees every mark made before it.
            if !pendingWrites.isEmpty { flushWrites() }
            // Counting waits until the frame is painted (see `IndexRows.view`).
            if case .countView = effect {
                countAfterPaint = effect
                return nil
            }
            if case .countCategories = effect {
                pickerCountAfterPaint = effect
                return nil
            }
            if case .markView = effect {
                markWriter.submit(effect)
                return nil
            }
            // Every later query waits for a mark-all under way, so it sees those marks.
            markWriter.waitUntilIdle()
            // The count of the view being replaced is of no use any more (the new view asks
            // for its own after its frame): stop it, so it does not compete with the new view.
            if case .loadView = effect { counter.cancel() }
            if ReaderWorker.isSearch(effect) {
                // A key typed meanwhile supersedes it (and stops it if it runs).
                searcher.submit(effect)
                return nil
            }
            if case .loadView = effect { searcher.cancel() }
            return TidingsUI.perform(effect, with: rows)
        }
        switch effect {
        case .loadBody:
            // Read and parsed off the main loop: the key's frame shows the headline and
            // standfirst at once, the body a moment later.
            bodyLoader.submit(effect)
            return nil
        case .setRead(let ids, let read):
            // After a mark-all under way, so an undo is never overtaken by it.
            markWriter.waitUntilIdle()
            // Without a store the answer is known at once: it shows in the key's own frame.
            if deferWrites && marks != nil {
                pendingWrites.append(effect)
                return nil
            }
            // Written at once, one transaction per action: a quit, SIGTERM or a closed
            // terminal right after a mark loses nothing.
            guard let marks else { return .marksFailed(marksProblem ?? "marks cannot be saved") }
            do {
                try marks.setRead(ids, read: read, at: Date())
                syncer?.marksChanged()
                return nil
            } catch {
                return .marksFailed("\(error)")
            }
        case .setStarred(let ids, let starred):
            guard let marks else { return .marksFailed(marksProblem ?? "stars cannot be saved") }
            do {
                try marks.setStarred(ids, starred: starred, at: Date())
                syncer?.marksChanged()
                return nil
            } catch {
                return .marksFailed("\(error)")
            }
        case .rescan:
            rescanAsked = true
            if refresher.start() { return .indexing(StoreProgress(done: 0, total: 0)) }
            return .status("Already reading the store…")
        case .fetchFeeds:
            // R also syncs with the feed server, at once (the back-off is for automatic syncs).
            syncer?.start(forced: true)
            if fetchLocations == nil && syncer != nil { return nil }
            guard let fetchLocations else { return .status("These are the demo pages: `tidings fetch` makes a store of your feeds", isError: true) }
            if let problem = fetcher.start(fetchLocations) { return .status(problem, isError: true) }
            return nil
        case .openURL(let url):
            // Only http(s), as one argument to $BROWSER or xdg-open, never through a shell.
            return .status(launcher.open(url).message)
        case .quit:
            quitting = true
            return nil
        default:
            return nil
        }
    }
}
