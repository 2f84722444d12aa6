import Foundation
import Testing
import TestSupport

/// `R` in the reader, in tmux, against the loopback server.
@Suite(.serialized) struct ReaderFetchTests {
    @Test func fetchKeyShowsProgressAndTheNewArticlesKeepingTheSelection() throws {
        let sandbox = try ReaderEndToEndTests.makeSandbox()
        let server = try LoopbackServer()
        try server.write("news.xml", FeedText.rss(items: FeedText.items(1...3)))
        try sandbox.write("[[feed]]\nurl = \"\(server.url("/f/news.xml"))\"\ntitle = \"Harbour Wire\"\n", to: "feeds.toml",
                          in: sandbox.home.appendingPathComponent(".config/tidings"))
        try sandbox.write("[[feed]]\nurl = \"\(server.url("/status/500"))\"\ntitle = \"Broken Wire\"\n", to: "extra.toml",
                          in: sandbox.root)
        let tmux = try ReaderEndToEndTests.startReader(sandbox)
        defer { tmux.close() }
        try tmux.waitFor("4 unread / 4")
        // Select the second headline, then fetch.
        try tmux.send("j")
        try tmux.waitFor("│ Night ferry service")
        try tmux.send("R")
        try tmux.waitFor("Fetched 1 feed: 3 new items")
        try tmux.waitFor("7 unread / 7")
        let list = try tmux.waitFor("Loopback headline number 3")
        #expect(list.contains("Loopback headline number 1"))
        // The new articles sort above it, and the selection (shown in the preview) stayed.
        let lines = list.split(separator: "\n")
        #expect(lines.count > 2 && lines[1].contains("│ Night ferry service"))
        #expect(ReaderEndToEndTests.listRow(list, "Night ferry service") != nil)
        // A second R: nothing new, and a failing feed is named without stopping the other.
        let feeds = sandbox.home.appendingPathComponent(".config/tidings/feeds.toml")
        let both = try String(contentsOf: feeds, encoding: .utf8) + "\n"
            + (try String(contentsOf: sandbox.root.appendingPathComponent("extra.toml"), encoding: .utf8))
        try Data(both.utf8).write(to: feeds)
        try tmux.send("R")
        try tmux.waitFor("Fetched 2 feeds: 0 new items; 1 failed (Broken Wire: failed: HTTP 500)")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }
}
