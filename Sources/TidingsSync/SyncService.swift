import TidingsStore

/// What a sync server is asked. Fever implements it (`FeverService`); the Google Reader API of
/// FreshRSS, Miniflux and Inoreader would be one more implementation beside it.
public protocol SyncService: Sendable {
    /// Checks the account: throws `SyncError.refused` for a wrong user or password.
    func verify() throws
    func layout() throws -> (groups: [RemoteGroup], feeds: [RemoteFeed])
    /// A page of items with ids above `after` (nil: from the start).
    func items(after: String?) throws -> [RemoteItem]
    /// These items (at most `batchSize`).
    func items(ids: [String]) throws -> [RemoteItem]
    var batchSize: Int { get }
    func unreadItemIDs() throws -> Set<String>
    /// nil when the server does not list them (then items' own saved flags are used).
    func savedItemIDs() throws -> Set<String>?
    /// Sends one change of one item. `false`: the server no longer has the item.
    func mark(item: String, _ op: OutboxEntry.Op) throws -> Bool
    /// Sends changes of distinct items, several at once where the server allows; throws the
    /// first failure (the others may or may not have been applied: each is resent, in order).
    func mark(items: [(item: String, op: OutboxEntry.Op)]) throws
    /// Marks read every item of the group (the server's "0": all) older than `before` (Unix time).
    func markGroupRead(_ group: String, before: Int) throws
}

public struct RemoteGroup: Sendable, Equatable {
    public var id: String
    public var title: String
}

public struct RemoteFeed: Sendable, Equatable {
    public var id: String
    public var title: String
    public var siteURL: String?
    public var groupIDs: [String]
}

public struct RemoteItem: Sendable, Equatable {
    public var id: String
    public var feedID: String
    public var title: String
    public var author: String?
    public var html: String
    public var url: String?
    public var isRead: Bool
    public var isSaved: Bool
    /// Unix time.
    public var created: Int?
}

/// The one HTTP call the sync needs: POST a form, get the status and body. The wiring passes the
/// program's HTTP client; failures to get any answer throw `SyncError.unreachable`.
public protocol SyncHTTP: Sendable {
    func postForm(_ url: String, fields: [(String, String)], timeout: Double) throws -> (status: Int, body: [UInt8])
    /// Several POSTs at once (each answer or failure in the order asked).
    func postForms(_ requests: [(url: String, fields: [(String, String)])], timeout: Double)
        -> [Result<(status: Int, body: [UInt8]), SyncError>]
}

extension SyncHTTP {
    public func postForms(_ requests: [(url: String, fields: [(String, String)])], timeout: Double)
        -> [Result<(status: Int, body: [UInt8]), SyncError>] {
        requests.map { request in
            Result { try postForm(request.url, fields: request.fields, timeout: timeout) }.mapError {
                $0 as? SyncError ?? .unreachable("\($0)")
            }
        }
    }
}
