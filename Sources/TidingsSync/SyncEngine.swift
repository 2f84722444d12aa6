import Foundation
import TidingsModel
import TidingsStore

/// One sync: pull what is new, push the outbox, then take the server's read and saved lists.
///
/// Order matters for the conflict rule: the outbox goes out before the lists are read, and the
/// lists never overwrite an article that still has a change waiting (`applyServerState`), so a
/// change made here and not yet confirmed always wins; anything else takes the server's state.
public final class SyncEngine {
    public struct Report: Sendable, Equatable {
        public var pulled = 0
        public var pushed = 0
        public var marksChanged = 0
        public var pending = 0
    }

    let service: SyncService
    let state: ReadStateStore
    let files: SyncFiles
    /// Told what the sync is doing ("pulling 150 items", "sending 40 changes").
    let progress: (String) -> Void

    public init(service: SyncService, state: ReadStateStore, store: URL, progress: @escaping (String) -> Void = { _ in }) {
        self.service = service
        self.state = state
        files = SyncFiles(store: store)
        self.progress = progress
    }

    public func run() throws -> Report {
        var report = Report()
        try service.verify()
        let layout = try service.layout()
        try state.saveServerLayout(groups: layout.groups.map { ($0.id, $0.title) },
                                   feeds: layout.feeds.map { ($0.id, $0.title, $0.groupIDs) })
        let feeds = Dictionary(layout.feeds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(layout.groups.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })

        // New items, page by page from the highest id seen.
        var after = try state.syncSetting("last_item_id")
        var savedFlags: [String: Bool] = [:]
        let pullStarted = Int(Date().timeIntervalSince1970)
        while true {
            let page = try service.items(after: after)
            guard !page.isEmpty else { break }
            try keep(page, feeds: feeds, groups: groups)
            for item in page { savedFlags[item.id] = item.isSaved }
            report.pulled += page.count
            progress("pulled \(report.pulled) items")
            let highest = page.compactMap { Int64($0.id) }.max() ?? 0
            guard highest > (after.flatMap { Int64($0) } ?? 0) else { break }
            after = String(highest)
            try state.setSyncSettings(["last_item_id": after, "last_pull": String(pullStarted)])
        }
        if after == nil { try state.setSyncSettings(["last_pull": String(pullStarted)]) }

        report.pushed = try push()

        let unread = try service.unreadItemIDs()
        let saved = try service.savedItemIDs()
        // Unread or saved items this machine has not got: older than the last id seen (another
        // machine's server may add old ones), or skipped by a server that pages out of order.
        let known = try state.knownItemIDs()
        let missing = unread.union(saved ?? []).subtracting(known).sorted { (Int64($0) ?? 0) < (Int64($1) ?? 0) }
        var at = 0
        while at < missing.count {
            let batch = Array(missing[at..<min(at + service.batchSize, missing.count)])
            let page = try service.items(ids: batch)
            try keep(page, feeds: feeds, groups: groups)
            for item in page { savedFlags[item.id] = item.isSaved }
            report.pulled += page.count
            progress("pulled \(report.pulled) items")
            at += batch.count
        }
        if let saved {
            report.marksChanged = try state.applyServerState(unread: unread, saved: saved)
        } else {
            // The server lists no saved ids: the items' own flags, for the items seen in this sync.
            report.marksChanged = try state.applyServerState(unread: unread, saved: Set(savedFlags.filter(\.value).keys),
                                                             savedKnownFor: Set(savedFlags.keys))
        }
        report.pending = try state.pendingChanges()
        return report
    }

    private func keep(_ items: [RemoteItem], feeds: [String: RemoteFeed], groups: [String: String]) throws {
        let ids = try files.write(items, feeds: feeds, groups: groups)
        try state.recordItems(items.compactMap { item in
            ids[item.id].map { SyncedItem(itemID: item.id, articleID: $0, feedID: item.feedID, headline: item.title, url: item.url) }
        })
    }

    /// Sends the outbox in order; each change leaves it only once the server said yes. Confirmed
    /// changes are removed in batches: after a crash the last few are sent again, which is
    /// harmless because they are sent again in the same order (the final state is the same).
    func push() throws -> Int {
        var sent = 0
        let pending = try state.pendingChanges()
        guard pending > 0 else { return 0 }
        let feedGroups = Dictionary(try state.serverFeeds().map { ($0.id, Set($0.groups)) }, uniquingKeysWith: { a, _ in a })
        let groupIDs = try state.serverGroups()
        // Mark-alls whose category is no single server group: sent item by item.
        var itemByItem = Set<Double>()
        while true {
            let entries = try state.outbox(limit: 500)
            guard !entries.isEmpty else { break }
            var done: [Int64] = []
            func flush() throws {
                try state.confirm(done)
                sent += done.count
                done.removeAll()
                progress("sent \(sent) of \(pending) changes")
            }
            var index = 0
            do {
                while index < entries.count {
                    let entry = entries[index]
                    if entry.op == .read, !itemByItem.contains(entry.stamp), let hint = try state.markAllHint(stamp: entry.stamp) {
                        if let run = try groupMark(hint, stamp: entry.stamp, groupIDs: groupIDs, feedGroups: feedGroups) {
                            try flush()
                            try service.markGroupRead(run.group, before: hint.before)
                            try state.confirm(run.seqs, hints: [entry.stamp])
                            sent += run.seqs.count
                            break  // the outbox changed under `entries`: read it again
                        }
                        itemByItem.insert(entry.stamp)
                    }
                    // A run of changes to distinct articles goes at once (Fever takes one item per
                    // request); a second change of the same article waits for the next run, so each
                    // article's changes keep their order. A mark-all that may go as a group mark
                    // starts a run of its own.
                    var batch: [(item: String, op: OutboxEntry.Op)] = []
                    var seqs: [Int64] = []
                    var articles = Set<String>()
                    while index < entries.count, seqs.count < 32 {
                        let next = entries[index]
                        if !seqs.isEmpty, next.op == .read, !itemByItem.contains(next.stamp),
                           try state.markAllHint(stamp: next.stamp) != nil { break }
                        guard articles.insert(next.articleID).inserted else { break }
                        for item in try state.serverItems(of: next.articleID) { batch.append((item.item, next.op)) }
                        seqs.append(next.seq)
                        index += 1
                    }
                    try service.mark(items: batch)
                    done += seqs
                    if done.count >= 64 { try flush() }
                }
                try flush()
            } catch {
                try? flush()
                throw error
            }
        }
        return sent
    }

    /// The server group a mark-all's marks may go to as one mark, with the outbox rows it covers;
    /// nil when the category is not one group or some marked item is outside it.
    private func groupMark(_ hint: (category: String?, before: Int), stamp: Double, groupIDs: [(id: String, title: String)],
                           feedGroups: [String: Set<String>]) throws -> (group: String, seqs: [Int64])? {
        let group: String
        if let category = hint.category {
            let matches = groupIDs.filter { $0.title.lowercased() == category.lowercased() }
            guard matches.count == 1 else { return nil }
            group = matches[0].id
        } else {
            group = "0"  // Fever's group 0: every item
        }
        let run = try state.outboxRun(stamp: stamp, op: .read)
        guard !run.isEmpty else { return nil }
        if group != "0" {
            for entry in run {
                for item in try state.serverItems(of: entry.articleID) where !(feedGroups[item.feed]?.contains(group) ?? false) {
                    return nil
                }
            }
        }
        return (group, run.map(\.seq))
    }
}
