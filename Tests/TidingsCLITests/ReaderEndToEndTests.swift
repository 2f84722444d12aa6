import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The built `tidings` binary driven in a private tmux server on a temporary store and state:
/// what a user does, and what must survive it (marks on disk, a restored terminal).
@Suite(.serialized)
struct ReaderEndToEndTests {
    static let coffee = "Coffee prices climb"
    static let quantum = "Quantum chip lab"
    static let marathon = "Marathon reroute"
    static let ferry = "Night ferry service"

    /// Three pages in three category folders; the tech page carries a teaser.
    static func makeSandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.write(TemporaryStore.page(
            date: "Wednesday, 5 November 2025", weather: [("31.0 C", "Singapore"), ("24.2 C", "Thailand")],
            headline: coffee, standfirst: "Beans grew scarce after a dry season.",
            body: ["Roasters in Singapore say the harvest shrank by a third this year.",
                   "Cafés expect to raise prices again before the new year."]),
            to: "Business/coffee.txt")
        try sandbox.write(TemporaryStore.page(
            date: "Tuesday, 4 November 2025",
            headline: quantum, standfirst: "A startup opens a lab for quantum chips.",
            body: ["The lab will test chips cooled close to absolute zero.",
                   "Its first customer studies zebrafish neurons with the sensors."],
            teasers: [(ferry, "Ferries to the southern islands will run until midnight.")]),
            to: "Tech/quantum.txt")
        try sandbox.write(TemporaryStore.page(
            date: "Monday, 3 November 2025",
            headline: marathon, standfirst: "The race avoids the flooded park.",
            body: ["Organisers moved the route after the monsoon rains.",
                   "Runners will cross the bridge twice instead."]),
            to: "Sports/marathon.txt")
        return sandbox
    }

    /// The reader inside `sh`, which prints READY before and EXITED with the status after, so
    /// the test can see that the normal screen is back.
    static func startReader(_ sandbox: Sandbox, width: Int = 120, height: Int = 40, demo: Bool = false,
                            state: URL? = nil, extra: [String] = [],
                            environment: [String: String] = [:]) throws -> TmuxSession {
        let binary = try #require(TidingsBinary.url, "the tidings executable is not next to the tests; run `swift build` first")
        var env = sandbox.environment()
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["NO_COLOR"] = nil
        env.merge(environment) { $1 }
        return try TmuxSession(
            width: width, height: height,
            command: ["sh", "-c", "echo READY; \"$@\"; echo EXITED $?", "sh", binary.path]
                + (demo ? [] : ["--store", sandbox.store.path]) + ["--state", (state ?? sandbox.state).path] + extra,
            environment: env)
    }

    /// Waits for the list with a non-zero count (the loading frame shows 0 / 0).
    @discardableResult
    static func waitForList(_ tmux: TmuxSession) throws -> String {
        try tmux.waitUntil("the article list") {
            $0.range(of: "[1-9][0-9]* unread / [1-9]", options: .regularExpression) != nil
        }
    }

    /// The list row showing `headline` (a row of the list starts with the unread marker or blanks).
    static func listRow(_ screen: String, _ headline: String) -> String? {
        screen.split(separator: "\n").map(String.init).first {
            $0.contains(headline) && ($0.hasPrefix(" ● ") || $0.hasPrefix("   "))
        }
    }

    /// The rows inside the category picker's box (from its "┌ Category" corner to "└").
    static func pickerRows(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let top = lines.firstIndex(where: { String($0).contains("┌ Category") }),
              let column = lines[top].firstIndex(of: "┌") else { return [] }
        var rows: [String] = []
        for line in lines[(top + 1)...] {
            guard line.count > column else { break }
            let inside = String(line[column...])
            if inside.hasPrefix("└") { break }
            rows.append(inside)
        }
        return rows
    }

    static func isUnread(_ screen: String, _ headline: String) -> Bool? {
        listRow(screen, headline).map { $0.hasPrefix(" ● ") }
    }

    static func readFlags(_ sandbox: Sandbox) throws -> [String: Bool] {
        let result = try sandbox.run(["list", "--format", "json"])
        #expect(result.status == 0, "list failed: \(result.stderr)")
        let articles = try result.json([ListedArticle].self)
        return Dictionary(uniqueKeysWithValues: articles.map { ($0.headline, $0.read) })
    }

    @Test func openMarkFilterSearchUndoResizeQuitAndTheMarksAreKept() throws {
        let sandbox = try Self.makeSandbox()
        let tmux = try Self.startReader(sandbox)
        defer { tmux.close() }

        var screen = try tmux.waitFor("4 unread / 4")
        #expect(screen.contains(Self.coffee) && screen.contains(Self.marathon))
        #expect(screen.contains("Singapore 31.0°C"))

        // Open the newest article: its body shows and it is marked read.
        try tmux.send("Enter")
        screen = try tmux.waitFor("Roasters in Singapore")
        try tmux.waitFor("3 unread / 4")
        try tmux.send("h")

        // Mark the oldest, then undo that mark.
        try tmux.send("G", "m")
        screen = try tmux.waitFor("2 unread / 4")
        #expect(Self.isUnread(screen, Self.marathon) == false)
        try tmux.send("u")
        screen = try tmux.waitFor("3 unread / 4")
        #expect(Self.isUnread(screen, Self.marathon) == true)

        // Search (a word of the summary), keep the filter, mark the one match, clear the search.
        try tmux.send("/")
        try tmux.type("startup opens")
        screen = try tmux.waitUntil("only the quantum article listed") {
            Self.listRow($0, Self.quantum) != nil && Self.listRow($0, Self.coffee) == nil
        }
        try tmux.send("Enter", "m")
        try tmux.waitFor("0 unread / 1")
        try tmux.send("/", "Escape")
        screen = try tmux.waitFor("2 unread / 4")
        #expect(Self.isUnread(screen, Self.quantum) == false)

        // A word only in a body: the article joins the list when the background search answers.
        try tmux.send("/")
        try tmux.type("zebrafish")
        screen = try tmux.waitUntil("the quantum article found by a word of its body") {
            Self.listRow($0, Self.quantum) != nil && Self.listRow($0, Self.coffee) == nil
                && !$0.contains("searching bodies") && $0.contains("0 unread / 1")
        }
        try tmux.send("Escape")
        screen = try tmux.waitFor("2 unread / 4")

        // Filter by category through the picker.
        try tmux.send("c")
        // Wait for the whole picker: tmux may show a frame half painted.
        screen = try tmux.waitUntil("the category picker down to Sports") {
            $0.contains("Category") && $0.contains("Sports ")
        }
        let pickerRows = Self.pickerRows(screen)
        let allRow = try #require(pickerRows.firstIndex { $0.contains("All ") }, "no All in \(pickerRows)")
        let sportsRow = try #require(pickerRows.firstIndex { $0.contains("Sports ") }, "no Sports in \(pickerRows)")
        try #require(allRow < sportsRow)
        for _ in 0..<(sportsRow - allRow) { try tmux.send("j") }
        try tmux.send("Enter")
        screen = try tmux.waitUntil("the list filtered to Sports") {
            Self.listRow($0, Self.marathon) != nil && Self.listRow($0, Self.coffee) == nil && !$0.contains("unread/total")
        }
        #expect(screen.contains("1 unread / 1"))
        try tmux.send("c", "g", "Enter")
        try tmux.waitFor("2 unread / 4")

        // Narrower than 100 columns: the list takes the whole screen, marks as before.
        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitUntil("the 80-column layout") {
            $0.split(separator: "\n").first.map { $0.count <= 80 } == true && !$0.contains(" │ ")
                && $0.contains("2 unread / 4")
        }
        #expect(Self.isUnread(screen, Self.coffee) == false)
        #expect(Self.isUnread(screen, Self.marathon) == true)

        // Down to a single cell and back: no crash, the same view returns.
        for (width, height) in [(1, 1), (2, 1), (12, 3), (30, 10)] {
            try tmux.resize(width: width, height: height)
            try tmux.waitUntil("a \(width)x\(height) window") { _ in
                (try? tmux.windowSize()).map { $0 == (width, height) } ?? false
            }
        }
        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor("2 unread / 4")

        try tmux.send("q")
        screen = try tmux.waitFor("EXITED 0")
        #expect(screen.contains("READY"))
        tmux.close()

        let flags = try Self.readFlags(sandbox)
        #expect(flags[Self.coffee] == true)
        #expect(flags[Self.quantum] == true)
        #expect(flags[Self.marathon] == false)
        #expect(flags[Self.ferry] == false)

        // Start again: the marks are on screen.
        let again = try Self.startReader(sandbox, width: 80, height: 24)
        defer { again.close() }
        screen = try again.waitFor("2 unread / 4")
        #expect(Self.isUnread(screen, Self.coffee) == false)
        #expect(Self.isUnread(screen, Self.quantum) == false)
        #expect(Self.isUnread(screen, Self.marathon) == true)
        #expect(Self.isUnread(screen, Self.ferry) == true)
        try again.send("q")
        try again.waitFor("EXITED 0")
    }

    /// The pid of the reader: the child of the pane's `sh`.
    static func readerPID(_ tmux: TmuxSession) throws -> pid_t {
        let shell = try tmux.panePID()
        let children = try TmuxSession.run("/usr/bin/pgrep", ["-P", String(shell)])
        return try #require(pid_t(children.split(separator: "\n").first ?? ""), "no reader process under the pane")
    }

    /// r reads the store again in the background: a new page joins the list while the cursor
    /// stays on its article; a removed page leaves it. The index then holds the new page, so
    /// the next start shows it in its first frame.
    @Test func rescanPicksUpNewPagesAndKeepsTheSelection() throws {
        let sandbox = try Self.makeSandbox()
        let tmux = try Self.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        try tmux.send("j", "j")  // the quantum article (the ferry teaser of the same day sorts first)
        let fresh = "Lantern festival"
        try sandbox.write(TemporaryStore.page(date: "Thursday, 6 November 2025", headline: fresh,
                                              standfirst: "Thousands came to the banks."), to: "Culture/lanterns.txt")
        try FileManager.default.removeItem(at: sandbox.store.appendingPathComponent("Sports/marathon.txt"))
        try tmux.send("r")
        var screen = try tmux.waitFor("4 unread / 4")
        screen = try tmux.waitUntil("the new page listed and the removed one gone") {
            Self.listRow($0, fresh) != nil && Self.listRow($0, Self.marathon) == nil
        }
        #expect(screen.contains("Store read: 1 new, 0 changed, 1 removed"))
        // Enter opens the article the cursor was on before the rescan.
        try tmux.send("Enter")
        screen = try tmux.waitFor("The lab will test chips")
        try tmux.send("q", "q")
        try tmux.waitFor("EXITED 0")

        let again = try Self.startReader(sandbox)
        defer { again.close() }
        screen = try again.waitFor("3 unread / 4")
        #expect(Self.listRow(screen, fresh) != nil)
        try again.send("q")
        try again.waitFor("EXITED 0")
    }

    /// `--mouse`: a click selects a row, a double click opens it, the wheel scrolls the list.
    /// (ncurses holds a press for its click interval to tell clicks from double clicks, so
    /// each step waits for its effect in the preview pane before the next key.)
    @Test func mouseClicksAndWheel() throws {
        let sandbox = try Self.makeSandbox()
        let tmux = try Self.startReader(sandbox, width: 120, height: 24, extra: ["--mouse"])
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        // Rows: weather bar (y 0), list header (y 1), then coffee, ferry teaser, quantum, marathon.
        try tmux.click(x: 10, y: 4)
        try tmux.waitFor("A startup opens a lab for quantum chips.")
        try tmux.send("Enter")
        try tmux.waitFor("The lab will test chips")
        try tmux.send("Tab")
        try tmux.click(x: 10, y: 5, times: 2)
        try tmux.waitFor("Organisers moved the route")
        try tmux.send("Tab", "g")
        try tmux.waitFor("2 unread / 4")
        // Wheel down over the list: three rows, onto the marathon (read), which m marks unread.
        try tmux.mouse(x: 10, y: 3, button: 65)
        try tmux.send("m")
        let screen = try tmux.waitFor("3 unread / 4")
        #expect(Self.isUnread(screen, Self.marathon) == true)
        #expect(Self.isUnread(screen, Self.coffee) == true)
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }

    @Test func sigtermRestoresTheTerminalAndKeepsTheMark() throws {
        let sandbox = try Self.makeSandbox()
        let tmux = try Self.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        try tmux.send("G", "m")
        try tmux.waitFor("3 unread / 4")

        kill(try Self.readerPID(tmux), SIGTERM)
        let screen = try tmux.waitFor("EXITED 143")
        // The reader's screen is gone: the shell's lines are back.
        #expect(screen.contains("READY"))
        #expect(!screen.contains("unread /"))
        #expect(!screen.contains(Self.coffee))
        tmux.close()
        #expect(try Self.readFlags(sandbox)[Self.marathon] == true)
    }

    @Test func sigintAndSighupEndTheReaderCleanly() throws {
        let sandbox = try Self.makeSandbox()
        let tmux = try Self.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        kill(try Self.readerPID(tmux), SIGINT)
        let screen = try tmux.waitFor("EXITED 130")
        #expect(!screen.contains("unread /"))
        tmux.close()

        // A closed terminal (SIGHUP): the process ends and the mark made just before is kept.
        let hup = try Self.startReader(sandbox)
        defer { hup.close() }
        try hup.waitFor("4 unread / 4")
        try hup.send("m")
        try hup.waitFor("3 unread / 4")
        let pid = try Self.readerPID(hup)
        kill(pid, SIGHUP)
        try hup.waitFor("EXITED 129")
        hup.close()
        #expect(try Self.readFlags(sandbox)[Self.coffee] == true)
    }

    @Test func withoutATerminalTheReaderExitsOneWithAMessage() throws {
        let sandbox = try Self.makeSandbox()
        let binary = try #require(TidingsBinary.url)
        // Output to a pipe: not a terminal.
        let piped = try ChildProcess.run(binary.path, ["--store", sandbox.store.path, "--state", sandbox.state.path],
                                         environment: sandbox.environment(["TERM": "xterm-256color"]))
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("needs a terminal"))
        #expect(piped.stdout.isEmpty)

        // On a terminal, but TERM unset or unknown.
        for (setting, message) in [("env -u TERM", "TERM environment variable is not set"),
                                   ("env TERM=no-such-terminal", "unknown terminal type TERM=no-such-terminal")] {
            let tmux = try TmuxSession(
                width: 120, height: 10,
                command: ["sh", "-c", "\(setting) \"$@\"; echo EXITED $?", "sh", binary.path,
                          "--store", sandbox.store.path, "--state", sandbox.state.path],
                environment: sandbox.environment(["LANG": "C.UTF-8"]))
            defer { tmux.close() }
            let screen = try tmux.waitFor("EXITED 1")
            #expect(screen.contains(message), "\(setting): \(screen)")
        }
    }
}
