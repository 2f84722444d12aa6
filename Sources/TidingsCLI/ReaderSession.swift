import Foundation
import TidingsModel
import TidingsStore
import TidingsTerminal
import TidingsUI

/// The reader's main loop: render -> paint -> read an event -> reduce -> perform the effects,
/// whose results come back as actions. All I/O lives here; state changes only in `reduce`.
final class ReaderSession {
    private let terminal: Terminal
    private let library: Library
    private let marks: ReadStateStore?
    /// Why marks cannot be saved (no store, or a read-only one), said again on every mark.
    private let marksProblem: String?
    private let theme: Theme
    private let launcher: URLLauncher
    private(set) var state: AppState
    private var quitting = false
    private let bodySearcher: ReaderBodySearcher
    /// Inside `run`, read-mark writes wait until the frame for their key is painted: the frame
    /// does not wait for SQLite's commit, and the writes still land before the next key is
    /// read, before a quit and before a signal ends the loop (`run` flushes on every exit).
    private var deferWrites = false
    private var pendingWrites: [Effect] = []

    init(terminal: Terminal, library: Library, marks: ReadStateStore?, marksProblem: String?, theme: Theme,
         state: AppState, launcher: URLLauncher = URLLauncher()) {
        self.launcher = launcher
        self.terminal = terminal
        self.library = library
        self.marks = marks
        self.marksProblem = marksProblem
        self.theme = theme
        self.state = state
        self.bodySearcher = ReaderBodySearcher(library: library)
    }

    /// Runs until quit or a terminating signal; returns the signal, if that is what ended it.
    func run() -> Int32? {
        paint()
        deferWrites = true
        defer {
            deferWrites = false
            _ = flushWrites()
        }
        while !quitting {
            // While bodies are searched in the background, look for the answer every 15 ms.
            let event = terminal.readEvent(timeoutMs: bodySearcher.isBusy ? 15 : 500)
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
            if !quitting, let answer = bodySearcher.takeAnswer() {
                dispatch(answer)
                changed = true
            }
            if changed && !quitting { paint() }
            // A failed write comes back as a message: paint it.
            if flushWrites() && !quitting { paint() }
        }
        return nil
    }

    /// Performs the deferred writes in order; true if any produced an action (an error).
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
        switch effect {
        case .loadBody(let article):
            do {
                return .bodyLoaded(article.id, try library.body(of: article))
            } catch {
                return .bodyFailed(article.id, "\(error)")
            }
        case .setRead(let ids, let read):
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
                return nil
            } catch {
                return .marksFailed("\(error)")
            }
        case .rescan:
            library.scan()
            return .libraryLoaded(articles: library.articles, weather: library.weather,
                                  newestDate: library.newestDate, skipped: library.skipped.count)
        case .openURL(let url):
            // Only http(s), as one argument to $BROWSER or xdg-open, never through a shell.
            return .status(launcher.open(url).message)
        case .quit:
            quitting = true
            return nil
        case .searchBodies(let query):
            bodySearcher.search(query)
            return nil
        }
    }
}
