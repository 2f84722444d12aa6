import Foundation
import TidingsModel
import TidingsStore
import TidingsTerminal
import TidingsSync
import TidingsUI

/// Opens the reader. The first frame comes from the on-disk index as it is: nothing
/// in the store is looked at before it. Then the index is brought up to date in the background
/// and the list follows. Throws (exit 1 with the message) only when the terminal cannot be
/// used; anything else (a broken theme, an unwritable state file, an index that cannot be
/// written) is said on the status line.
public func runReader(_ options: ReaderOptions) throws {
    StartupTrace.mark("reader starts")
    let environment = ProcessInfo.processInfo.environment
    var notices: [String] = []

    let themeChoice = ReaderTheme.resolve(requested: options.theme, configDirectory: options.paths.configDirectory,
                                          environment: environment)
    let theme = themeChoice.theme
    notices += themeChoice.warnings

    let terminal: Terminal
    do {
        terminal = try Terminal(options: .init(colours: !ReaderTheme.noColor(environment), mouse: options.mouse),
                                environment: environment)
    } catch let error as TerminalError {
        throw CLIError(error.description)
    }
    // From here on every way out restores the terminal: `stop()`, or the deinit when an error
    // unwinds.
    StartupTrace.mark("theme and terminal")

    var marksProblem: String?
    let marks: ReadStateStore?
    do {
        marks = try options.openState(warn: { notices.append($0) })
        if let store = marks, let reason = store.readOnlyReason { marksProblem = "\(reason)" }
    } catch {
        marks = nil
        marksProblem = "\(error)"
    }
    let marksSource: ReadMarksSource
    if let marks, marksProblem == nil {
        marksSource = .database(marks.path)
    } else {
        marksSource = .snapshot((try? marks?.readIDs()) ?? [])
    }

    StartupTrace.mark("read marks open")
    let index: ArticleIndex
    do {
        let opened = try ReaderIndex.open(options.paths, marks: marksSource, warn: { notices.append($0) })
        index = opened.index
        if let note = opened.note { notices.append("index \(note)") }
    } catch {
        terminal.stop()
        throw CLIError("cannot open the article index: \(error)")
    }

    StartupTrace.mark("index open")
    let (width, height) = terminal.size
    var state = AppState(width: width, height: height)
    state.clock = .now()
    let session = ReaderSession(terminal: terminal, index: index, marks: marks, marksProblem: marksProblem,
                                theme: theme, state: state)
    // R fetches into the store on screen; the demo pages take no feeds.
    if options.paths.store != nil {
        let paths = options.paths
        session.fetchLocations = { try FetchLocations(paths, feeds: nil, createStore: false) }
    }
    if let marks, marksProblem == nil, let store = options.paths.store {
        do {
            if let config = try SyncConfig.load(from: options.paths.configDirectory.appendingPathComponent("config.toml")) {
                let http = try CurlSyncHTTP(timeoutSeconds: config.timeoutSeconds)
                session.syncWith(ReaderSyncer(account: SyncAccount(config: config, state: marks, store: store, http: http),
                                              state: marks))
            }
        } catch {
            notices.append("sync: \(error)")
        }
    }
    session.showIndex()
    StartupTrace.mark("first view read")
    if let marksProblem {
        session.dispatch(.marksFailed(marksProblem))
    } else if !notices.isEmpty {
        session.dispatch(.status(notices.joined(separator: "; ")))
    }
    session.startRefresh()

    let signal = session.run()
    terminal.stop()
    if let signal { dieOf(signal) }
}

/// Ends the process by `signo` with its default action, so the parent sees how the reader
/// ended (a shell prints 128 + n). Called only after the terminal is restored.
private func dieOf(_ signo: Int32) -> Never {
    signal(signo, SIG_DFL)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signo)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    raise(signo)
    exit(128 + signo)
}
