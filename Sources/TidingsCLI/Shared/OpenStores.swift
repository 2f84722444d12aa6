import Foundation
import TidingsExtract
import TidingsModel
import TidingsStore

/// The user's category rules, else the built-in ones (a broken file is reported through `warn`):
/// a config typo never hides the news.
public func loadCategoryRules(_ paths: ResolvedPaths, warn: (String) -> Void = printWarning) -> CategoryRules {
    guard FileManager.default.fileExists(atPath: paths.categoryRules.path) else { return .builtIn }
    do {
        return try CategoryRules.load(contentsOf: paths.categoryRules)
    } catch {
        warn("ignoring \(paths.categoryRules.path): \(error); using the built-in category rules")
        return .builtIn
    }
}

/// The parsers for stored files, tried in order (the first that accepts a file name parses it).
/// Parsers for further formats (HTML pages, feeds) are added here.
public let pageParsers: [any PageFileParser] = [TextPageParser(), HTMLPageParser(), FeedParser()]

/// The read marks at `paths.state`. When a broken file had to be moved aside, `warn` is told
/// where it went. Throws `StateStoreError` when the state cannot be created or written, unless
/// `readOnlyFallback` is set: then an existing but unwritable state is opened read-only
/// (`isReadOnly`, `readOnlyReason`), so its marks still show.
public func openState(_ paths: ResolvedPaths, readOnlyFallback: Bool = false,
                      warn: (String) -> Void = printWarning) throws -> ReadStateStore {
    let store = readOnlyFallback ? try ReadStateStore.openOrReadOnly(path: paths.state)
                                 : try ReadStateStore(path: paths.state)
    if let moved = store.setAside {
        warn("the read state \(paths.state.path) was not a valid database; it was moved to \(moved.path) and a new one was started")
    }
    return store
}

/// The ids marked read, for commands that only show them. Until the first mark there is no
/// state file and none is created; an unwritable one is still read.
public func readMarks(_ paths: ResolvedPaths, warn: (String) -> Void = printWarning) throws -> Set<ArticleID> {
    guard FileManager.default.fileExists(atPath: paths.state.path) else { return [] }
    return try openState(paths, readOnlyFallback: true, warn: warn).readIDs()
}

/// The starred ids, for commands that only show them (no state file: none).
public func starMarks(_ paths: ResolvedPaths, warn: (String) -> Void = printWarning) throws -> Set<ArticleID> {
    guard FileManager.default.fileExists(atPath: paths.state.path) else { return [] }
    return try openState(paths, readOnlyFallback: true, warn: { _ in }).starredIDs()
}

/// The article an id or id prefix names, with its read mark, and messages that say what to do next.
func resolveArticle(_ index: ArticleIndex, _ id: String) throws -> IndexedArticle {
    do {
        return try index.resolve(idPrefix: id)
    } catch let error as LibraryError {
        switch error {
        case .notFound:
            throw CLIError("\(error) (`tidings list` shows the ids)")
        case .ambiguous:
            throw CLIError("\(error)\ngive more digits of the id")
        default:
            throw error
        }
    }
}
