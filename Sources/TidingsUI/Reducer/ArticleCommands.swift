import TidingsModel

extension AppState {
    mutating func runArticleCommand(_ command: Command, key: KeyEvent) -> [Effect] {
        let rows = layout.articleRows
        switch command {
        case .moveDown: scrollArticle(by: 1)
        case .moveUp: scrollArticle(by: -1)
        // Keep one line of context when paging.
        case .pageDown: scrollArticle(by: max(1, rows - 1))
        case .pageUp: scrollArticle(by: -max(1, rows - 1))
        case .top: articleScroll.offset = 0
        case .bottom: scrollArticle(by: articleLineCount)
        case .back: focus = .list
        case .nextArticle: return openNeighbour(forward: true)
        case .previousArticle: return openNeighbour(forward: false)
        case .nextUnread, .previousUnread:
            return selectUnread(from: openIndexInView ?? list.selected, forward: command == .nextUnread, open: true)
        case .toggleRead:
            guard let id = openID else { return [] }
            return toggleRead(id)
        case .toggleStar:
            guard let id = openID else { return [] }
            return toggleStar(id)
        case .undo: return undoLastMark()
        case .openInBrowser:
            guard let article = openArticle else { return [] }
            return openWebPage(of: article)
        case .openLink: return openLink(key)
        case .rescan:
            message = StatusMessage("Rescanning the store…")
            return [.rescan]
        case .fetch:
            message = StatusMessage("Fetching feeds…")
            return [.fetchFeeds]
        case .switchFocus: focus = .list
        case .help: overlay = .help(ScrollState())
        case .listCommand:
            focus = .list
            guard let listCommand = Keymap.command(for: key, in: .list) else { return [] }
            return runListCommand(listCommand)
        default: break
        }
        return []
    }

    mutating func scrollArticle(by delta: Int) {
        articleScroll.offset += delta
        clampArticleScroll()
    }

    var openIndexInView: Int? {
        guard let id = openID else { return nil }
        return view.position(of: id)
    }

    mutating func openNeighbour(forward: Bool) -> [Effect] {
        let here = openIndexInView ?? list.selected
        let next = here + (forward ? 1 : -1)
        guard next >= 0, next < view.total else {
            message = StatusMessage(forward ? "This is the last article" : "This is the first article")
            return []
        }
        if let article = view.row(at: next)?.article { return open(article) }
        // Beyond the loaded rows: load them, then open.
        moveSelection(to: next)
        pendingOpen = next
        return rowsNeeded()
    }

    /// Digits open the numbered links of the body: 1-9 at once when there are fewer than ten
    /// links; with more, a digit that can begin a two-digit number waits for the second digit
    /// (Enter opens the one-digit link).
    mutating func openLink(_ key: KeyEvent) -> [Effect] {
        guard case .character(let ch) = key, let n = ch.wholeNumberValue, n > 0, let id = openID,
              case .loaded(let body)? = bodies[id] else { return [] }
        if body.links.count >= n * 10 {
            pendingLink = n
            message = StatusMessage("Link \(n)\u{2026} (a second digit for [\(n)0]-[\(min(n * 10 + 9, body.links.count))], Enter for [\(n)])")
            return []
        }
        return openLink(number: n)
    }

    mutating func openLink(number n: Int) -> [Effect] {
        guard let id = openID, case .loaded(let body)? = bodies[id] else { return [] }
        guard n > 0, body.links.indices.contains(n - 1) else {
            message = StatusMessage(body.links.isEmpty ? "This article has no links" : "No link \(n)")
            return []
        }
        return [.openURL(body.links[n - 1].url)]
    }
}
