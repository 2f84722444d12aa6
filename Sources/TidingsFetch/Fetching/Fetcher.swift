import Foundation
import TidingsExtract
import TidingsModel
import TidingsNet

/// Fetches subscriptions into the store. Each feed's file is the last fetched document with the
/// items it has dropped (still within retention) carried over as the bytes first stored, so
/// article ids and read marks never change; it is replaced atomically, and only after the
/// feed (and its full-text pages) came back whole. Feed files are not fsynced one by one (two
/// fsyncs per feed were 2.5 s of 200 feeds here; a syncfs waits for every other writer of the
/// disk): the state records each file's size, and a file that a power failure lost or cut no
/// longer matches it, so it is fetched whole again instead of answered with a 304. The state
/// file itself is fsynced, at most once a second while feeds land and at the end: a crash
/// loses at most that second of state, and the store stays consistent (a feed whose
/// validators were lost is fetched whole again and merged with its file as usual).
public final class Fetcher {
    public struct Locations: Sendable {
        public var store: URL
        public var stateFile: URL
        /// feeds.toml, rewritten (one line) when a feed moves permanently; nil: not rewritten.
        public var feedsFile: URL?
        public init(store: URL, stateFile: URL, feedsFile: URL?) {
            self.store = store
            self.stateFile = stateFile
            self.feedsFile = feedsFile
        }
    }

    let locations: Locations
    let client: HTTPClient
    var state: FetchState
    private let lock: FileLock
    private var lastSave = 0.0

    /// Takes the fetch lock (one fetch at a time per state file) and reads the state.
    public init(locations: Locations, client: HTTPClient) throws {
        let lockURL = locations.stateFile.deletingLastPathComponent()
            .appendingPathComponent("." + locations.stateFile.lastPathComponent + ".lock")
        guard let lock = FileLock(lockURL) else { throw FetchError.busy(lockURL.path) }
        self.lock = lock
        self.locations = locations
        self.client = client
        state = try FetchState.load(locations.stateFile)
    }

    public var currentState: FetchState { state }

    private struct Pending {
        var subscription: Subscription
        var response: HTTPResponse
        var document: FeedDocument
        var waiting = 0
        var fullTexts: [String: String] = [:]
        var fullTextFailures: [String: String] = [:]
        var notes: [String] = []
    }

    /// Fetches `subscriptions` (skipping disabled feeds and those waiting out a back-off unless
    /// `force`); `progress` is called on this thread as each feed finishes.
    public func fetch(_ subscriptions: [Subscription], force: Bool = false, now: Double = Date().timeIntervalSince1970,
                      progress: (FetchProgress) -> Void = { _ in }) -> [FeedOutcome] {
        var outcomes: [FeedOutcome] = []
        let total = subscriptions.count
        func report(_ outcome: FeedOutcome) {
            outcomes.append(outcome)
            progress(FetchProgress(done: outcomes.count, total: total, outcome: outcome))
        }
        let queue = HTTPQueue(client: client)
        var pending: [Int: Pending] = [:]
        var fullTextJobs: [Int: (feed: Int, key: String)] = [:]
        let fullTextBase = 1 << 40
        var nextFullTextTag = fullTextBase
        defer { save(now: true) }
        for (index, subscription) in subscriptions.enumerated() {
            let feed = state.feeds[subscription.url] ?? FetchState.Feed()
            if let reason = feed.disabled, !force {
                report(FeedOutcome(url: subscription.url, name: name(subscription), result: .skipped(reason), notes: []))
                continue
            }
            if let until = feed.retryAfter, until > now, !force {
                report(FeedOutcome(url: subscription.url, name: name(subscription),
                                   result: .skipped("waiting \(Self.duration(until - now)) after: \(feed.result ?? "a failure")"), notes: []))
                continue
            }
            var headers: [(name: String, value: String)] = [
                ("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"),
            ]
            // Validators only while the stored file is there, as written, to fall back on.
            if let file = feed.file, let size = feed.fileSize, Self.size(of: locations.store.appendingPathComponent(file)) == size {
                if let etag = feed.etag { headers.append(("If-None-Match", etag)) }
                if let lastModified = feed.lastModified { headers.append(("If-Modified-Since", lastModified)) }
            }
            queue.add(HTTPRequest(url: subscription.url, headers: headers), tag: index)
        }
        queue.run { tag, answer in
            if tag >= fullTextBase {
                guard let job = fullTextJobs.removeValue(forKey: tag), var entry = pending[job.feed] else { return }
                switch answer {
                case .success(let response) where response.status == 200:
                    do {
                        entry.fullTexts[job.key] = try FullText.extract(response.body, contentType: response.header("content-type"))
                    } catch {
                        entry.fullTextFailures[job.key] = "\(error)"
                    }
                case .success(let response):
                    entry.fullTextFailures[job.key] = "HTTP \(response.status)"
                case .failure(let error):
                    entry.fullTextFailures[job.key] = error.description
                }
                entry.waiting -= 1
                pending[job.feed] = entry
                if entry.waiting == 0, let done = pending.removeValue(forKey: job.feed) {
                    report(finish(done, now: now))
                }
                return
            }
            let subscription = subscriptions[tag]
            switch answer {
            case .failure(let error):
                report(fail(subscription, error.description, now: now))
            case .success(let response):
                switch response.status {
                case 200:
                    guard let document = FeedDocument(response.body), (try? FeedParser().parse(response.body, path: "feed.xml")) != nil else {
                        report(fail(subscription, notAFeed(response), now: now))
                        return
                    }
                    var entry = Pending(subscription: subscription, response: response, document: document)
                    if subscription.fullText {
                        let known = state.feeds[subscription.url]?.fullTextDone ?? []
                        let stored = Set(known)
                        var seen: Set<String> = []
                        for item in document.items {
                            let key = document.key(of: item)
                            guard !stored.contains(key), seen.insert(key).inserted, let link = document.link(of: item),
                                  URLCheck.problem(link) == nil else { continue }
                            let jobTag = nextFullTextTag
                            nextFullTextTag += 1
                            fullTextJobs[jobTag] = (tag, key)
                            entry.waiting += 1
                            queue.add(HTTPRequest(url: link, headers: [("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")]), tag: jobTag)
                        }
                    }
                    if entry.waiting == 0 { report(finish(entry, now: now)) } else { pending[tag] = entry }
                case 304:
                    report(unchanged(subscription, response, now: now))
                case 410:
                    var feed = state.feeds[subscription.url] ?? FetchState.Feed()
                    let message = "410 Gone: the server says the feed was removed; it is no longer fetched (remove it from feeds.toml, or fetch it by name to try again)"
                    feed.disabled = "410 Gone"
                    feed.lastFetch = now
                    feed.ok = false
                    feed.result = "410 Gone (disabled)"
                    state.feeds[subscription.url] = feed
                    save()
                    report(FeedOutcome(url: subscription.url, name: name(subscription), result: .failed("410 Gone"), notes: [message]))
                case 429, 503:
                    let wait = response.header("retry-after").flatMap { RetryAfter.seconds($0, now: now) }
                    report(fail(subscription, "HTTP \(response.status)" + (wait.map { ", retry after \(Self.duration($0))" } ?? ""),
                                now: now, retryAfter: wait.map { min($0, 7 * 86400) }))
                default:
                    report(fail(subscription, "HTTP \(response.status)", now: now))
                }
            }
        }
        return outcomes
    }

    // MARK: - Results

    private func finish(_ entry: Pending, now: Double) -> FeedOutcome {
        let subscription = entry.subscription
        var feed = state.feeds[subscription.url] ?? FetchState.Feed()
        var notes = entry.notes
        let relative = storedPath(subscription, feed: feed)
        let fileURL = locations.store.appendingPathComponent(relative)
        let fullTextFolder = Self.fullTextFolder(for: fileURL)
        // A feed moved to another category: its file (and full texts) move first.
        if let old = feed.file, old != relative {
            let oldURL = locations.store.appendingPathComponent(old)
            try? FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            if rename(oldURL.path, fileURL.path) == 0 {
                _ = rename(Self.fullTextFolder(for: oldURL).path, fullTextFolder.path)
            }
        }
        let previous = (try? Data(contentsOf: fileURL)).map { FeedDocument(Array($0)) } ?? nil

        // Full texts: new ones to disk first, then every current item's is put into its bytes.
        for (key, html) in entry.fullTexts {
            try? AtomicFile.write(Array(html.utf8), to: fullTextFolder.appendingPathComponent(StableHash.hex(key) + ".html"), sync: false)
        }
        let document = entry.document
        var out: [UInt8] = []
        out.reserveCapacity(document.bytes.count + (previous?.bytes.count ?? 0) / 2)
        var cursor = 0
        var currentKeys: Set<String> = []
        var newItems = 0
        for item in document.items {
            let key = document.key(of: item)
            currentKeys.insert(key)
            if feed.firstSeen[key] == nil {
                feed.firstSeen[key] = now
                newItems += 1
            }
            out += document.bytes[cursor..<item.lowerBound]
            if subscription.fullText, let html = entry.fullTexts[key]
                ?? (try? String(contentsOf: fullTextFolder.appendingPathComponent(StableHash.hex(key) + ".html"), encoding: .utf8)) {
                out += FullText.inject(html, into: document.bytes[item], kind: document.kind)
            } else {
                out += document.bytes[item]
            }
            cursor = item.upperBound
        }
        var carried = 0
        var kept: Set<String> = currentKeys
        if let previous, previous.kind == document.kind, Self.encoding(previous.bytes) == Self.encoding(document.bytes),
           let insertion = document.insertionPoint, insertion >= cursor {
            out += document.bytes[cursor..<insertion]
            for item in previous.items {
                let key = previous.key(of: item)
                guard !kept.contains(key) else { continue }
                let first = feed.firstSeen[key] ?? now
                guard now - first < Double(subscription.retentionSeconds) else { continue }
                feed.firstSeen[key] = first
                kept.insert(key)
                out += previous.bytes[item]
                out.append(0x0A)
                carried += 1
            }
            cursor = insertion
        }
        out += document.bytes[cursor...]
        do {
            try AtomicFile.write(out, to: fileURL, sync: false)
            feed.fileSize = out.count
        } catch {
            return fail(subscription, "\(error)", now: now)
        }
        // Forget items no longer kept (and their full texts).
        for key in feed.firstSeen.keys where !kept.contains(key) {
            feed.firstSeen[key] = nil
            try? FileManager.default.removeItem(at: fullTextFolder.appendingPathComponent(StableHash.hex(key) + ".html"))
        }
        if subscription.fullText {
            var done = Set(feed.fullTextDone).intersection(kept)
            done.formUnion(entry.fullTexts.keys)
            feed.fullTextDone = done.sorted()
            feed.fullTextMissing = entry.fullTextFailures.count
            if let (key, reason) = entry.fullTextFailures.min(by: { $0.key < $1.key }) {
                feed.fullTextProblem = "\(entry.fullTextFailures.count) item(s) without full text; e.g. \(redactedURL(key)): \(reason)"
                notes.append("full text: \(feed.fullTextProblem!) (the feed's own text is shown)")
            } else if !entry.fullTexts.isEmpty {
                feed.fullTextProblem = nil
            }
        }
        feed.file = relative
        feed.etag = entry.response.header("etag")
        feed.lastModified = entry.response.header("last-modified")
        feed.lastFetch = now
        feed.lastSuccess = now
        feed.ok = true
        feed.failures = 0
        feed.retryAfter = nil
        feed.disabled = nil
        feed.itemsKept = document.items.count + carried
        feed.result = newItems == 1 ? "1 new item" : "\(newItems) new items"
        var key = subscription.url
        if let moved = entry.response.permanentURL, moved != subscription.url, URLCheck.problem(moved) == nil {
            notes.append(moveSubscription(from: subscription.url, to: moved))
            key = moved
            state.feeds[subscription.url] = nil
        }
        state.feeds[key] = feed
        save()
        return FeedOutcome(url: key, name: name(subscription), result: .updated(newItems: newItems), notes: notes)
    }

    private func unchanged(_ subscription: Subscription, _ response: HTTPResponse, now: Double) -> FeedOutcome {
        var feed = state.feeds[subscription.url] ?? FetchState.Feed()
        feed.lastFetch = now
        feed.lastSuccess = now
        feed.ok = true
        feed.failures = 0
        feed.retryAfter = nil
        feed.result = "unchanged"
        if let etag = response.header("etag") { feed.etag = etag }
        if let lastModified = response.header("last-modified") { feed.lastModified = lastModified }
        var notes: [String] = []
        var key = subscription.url
        if let moved = response.permanentURL, moved != subscription.url, URLCheck.problem(moved) == nil {
            notes.append(moveSubscription(from: subscription.url, to: moved))
            key = moved
            state.feeds[subscription.url] = nil
        }
        state.feeds[key] = feed
        save()
        return FeedOutcome(url: key, name: name(subscription), result: .unchanged, notes: notes)
    }

    private func fail(_ subscription: Subscription, _ reason: String, now: Double, retryAfter: Double? = nil) -> FeedOutcome {
        var feed = state.feeds[subscription.url] ?? FetchState.Feed()
        feed.lastFetch = now
        feed.ok = false
        feed.failures += 1
        feed.result = reason
        feed.retryAfter = now + (retryAfter ?? BackOff.delay(failures: feed.failures))
        state.feeds[subscription.url] = feed
        save()
        return FeedOutcome(url: subscription.url, name: name(subscription), result: .failed(reason), notes: [])
    }

    private func notAFeed(_ response: HTTPResponse) -> String {
        let type = response.header("content-type") ?? "no content type"
        let head = String(decoding: response.body.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") {
            return "the server sent an HTML page, not a feed (\(type)); `tidings feeds add` on that URL finds its feeds"
        }
        return response.body.isEmpty ? "the server sent an empty body" : "not an RSS or Atom feed (\(type))"
    }

    /// Rewrites the subscription's URL in feeds.toml; the note says what happened.
    private func moveSubscription(from old: String, to new: String) -> String {
        let what = "moved permanently: \(redactedURL(old)) -> \(redactedURL(new))"
        guard let file = locations.feedsFile, let text = try? String(contentsOf: file, encoding: .utf8) else {
            return what
        }
        guard let updated = SubscriptionFile.replacingURL(old, with: new, in: text) else {
            return what + "; feeds.toml still names the old URL (its line was not found)"
        }
        do {
            try AtomicFile.write(Array(updated.utf8), to: file)
            return what + "; feeds.toml updated"
        } catch {
            return what + "; feeds.toml could not be updated: \(error)"
        }
    }

    /// Saves the state now, or marks it to be saved within a second.
    private func save(now: Bool = false) {
        let clock = Date().timeIntervalSince1970
        guard now || clock - lastSave >= 1 else { return }
        lastSave = clock
        do { try state.save(locations.stateFile) } catch {
            FileHandle.standardError.write(Data("tidings: cannot save the fetch state: \(error)\n".utf8))
        }
    }

    // MARK: - Names

    func name(_ subscription: Subscription) -> String { subscription.title ?? redactedURL(subscription.url) }

    /// `Category/name-hash.xml` (or `name-hash.xml` with no category); the name stays once chosen
    /// unless the category changes.
    func storedPath(_ subscription: Subscription, feed: FetchState.Feed) -> String {
        let fileName = feed.file.map { String($0.split(separator: "/").last ?? "") } ?? Self.fileName(subscription)
        if let category = subscription.category { return category + "/" + fileName }
        return fileName
    }

    static func fileName(_ subscription: Subscription) -> String {
        var base = subscription.title ?? subscription.url
        if subscription.title == nil, let slashes = base.firstRange(of: "://") { base = String(base[slashes.upperBound...]) }
        if let at = base.firstIndex(of: "@"), subscription.title == nil { base = String(base[base.index(after: at)...]) }
        var slug = ""
        for c in base.lowercased().unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") { slug.unicodeScalars.append(c) } else if !slug.hasSuffix("-") { slug += "-" }
            if slug.count >= 48 { break }
        }
        while slug.hasPrefix("-") { slug.removeFirst() }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "feed" }
        return slug + "-" + String(StableHash.hex(subscription.url).prefix(6)) + ".xml"
    }

    static func size(of url: URL) -> Int? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    static func fullTextFolder(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("." + file.deletingPathExtension().lastPathComponent + ".fulltext")
    }

    static func encoding(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self).lowercased()
        guard head.hasPrefix("<?xml") || head.hasPrefix("\u{feff}<?xml"), let range = head.firstRange(of: "encoding=") else { return "utf-8" }
        let rest = head[range.upperBound...].dropFirst()
        return String(rest.prefix { $0 != "\"" && $0 != "'" })
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 90 { return "\(s) s" }
        if s < 5400 { return "\((s + 59) / 60) min" }
        if s < 2 * 86400 { return "\((s + 3599) / 3600) h" }
        return "\((s + 86399) / 86400) days"
    }
}
