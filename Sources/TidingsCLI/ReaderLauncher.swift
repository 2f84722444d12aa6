import Foundation
import TidingsModel
import TidingsStore
import TidingsTerminal
import TidingsUI

/// Opens the reader. The library scan starts first, on its own thread, while the theme is
/// read, the terminal started and the read marks opened; if it is not done by then, a loading
/// frame is painted and q, resizes and signals are answered until it is. Throws (exit 1 with
/// the message) only when the terminal cannot be used; anything else (a broken theme, an
/// unwritable state file) is said on the status line.
public func runReader(_ options: ReaderOptions) throws {
    let loader = ReaderLibraryLoader(options)
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

    var marksProblem: String?
    let marks: ReadStateStore?
    do {
        marks = try options.openState(warn: { notices.append($0) })
        if let store = marks, let reason = store.readOnlyReason { marksProblem = "\(reason)" }
    } catch {
        marks = nil
        marksProblem = "\(error)"
    }
    let readIDs = (try? marks?.readIDs()) ?? []

    let (width, height) = terminal.size
    var state = AppState(articles: [], readIDs: readIDs, weather: [], newestDate: nil, width: width, height: height)
    var loaded = loader.wait(milliseconds: 30)
    if loaded == nil {
        _ = reduce(&state, .status("Loading \(options.store?.path ?? "the demo pages")…"))
        terminal.paint(render(state, theme: theme))
        while loaded == nil {
            switch terminal.readEvent(timeoutMs: 50) {
            case .signal(let signo):
                terminal.stop()
                dieOf(signo)
            case .key(.character("q")):
                terminal.stop()
                return
            case .resize(let width, let height):
                _ = reduce(&state, .resize(width: width, height: height))
                terminal.paint(render(state, theme: theme))
            default:
                break
            }
            loaded = loader.wait(milliseconds: 0)
        }
    }
    guard let loaded else { return }
    notices += loaded.warnings
    let library = loaded.library

    let session = ReaderSession(terminal: terminal, library: library, marks: marks, marksProblem: marksProblem,
                                theme: theme, state: state)
    session.dispatch(.libraryLoaded(articles: library.articles, weather: library.weather,
                                    newestDate: library.newestDate, skipped: library.skipped.count))
    if let marksProblem {
        session.dispatch(.marksFailed(marksProblem))
    } else if !notices.isEmpty {
        session.dispatch(.status(notices.joined(separator: "; ")))
    }

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
