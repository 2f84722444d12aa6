/// The few URL facts the client needs, read without Foundation's URL (which differs between
/// platforms on odd input): scheme, host (for per-host limits) and a form safe to print.
public struct URLParts: Sendable, Equatable {
    public var scheme: String
    public var host: String

    public init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
              scheme.first!.isLetter else { return nil }
        self.scheme = scheme
        var rest = url[url.index(after: colon)...]
        guard rest.hasPrefix("//") else { host = ""; return }
        rest = rest.dropFirst(2)
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close]).lowercased()
        } else {
            host = String(authority.prefix { $0 != ":" }).lowercased()
        }
    }

    public var isHTTP: Bool { scheme == "http" || scheme == "https" }
}

/// `url` with any password in its user part replaced by `***`, for messages and listings.
public func redactedURL(_ url: String) -> String {
    guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return url }
    let authorityStart = url.index(colon, offsetBy: 3)
    let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
    let authority = url[authorityStart..<authorityEnd]
    guard let at = authority.lastIndex(of: "@") else { return url }
    let user = authority[..<at]
    guard let passwordColon = user.firstIndex(of: ":") else { return url }
    return String(url[..<passwordColon]) + ":***" + String(url[at...])
}
