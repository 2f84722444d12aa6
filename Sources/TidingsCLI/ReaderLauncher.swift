import Foundation
import TidingsModel
import TidingsStore
import TidingsTerminal
import TidingsUI

/// Opens the reader: theme, terminal, read marks, first frame, library, then the main loop.
/// The first frame is painted before the library is scanned, so a big store never shows a
/// blank terminal. Throws (exit 1 with the message) only when the terminal cannot be used;
/// anything else (a broken theme, an unwritable state file) is said on the status line.
public func runReader(_ options: ReaderOptions) throws {
    let environment = ProcessInfo.processInfo.environment
    var notices: [String] = []

    let themeChoice = ReaderTheme.resolve(requested: options.theme, configDirectory: options.paths.configDirectory,
                                          environment: environment)
    notices += themeChoice.warnings

    let terminal: Terminal
    do {
        terminal = try Terminal(options: .init(colours: !ReaderTheme.noColor(environment), mouse: options.mouse),
                                environment: environment)
    } catch let error as TerminalError {
        throw CLIError(error.description)
    }
    // From here on every way out restores the terminal: `stop()` below, or the deinit when an
    // error unwinds.

    var marksProblem: String?
    let marks: ReadStateStore?
    do {
        marks = try options.openState(warn: { notices.append($0) })
        if let store = marks, store.isReadOnly { marksProblem = store.readOnlyReason.map { "\($0)" } ?? "the read state is read-only" }
    } catch {
        marks = nil
        marksProblem = "\(error)"
    }
    let readIDs = (try? marks?.readIDs()) ?? []

    let (width, height) = terminal.size
    var state = AppState(articles: [], readIDs: readIDs, weather: [], newestDate: nil, width: width, height: height)
    _ = reduce(&state, .status("Loading \(options.store?.path ?? "the demo pages")…"))
    terminal.paint(render(state, theme: themeChoice.theme))

    let library = options.openLibrary(warn: { notices.append($0) })
    let session = ReaderSession(terminal: terminal, library: library, marks: marks, marksProblem: marksProblem,
                                theme: themeChoice.theme, state: state)
    session.dispatch(.libraryLoaded(articles: library.articles, weather: library.weather,
                                    newestDate: library.newestDate, skipped: library.skipped.count))
    if let marksProblem {
        session.dispatch(.marksFailed(marksProblem))
    } else if !notices.isEmpty {
        session.dispatch(.status(notices.joined(separator: "; ")))
    }

    let signal = session.run()
    terminal.stop()
    if let signal {
        // Die of the same signal with its default action, so the parent sees how we ended.
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
    }
}
