import Foundation
import TidingsStore

/// The Fever API (https://feedafever.com/api, as Coldsweat, FreshRSS, Miniflux and Tiny Tiny RSS
/// serve it): POST `api_key` = md5("user:password") to `endpoint?api&command`. Servers differ in
/// small ways, all accepted here: ids as numbers or strings, flags as 0/1, booleans or strings,
/// id lists as comma-separated strings or arrays, saved items as `saved_item_ids` or only as each
/// item's `is_saved`.
public struct FeverService: SyncService {
    public let endpoint: String
    let apiKey: String
    let http: SyncHTTP
    let timeout: Double
    public var batchSize: Int { 50 }

    public init(endpoint: String, user: String, password: String, http: SyncHTTP, timeout: Double = 30) {
        self.endpoint = endpoint
        apiKey = MD5.hex("\(user):\(password)")
        self.http = http
        self.timeout = timeout
    }

    /// A fingerprint of the account's settings (not the password): a refusal is remembered per
    /// fingerprint, so nothing is retried until the settings change.
    public var accountKey: String { MD5.hex("\(endpoint)\n\(apiKey)") }

    func url(_ query: String) -> String {
        endpoint + (endpoint.contains("?") ? "&" : "?") + "api" + (query.isEmpty ? "" : "&" + query)
    }

    func call(_ query: String, _ fields: [(String, String)] = []) throws -> [String: FeverValue] {
        let (status, body) = try http.postForm(url(query), fields: [("api_key", apiKey)] + fields, timeout: timeout)
        return try check(status, body, fields)
    }

    /// The answer's JSON, or why it is not the API's.
    func check(_ status: Int, _ body: [UInt8], _ fields: [(String, String)]) throws -> [String: FeverValue] {
        if status == 401 || status == 403 {
            throw SyncError.refused("the server refused the user and password (HTTP \(status)): check [sync] user and the password")
        }
        if status == 404, fields.contains(where: { $0.0 == "mark" }) { throw FeverGone() }
        guard (200..<300).contains(status) else {
            throw SyncError.badAnswer("the server answered HTTP \(status)\(status >= 500 ? " (a server error; will retry)" : "")")
        }
        guard let object = FeverValue.parse(body)?.object else {
            let text = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
            if text.contains("<html") || text.contains("<!doctype") {
                throw SyncError.badAnswer("the server answered with a web page, not the Fever API: check [sync] endpoint (it usually ends in /fever/ or /api/fever.php)")
            }
            throw SyncError.badAnswer("the server's answer is not the Fever API's JSON (\(body.count) bytes)")
        }
        guard let auth = object["auth"] else {
            throw SyncError.badAnswer("the server's answer has no `auth`: not a Fever API endpoint?")
        }
        guard auth.bool else {
            throw SyncError.refused("the server refused the user and password (Fever auth 0): check [sync] user and the password")
        }
        return object
    }

    public func verify() throws { _ = try call("") }

    public func layout() throws -> (groups: [RemoteGroup], feeds: [RemoteFeed]) {
        let answer = try call("groups&feeds")
        let groups = (answer["groups"]?.array ?? []).compactMap { g -> RemoteGroup? in
            guard let o = g.object, let id = o["id"]?.id else { return nil }
            return RemoteGroup(id: id, title: o["title"]?.string ?? "Group \(id)")
        }
        var groupsOfFeed: [String: [String]] = [:]
        for link in answer["feeds_groups"]?.array ?? [] {
            guard let o = link.object, let group = o["group_id"]?.id else { continue }
            for feed in o["feed_ids"]?.idList ?? [] { groupsOfFeed[feed, default: []].append(group) }
        }
        let feeds = (answer["feeds"]?.array ?? []).compactMap { f -> RemoteFeed? in
            guard let o = f.object, let id = o["id"]?.id else { return nil }
            return RemoteFeed(id: id, title: o["title"]?.string ?? "Feed \(id)", siteURL: o["site_url"]?.string,
                              groupIDs: groupsOfFeed[id] ?? [])
        }
        return (groups, feeds)
    }

    public func items(after: String?) throws -> [RemoteItem] {
        try Self.items(call("items&since_id=\(after.flatMap { Int64($0) } ?? 0)"))
    }

    public func items(ids: [String]) throws -> [RemoteItem] {
        guard !ids.isEmpty else { return [] }
        return try Self.items(call("items&with_ids=" + ids.filter { $0.allSatisfy(\.isNumber) }.joined(separator: ",")))
    }

    static func items(_ answer: [String: FeverValue]) -> [RemoteItem] {
        (answer["items"]?.array ?? []).compactMap { value in
            guard let o = value.object, let id = o["id"]?.id else { return nil }
            return RemoteItem(id: id, feedID: o["feed_id"]?.id ?? "", title: o["title"]?.string ?? "",
                              author: o["author"]?.string, html: o["html"]?.string ?? "", url: o["url"]?.string,
                              isRead: o["is_read"]?.bool ?? false, isSaved: o["is_saved"]?.bool ?? false,
                              created: o["created_on_time"]?.number.map { Int($0) })
        }
    }

    public func unreadItemIDs() throws -> Set<String> {
        Set(try call("unread_item_ids")["unread_item_ids"]?.idList ?? [])
    }

    public func savedItemIDs() throws -> Set<String>? {
        try call("saved_item_ids")["saved_item_ids"].map { Set($0.idList) }
    }

    static func status(_ op: OutboxEntry.Op) -> String {
        switch op {
        case .read: return "read"
        case .unread: return "unread"
        case .star: return "saved"
        case .unstar: return "unsaved"
        }
    }

    public func mark(item: String, _ op: OutboxEntry.Op) throws -> Bool {
        do {
            _ = try call("", [("mark", "item"), ("as", Self.status(op)), ("id", item)])
            return true
        } catch is FeverGone {
            return false
        }
    }

    /// Fever marks one item per request: distinct items go several at once.
    public func mark(items: [(item: String, op: OutboxEntry.Op)]) throws {
        let forms = items.map { (url: url(""), fields: [("api_key", apiKey), ("mark", "item"), ("as", Self.status($0.op)), ("id", $0.item)]) }
        for (answer, form) in zip(http.postForms(forms, timeout: timeout), forms) {
            let (status, body) = try answer.get()
            do {
                _ = try check(status, body, form.fields)
            } catch is FeverGone {
                continue  // the server no longer has the item: nothing to send
            }
        }
    }

    public func markGroupRead(_ group: String, before: Int) throws {
        _ = try call("", [("mark", "group"), ("as", "read"), ("id", group), ("before", String(before))])
    }
}

/// A mark of an item the server does not have (HTTP 404): nothing left to send.
struct FeverGone: Error {}
