import Foundation

/// Wraps a `SyncHTTP` to count requests and the time spent waiting for answers (the server's
/// share, with the loopback network): `TIDINGS_SYNC_PROFILE=1 tidings sync` prints it.
public final class TimedSyncHTTP: SyncHTTP, @unchecked Sendable {
    let inner: SyncHTTP
    private let lock = NSLock()
    private var requests = 0
    private var waited = 0.0

    public init(_ inner: SyncHTTP) { self.inner = inner }

    public func postForm(_ url: String, fields: [(String, String)], timeout: Double) throws -> (status: Int, body: [UInt8]) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            lock.withLock { requests += 1; waited += seconds }
        }
        return try inner.postForm(url, fields: fields, timeout: timeout)
    }

    public func postForms(_ requests: [(url: String, fields: [(String, String)])], timeout: Double)
        -> [Result<(status: Int, body: [UInt8]), SyncError>] {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            lock.withLock { self.requests += requests.count; waited += seconds }
        }
        return inner.postForms(requests, timeout: timeout)
    }

    public var totals: (requests: Int, seconds: Double) { lock.withLock { (requests, waited) } }
}
