import TidingsModel

extension AppState {
    mutating func runListCommand(_ command: Command) -> [Effect] {
        let rows = layout.listRows
        switch command {
        case .moveDown: moveSelection(by: 1)
        case .moveUp: moveSelection(by: -1)
        case .pageDown:
            list.offset += rows
            moveSelection(by: rows)
        case .pageUp:
            list.offset -= rows
            moveSelection(by: -rows)
        case .top: moveSelection(to: 0)
        case .bottom: moveSelection(to: view.total - 1)
        case .open:
            guard let article = selectedArticle else { return [] }
            return open(article)
        case .quit: return [.quit]
        case .nextUnread: return selectUnread(from: list.selected, forward: true, open: false)
        case .previousUnread: return selectUnread(from: list.selected, forward: false, open: false)
        case .toggleRead:
            guard let article = selectedArticle else { return [] }
            return toggleRead(article.id)
        case .markAllRead: askMarkAll()
        case .toggleStar:
            guard let article = selectedArticle else { return [] }
            return toggleStar(article.id)
        case .undo: return undoLastMark()
        case .categoryPicker: return [.loadCategories]
        case .search: searchPrompt = SearchPrompt(text: filter.search)
        case .clearSearch:
            guard !filter.search.isEmpty else { return [] }
            message = StatusMessage("Search cleared")
            return setSearch("")
        case .unreadOnly:
            filter.unreadOnly.toggle()
            message = StatusMessage(filter.unreadOnly ? "Showing unread articles only" : "Showing all articles")
            return reloadView()
        case .toggleSource:
            showSource.toggle()
            message = StatusMessage(showSource ? "Source column shown" : "Source column hidden")
        case .cycleSort:
            sort = sort.next(searching: !filter.search.isEmpty)
            message = StatusMessage("Sorted \(sort.label)")
            return reloadView()
        case .rescan:
            message = StatusMessage("Rescanning the store…")
            return [.rescan]
        case .fetch:
            message = StatusMessage("Fetching feeds…")
            return [.fetchFeeds]
        case .switchFocus:
            if openID != nil { focus = .article } else { message = StatusMessage("No article open: Enter opens one") }
        case .help: overlay = .help(ScrollState())
        case .openInBrowser:
            guard let article = selectedArticle else { return [] }
            return openWebPage(of: article)
        default: break
        }
        return []
    }

    mutating func moveSelection(by delta: Int) { moveSelection(to: list.selected + delta) }

    mutating func moveSelection(to index: Int) {
        list.selected = index
        clampList()
    }


    /// n/p (and in the article, n/p open it): the loaded rows first, else the row source.
    mutating func selectUnread(from start: Int, forward: Bool, open: Bool) -> [Effect] {
        var i = start + (forward ? 1 : -1)
        while let row = view.row(at: i) {
            if !row.isRead { return unreadFound(view.query, position: i, forward: forward, open: open) }
            i += forward ? 1 : -1
        }
        // Past the window's end: only the source can say; at either end of the view, nothing.
        guard i >= 0, i < view.total else { return unreadFound(view.query, position: nil, forward: forward, open: open) }
        return [.findUnread(view.query, from: i - (forward ? 1 : -1), forward: forward, open: open)]
    }

    mutating func unreadFound(_ query: ViewQuery, position: Int?, forward: Bool, open: Bool) -> [Effect] {
        guard query == view.query else { return [] }
        guard let position else {
            message = StatusMessage(forward ? "No unread article below" : "No unread article above")
            return []
        }
        moveSelection(to: position)
        guard open else { return [] }
        if let article = view.row(at: position)?.article { return self.open(article) }
        // Not loaded yet: load the rows there, then open (`pendingOpen`).
        pendingOpen = position
        return rowsNeeded()
    }

    /// Shows the article, asks for its body, and marks it read (at once, in SQLite).
    mutating func open(_ article: Article) -> [Effect] {
        var effects: [Effect] = []
        if openID != article.id { articleScroll = ScrollState() }
        openArticle = article
        focus = .article
        if let i = view.position(of: article.id) { moveSelection(to: i) }
        // Teasers have no stored page to read; a loaded body is kept.
        if article.kind == .article {
            switch bodies[article.id] {
            case .loaded?, .loading?: break
            default:
                bodies[article.id] = .loading
                effects.append(.loadBody(article))
            }
        }
        if !isRead(article.id) {
            effects.append(.setRead([article.id], read: true))
            effects += markedRead(article.id)
        }
        return effects
    }

    mutating func openWebPage(of article: Article) -> [Effect] {
        guard let url = article.url, !url.isEmpty else {
            message = StatusMessage("This article has no web address")
            return []
        }
        return [.openURL(url)]
    }

    /// The picker, from the row source's counts, on the current category.
    mutating func showPicker(_ entries: [PickerEntry]) {
        guard !entries.isEmpty else { return }
        let current = entries.firstIndex { $0.category == filter.category } ?? 0
        var picker = PickerState(entries: entries, list: ListState(selected: current))
        picker.list.clamp(count: entries.count, rows: CategoryPickerOverlay.rows(in: layout, count: entries.count))
        overlay = .picker(picker)
    }

    /// The unread counts, into the picker if it is still open (the selection stays).
    mutating func countPicker(_ entries: [PickerEntry]) {
        guard case .picker(var picker) = overlay else { return }
        let selected = picker.entries.indices.contains(picker.list.selected) ? picker.entries[picker.list.selected].category : nil
        picker.entries = entries
        picker.list.selected = entries.firstIndex { $0.category == selected } ?? min(picker.list.selected, max(0, entries.count - 1))
        picker.list.clamp(count: entries.count, rows: CategoryPickerOverlay.rows(in: layout, count: entries.count))
        overlay = .picker(picker)
    }
}
