import TidingsModel
import TOMLKit

/// feeds.toml: one `[[feed]]` table per subscription. The file is the user's: commands add
/// entries by appending text and change a URL by editing its one line, so comments and layout
/// stay as written.
///
///     [[feed]]
///     url = "https://example.com/feed.xml"
///     title = "Example"            # optional
///     category = "Tech"            # optional: the store folder the feed's file goes in
///     full_text = true             # optional, default false
///     refresh = "1h"               # optional, default 1h (s, m, h, d, w)
///     retention = "90d"            # optional, default 90d
public enum SubscriptionFile {
    public struct Parsed: Sendable {
        public var subscriptions: [Subscription]
        public var problems: [SubscriptionProblem]
    }

    static let keys: Set<String> = ["url", "title", "category", "full_text", "refresh", "retention"]

    /// Every good entry, and a problem (with its line) for each broken one.
    public static func parse(_ text: String, file: String) -> Parsed {
        if let problem = TOMLGuard.problem(in: text) {
            return Parsed(subscriptions: [], problems: [SubscriptionProblem(file: file, line: problem.line, message: problem.message)])
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return Parsed(subscriptions: [], problems: [SubscriptionProblem(file: file, line: Int(error.source.begin.line),
                                                                            message: error.description)])
        } catch {
            return Parsed(subscriptions: [], problems: [SubscriptionProblem(file: file, line: 1, message: "\(error)")])
        }
        let headerLines = lines(of: "[[feed]]", in: text)
        var result = Parsed(subscriptions: [], problems: [])
        for key in table.keys where key != "feed" {
            result.problems.append(SubscriptionProblem(file: file, line: line(ofKey: key, in: text),
                                                       message: "unknown key '\(key)' (feeds are [[feed]] tables)"))
        }
        guard let feeds = table["feed"] else { return result }
        guard let array = feeds.array else {
            result.problems.append(SubscriptionProblem(file: file, line: line(ofKey: "feed", in: text),
                                                       message: "'feed' must be [[feed]] tables"))
            return result
        }
        var seen: Set<String> = []
        for (index, value) in array.enumerated() {
            let line = index < headerLines.count ? headerLines[index] : 1
            func problem(_ message: String) {
                result.problems.append(SubscriptionProblem(file: file, line: line, message: message))
            }
            guard let entry = value.table else { problem("a feed must be a table"); continue }
            if let unknown = entry.keys.first(where: { !keys.contains($0) }) {
                problem("unknown key '\(unknown)' (known: \(keys.sorted().joined(separator: ", ")))")
                continue
            }
            guard let url = entry["url"]?.string, !url.isEmpty else { problem("the feed has no url"); continue }
            guard let parts = URLCheck.problem(url) == nil ? url : nil else {
                problem(URLCheck.problem(url)!)
                continue
            }
            _ = parts
            guard !seen.contains(url) else { problem("\(url) is listed twice"); continue }
            var subscription = Subscription(url: url, line: line)
            if let title = entry["title"] {
                guard let text = title.string else { problem("title must be a string"); continue }
                subscription.title = text
            }
            if let category = entry["category"] {
                guard let text = category.string, CategoryFolder.problem(text) == nil else {
                    problem(category.string.flatMap(CategoryFolder.problem) ?? "category must be a string")
                    continue
                }
                subscription.category = text.isEmpty ? nil : text
            }
            if let fullText = entry["full_text"] {
                guard let flag = fullText.bool else { problem("full_text must be true or false"); continue }
                subscription.fullText = flag
            }
            if let refresh = entry["refresh"] {
                guard let seconds = duration(refresh) else { problem("refresh must be a duration like \"30m\", \"2h\" or \"1d\""); continue }
                subscription.refreshSeconds = max(60, seconds)
            }
            if let retention = entry["retention"] {
                guard let seconds = duration(retention) else { problem("retention must be a duration like \"7d\" or \"12w\""); continue }
                subscription.retentionSeconds = seconds
            }
            seen.insert(url)
            result.subscriptions.append(subscription)
        }
        return result
    }

    private static func duration(_ value: TOMLValueConvertible) -> Int? {
        if let number = value.int { return number > 0 ? number : nil }
        return value.string.flatMap(DurationText.seconds)
    }

    /// The text of one entry, to append.
    public static func entry(_ subscription: Subscription) -> String {
        var lines = ["[[feed]]", "url = \(quoted(subscription.url))"]
        if let title = subscription.title { lines.append("title = \(quoted(title))") }
        if let category = subscription.category { lines.append("category = \(quoted(category))") }
        if subscription.fullText { lines.append("full_text = true") }
        if subscription.refreshSeconds != Subscription.defaultRefresh {
            lines.append("refresh = \(quoted(DurationText.text(subscription.refreshSeconds)))")
        }
        if subscription.retentionSeconds != Subscription.defaultRetention {
            lines.append("retention = \(quoted(DurationText.text(subscription.retentionSeconds)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with entries appended (a blank line before each).
    public static func appending(_ subscriptions: [Subscription], to text: String) -> String {
        var out = text
        if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
        for subscription in subscriptions {
            if !out.isEmpty { out += "\n" }
            out += entry(subscription)
        }
        return out
    }

    /// `text` with the `url = "old"` line of that feed changed to `new` (after a permanent
    /// redirect); nil when the line is not found as written.
    public static func replacingURL(_ old: String, with new: String, in text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("url"), let equals = trimmed.firstIndex(of: "=") else { continue }
            guard trimmed[trimmed.startIndex..<equals].trimmingCharacters() == "url" else { continue }
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters()
            let unquoted = (try? TOMLTable(string: "v = \(value)"))?["v"]?.string
            guard unquoted == old else { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            lines[index] = indent + "url = \(quoted(new))"
            return lines.joined(separator: "\n")
        }
        return nil
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func lines(of header: String, in text: String) -> [Int] {
        var found: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[["), trimmed.filter({ $0 != " " && $0 != "\t" }).hasPrefix(header) { found.append(index + 1) }
        }
        return found
    }

    private static func line(ofKey key: String, in text: String) -> Int {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "[" }
            if trimmed.hasPrefix(key) { return index + 1 }
        }
        return 1
    }
}

/// Checks on a feed's URL before it is saved or fetched.
public enum URLCheck {
    public static func problem(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return "\(url) is not a URL (http:// or https://)" }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return "only http and https feeds can be fetched, not \(scheme):" }
        guard url[colon...].hasPrefix("://"), url.count > scheme.count + 3 else { return "\(url) has no host" }
        guard !url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
            return "a URL cannot hold spaces or control characters"
        }
        return nil
    }
}

/// A category names a folder of the store.
enum CategoryFolder {
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return nil }
        if name.contains("/") || name.contains("\\") || name == "." || name == ".." || name.hasPrefix(".") {
            return "category '\(name)' cannot hold '/' or start with '.' (it names a folder of the store)"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "category cannot hold control characters"
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        // A trailing comment.
        if let hash = slice.firstIndex(of: "#"), !slice[..<hash].contains("\"") || slice[..<hash].filter({ $0 == "\"" }).count % 2 == 0 {
            slice = slice[..<hash]
            while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        }
        return String(slice)
    }
}
