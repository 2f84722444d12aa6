import Foundation
import Testing
import TestSupport

/// `o` in the reader hands the article's web address to $BROWSER as one argument.
@Suite(.serialized)
struct ReaderLinkTests {
    @Test func oOpensTheArticlesAddressWithBrowser() throws {
        let sandbox = try Sandbox()
        try sandbox.write("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <title>Harbour ferry returns | Straits Daily</title>
            <meta property="og:title" content="Harbour ferry returns">
            <meta property="article:published_time" content="2025-11-03T08:30:00+08:00">
            <link rel="canonical" href="https://news.example.com/transport/harbour-ferry">
            </head><body><article><h1>Harbour ferry returns</h1>
            <p>The ferry that once linked the two sides of the harbour will run again from Monday, ten years after the last crossing.</p>
            <p>Three electric boats will make the crossing every twenty minutes, and the fare will match a bus ride.</p>
            </article></body></html>
            """, to: "Transport/ferry.html")
        // A stand-in browser that records its arguments, one per line.
        let record = sandbox.root.appendingPathComponent("browser-args")
        let browser = sandbox.root.appendingPathComponent("browser")
        try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '\(record.path)'\n".utf8).write(to: browser)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)

        let tmux = try ReaderEndToEndTests.startReader(sandbox, environment: ["BROWSER": browser.path])
        defer { tmux.close() }
        try tmux.waitFor("Harbour ferry returns")
        try tmux.send("o")
        try tmux.waitFor("Opened https://news.example.com/transport/harbour-ferry")
        try tmux.waitUntil("the browser to record its arguments") { _ in
            FileManager.default.fileExists(atPath: record.path)
                && ((try? String(contentsOf: record, encoding: .utf8)) ?? "").hasSuffix("\n")
        }
        #expect(try String(contentsOf: record, encoding: .utf8) == "https://news.example.com/transport/harbour-ferry\n")
        try tmux.send("q")
        try tmux.waitFor("EXITED 0")
    }
}
