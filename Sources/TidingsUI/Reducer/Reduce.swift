import TidingsModel

/// The one place state changes. Pure: I/O is requested through the returned effects and its
/// results come back as actions.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        // A message lasts until the next key.
        state.message = nil
        return state.handle(key)
    case .resize(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
        state.clampList()
        state.clampArticleScroll()
        state.clampOverlay()
        return []
    case .bodyLoaded(let id, let body):
        state.rememberBody(body, for: id)
        state.clampArticleScroll()
        return []
    case .bodyFailed(let id, let message):
        state.bodies[id] = .failed(message)
        state.message = StatusMessage("Could not load the article: \(message)", isError: true)
        return []
    case .libraryLoaded(let articles, let weather, let newestDate, let skipped):
        return state.loadLibrary(articles: articles, weather: weather, newestDate: newestDate, skipped: skipped)
    case .marksFailed(let message):
        state.message = StatusMessage("Could not save read marks: \(message)", isError: true)
        return []
    case .status(let text):
        state.message = StatusMessage(text)
        return []
    case .bodyMatches(let query, let ids):
        state.receiveBodyMatches(query: query, ids: ids)
        return []
    }
}

extension AppState {
    mutating func handle(_ key: KeyEvent) -> [Effect] {
        if case .mouse(let event) = key { return handleMouse(event) }
        let mode = self.mode
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

    mutating func loadLibrary(articles: [Article], weather: [WeatherReading], newestDate: CivilDate?,
                              skipped: Int) -> [Effect] {
        let keepSelected = selectedArticle?.id
        replaceLibrary(articles: articles)
        self.weather = weather
        self.newestDate = newestDate
        // Pages may have changed on disk: bodies are read again when shown.
        forgetBodies()
        // Body matches of the old library may be stale: search the new one again.
        bodySearch = nil
        var effects = askForBodyMatches()
        refreshView(keeping: keepSelected)
        if let id = openID {
            if let article = article(withID: id) {
                if article.kind == .article {
                    bodies[id] = .loading
                    effects.append(.loadBody(article))
                }
            } else {
                openID = nil
                focus = .list
                articleScroll = ScrollState()
            }
        }
        if case .picker = overlay { overlay = nil }
        if case .confirmMarkAll = overlay { overlay = nil }
        let count = "\(articles.count) article\(articles.count == 1 ? "" : "s")"
        message = skipped > 0
            ? StatusMessage("Loaded \(count); \(skipped) page\(skipped == 1 ? "" : "s") skipped (unreadable)", isError: true)
            : StatusMessage("Loaded \(count)")
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
