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
        case .bottom: moveSelection(to: visible.count - 1)
        case .open:
            guard let article = selectedArticle else { return [] }
            return open(article)
        case .quit: return [.quit]
        case .nextUnread: selectUnread(forward: true)
        case .previousUnread: selectUnread(forward: false)
        case .toggleRead:
            guard let article = selectedArticle else { return [] }
            return toggleRead(article.id)
        case .markAllRead: askMarkAll()
        case .undo: return undoLastMark()
        case .categoryPicker: openPicker()
        case .search: searchPrompt = SearchPrompt(text: filter.search)
        case .clearSearch:
            guard !filter.search.isEmpty else { return [] }
            filter.search = ""
            bodySearch = nil
            refreshView()
            message = StatusMessage("Search cleared")
        case .unreadOnly:
            filter.unreadOnly.toggle()
            refreshView()
            message = StatusMessage(filter.unreadOnly ? "Showing unread articles only" : "Showing all articles")
        case .cycleSort:
            sort = sort.next
            refreshView()
            message = StatusMessage("Sorted \(sort.label)")
        case .rescan:
            message = StatusMessage("Rescanning the store…")
            return [.rescan]
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

    mutating func selectUnread(forward: Bool) {
        guard let i = nextUnreadIndex(from: list.selected, forward: forward) else {
            message = StatusMessage(forward ? "No unread article below" : "No unread article above")
            return
        }
        moveSelection(to: i)
    }

    func nextUnreadIndex(from start: Int, forward: Bool) -> Int? {
        let range = forward ? Array(stride(from: start + 1, to: visible.count, by: 1))
                            : Array(stride(from: start - 1, through: 0, by: -1))
        return range.first { !readIDs.contains(articles[visible[$0]].id) }
    }

    /// Shows the article, asks for its body, and marks it read (at once, in SQLite).
    mutating func open(_ article: Article) -> [Effect] {
        var effects: [Effect] = []
        if openID != article.id { articleScroll = ScrollState() }
        openID = article.id
        focus = .article
        if let i = visible.firstIndex(where: { articles[$0].id == article.id }) { moveSelection(to: i) }
        // Teasers have no stored page to read; a loaded body is kept.
        if article.kind == .article {
            switch bodies[article.id] {
            case .loaded?, .loading?: break
            default:
                bodies[article.id] = .loading
                effects.append(.loadBody(article))
            }
        }
        if !readIDs.contains(article.id) {
            readIDs.insert(article.id)
            effects.append(.setRead([article.id], read: true))
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

    mutating func openPicker() {
        var unread: [String: Int] = [:]
        var total: [String: Int] = [:]
        for a in articles {
            total[a.category, default: 0] += 1
            if !readIDs.contains(a.id) { unread[a.category, default: 0] += 1 }
        }
        let names = total.keys.sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }
        var entries = [PickerEntry(category: nil, unread: unread.values.reduce(0, +), total: articles.count)]
        entries += names.map { PickerEntry(category: $0, unread: unread[$0, default: 0], total: total[$0, default: 0]) }
        let current = entries.firstIndex { $0.category == filter.category } ?? 0
        var picker = PickerState(entries: entries, list: ListState(selected: current))
        picker.list.clamp(count: entries.count, rows: CategoryPickerOverlay.rows(in: layout, count: entries.count))
        overlay = .picker(picker)
    }
}
