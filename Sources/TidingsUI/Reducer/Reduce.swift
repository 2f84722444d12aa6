import TidingsModel

/// The one place state changes. Pure: I/O is requested through the returned effects and its
/// results come back as actions.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects = state.apply(action)
    // Whatever moved the cursor or the view, the rows on screen are asked for if missing.
    if !effects.contains(where: { if case .loadView = $0 { return true } else { return false } }) {
        effects += state.rowsNeeded()
    }
    return effects
}

extension AppState {
    mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            // A message lasts until the next key.
            message = nil
            return handle(key)
        case .resize(let width, let height):
            self.width = max(0, width)
            self.height = max(0, height)
            clampList()
            clampArticleScroll()
            clampOverlay()
            return []
        case .bodyLoaded(let id, let body):
            bodies[id] = .loaded(body)
            clampArticleScroll()
            return []
        case .bodyFailed(let id, let message):
            bodies[id] = .failed(message)
            self.message = StatusMessage("Could not load the article: \(message)", isError: true)
            return []
        case .storeChanged(let summary):
            return storeChanged(summary)
        case .indexing(let progress):
            indexing = progress
            return []
        case .syncStatus(let text):
            syncStatus = text
            return []
        case .marksFailed(let message):
            self.message = StatusMessage("Could not save read marks: \(message)", isError: true)
            // The screen shows what is kept: a flag that was not saved is read back from the store,
            // and there is nothing to undo.
            lastMark = nil
            return reloadView()
        case .status(let text, let isError):
            message = StatusMessage(text, isError: isError)
            return []
        case .viewLoaded(let loaded, let selected):
            return acceptView(loaded, selected: selected)
        case .viewCounted(let query, let unread, let width):
            acceptCounts(query, unread: unread, categoryColumnWidth: width)
            return []
        case .rowsLoaded(let query, let offset, let rows):
            return acceptRows(query, offset: offset, rows: rows)
        case .unreadFound(let query, let position, let forward, let open):
            return unreadFound(query, position: position, forward: forward, open: open)
        case .viewMarked(let ids):
            return viewMarked(ids)
        case .categoriesLoaded(let entries):
            showPicker(entries)
            return entries.contains { $0.unread == nil } ? [.countCategories] : []
        case .categoriesCounted(let entries):
            countPicker(entries)
            return []
        }
    }
}

extension AppState {
    mutating func handle(_ key: KeyEvent) -> [Effect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        let mode = self.mode
        if let first = pendingLink {
            pendingLink = nil
            if mode == .article, case .character(let ch) = key, let digit = ch.wholeNumberValue {
                return openLink(number: first * 10 + digit)
            }
            if mode == .article, key == .enter { return openLink(number: first) }
            // Any other key: the number is dropped and the key does what it does.
        }
        if mode == .search, case .character(let ch) = key { return typeInSearch(ch) }
        if mode == .search, key == .backspace || key == .delete { return eraseInSearch() }
        guard let command = Keymap.command(for: key, in: mode) else { return [] }
        switch mode {
        case .list: return runListCommand(command)
        case .article: return runArticleCommand(command, key: key)
        case .picker: return runPickerCommand(command)
        case .search: return runSearchCommand(command)
        case .confirm: return runConfirmCommand(command)
        case .help: return runHelpCommand(command)
        }
    }

    /// The store was read again: new weather, and the list asked for afresh. Bodies are read
    /// again when shown (pages may have changed on disk); the open article stays open.
    mutating func storeChanged(_ summary: StoreSummary) -> [Effect] {
        weather = summary.weather
        newestDate = summary.newestDate
        // A cursor on the first row stays on the first row (newer articles arrive on top, as
        // in a first run's growing list); one the user moved stays on its article.
        var effects = reloadView(keepingSelection: list.selected > 0 || openArticle != nil)
        if let open = openArticle, open.kind == .article, bodies[open.id] != nil {
            bodies = [open.id: .loading]
            effects.append(.loadBody(open))
        } else {
            bodies = [:]
        }
        if summary.skipped > 0 {
            message = StatusMessage("\(summary.skipped) page\(summary.skipped == 1 ? "" : "s") skipped (unreadable): tidings doctor lists them",
                                    isError: true)
        }
        return effects
    }

    mutating func clampArticleScroll() {
        guard let article = openArticle else { articleScroll = ScrollState(); return }
        let total = ArticleContent.lines(for: article, body: bodies[article.id], width: layout.articleTextWidth).count
        articleScroll.clamp(total: total, rows: layout.articleRows)
    }

    var articleLineCount: Int {
        guard let article = openArticle else { return 0 }
        return ArticleContent.lines(for: article, body: bodies[article.id], width: layout.articleTextWidth).count
    }

    mutating func clampOverlay() {
        if case .help(var scroll) = overlay {
            scroll.clamp(total: HelpOverlay.lines.count, rows: HelpOverlay.rows(in: layout))
            overlay = .help(scroll)
        }
        if case .picker(var picker) = overlay {
            picker.list.clamp(count: picker.entries.count, rows: CategoryPickerOverlay.rows(in: layout, count: picker.entries.count))
            overlay = .picker(picker)
        }
    }
}
