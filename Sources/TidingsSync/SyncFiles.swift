import Foundation
import TidingsExtract
import TidingsModel

/// Pulled items kept in the store, so they read offline and survive a deleted index: RSS files in
/// the store's `sync/` folder, one per feed per page of items, written whole (a temporary hidden
/// file renamed into place). The index reads them as it reads any feed; an item's group is its
/// category and its feed the source, and the same story from a local page merges with it.
struct SyncFiles {
    let folder: URL

    init(store: URL) { folder = store.appendingPathComponent("sync", isDirectory: true) }

    /// Writes `items` (of one page) and returns each item's article id, in order.
    func write(_ items: [RemoteItem], feeds: [String: RemoteFeed], groups: [String: String]) throws -> [String: ArticleID] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var ids: [String: ArticleID] = [:]
        let byFeed = Dictionary(grouping: items, by: \.feedID)
        for (feedID, feedItems) in byFeed.sorted(by: { $0.key < $1.key }) {
            let feed = feeds[feedID]
            let category = feed?.groupIDs.lazy.compactMap { groups[$0] }.first ?? feed?.title
            let first = feedItems.map { Int64($0.id) ?? 0 }.min() ?? 0
            let name = "feed\(Self.safe(feedID))-\(first).xml"
            let xml = Self.rss(feedItems, feedTitle: feed?.title ?? "Feed \(feedID)", site: feed?.siteURL, category: category)
            let target = folder.appendingPathComponent(name)
            let temporary = folder.appendingPathComponent(".\(name).\(getpid()).tmp")
            try Data(xml.utf8).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
            // The id of each item is what the index will make of it: the same parser reads it back.
            let pages = (try? FeedParser().parse(Array(xml.utf8), path: target.path).pages) ?? []
            if pages.count == feedItems.count {
                for (item, page) in zip(feedItems, pages) { ids[item.id] = ArticleID(headline: page.headline) }
            } else {
                for item in feedItems {
                    let one = Self.rss([item], feedTitle: feed?.title ?? "", site: nil, category: category)
                    if let page = (try? FeedParser().parse(Array(one.utf8), path: target.path).pages)?.first {
                        ids[item.id] = ArticleID(headline: page.headline)
                    }
                }
            }
        }
        return ids
    }

    static func safe(_ id: String) -> String { String(id.filter { $0.isLetter || $0.isNumber }.prefix(24)) }

    static func rss(_ items: [RemoteItem], feedTitle: String, site: String?, category: String?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n"
        out += "<title>\(escape(feedTitle))</title>"
        if let site, site.lowercased().hasPrefix("http") { out += "<link>\(escape(site))</link>" }
        out += "\n"
        for item in items {
            out += "<item><title>\(escape(item.title))</title>"
            if let url = item.url, url.lowercased().hasPrefix("http") { out += "<link>\(escape(url))</link>" }
            out += "<guid isPermaLink=\"false\">fever:\(escape(item.id))</guid>"
            if let created = item.created { out += "<pubDate>\(rfc822(created))</pubDate>" }
            if let category { out += "<category>\(escape(category))</category>" }
            if let author = item.author, !author.isEmpty { out += "<author>\(escape(author))</author>" }
            out += "<description>\(escape(item.html))</description></item>\n"
        }
        return out + "</channel></rss>\n"
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }

    static func rfc822(_ unix: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var t = time_t(unix)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = days[Int(((unix / 86_400) % 7 + 7) % 7)]
        return "\(day), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
