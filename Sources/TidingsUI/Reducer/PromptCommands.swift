import TidingsModel

/// Keys for the layers over the list: picker, search prompt, mark-all prompt, help.
extension AppState {
    mutating func runPickerCommand(_ command: Command) -> [Effect] {
        guard case .picker(var picker) = overlay else { return [] }
        let rows = CategoryPickerOverlay.rows(in: layout, count: picker.entries.count)
        switch command {
        case .moveDown: picker.list.selected += 1
        case .moveUp: picker.list.selected -= 1
        case .top: picker.list.selected = 0
        case .bottom: picker.list.selected = picker.entries.count - 1
        case .choose:
            let entry = picker.entries[min(max(0, picker.list.selected), picker.entries.count - 1)]
            overlay = nil
            filter.category = entry.category
            refreshView()
            message = StatusMessage(entry.category.map { "Category: \($0)" } ?? "All categories")
            return []
        case .cancel:
            overlay = nil
            return []
        default: return []
        }
        picker.list.clamp(count: picker.entries.count, rows: rows)
        overlay = .picker(picker)
        return []
    }

    mutating func typeInSearch(_ ch: Character) -> [Effect] {
        // Typed text, not page text, but a control character still has no place in it.
        guard ch.asciiValue.map({ $0 >= 0x20 && $0 != 0x7F }) ?? true else { return [] }
        searchPrompt?.text.append(ch)
        return applySearch()
    }

    mutating func eraseInSearch() -> [Effect] {
        guard searchPrompt?.text.isEmpty == false else { return [] }
        searchPrompt?.text.removeLast()
        return applySearch()
    }

    /// Incremental: the list narrows to headline and summary matches with every key typed, and
    /// the wiring is asked for the body matches of the new term, which join the view when they
    /// arrive (`Action.bodyMatches`).
    private mutating func applySearch() -> [Effect] {
        filter.search = searchPrompt?.text ?? ""
        let effects = askForBodyMatches()
        refreshView()
        return effects
    }

    /// Starts a body search for the current term unless one was already asked for it.
    mutating func askForBodyMatches() -> [Effect] {
        guard !filter.search.isEmpty else {
            bodySearch = nil
            return []
        }
        guard bodySearch?.query != filter.search else { return [] }
        bodySearch = BodySearch(query: filter.search)
        return [.searchBodies(filter.search)]
    }

    /// The wiring's answer: only the answer for the current term counts (a slower, older search may answer
    /// after a newer one was asked).
    mutating func receiveBodyMatches(query: String, ids: Set<ArticleID>) {
        guard !query.isEmpty, query == filter.search, bodySearch?.query == query else { return }
        bodySearch = BodySearch(query: query, ids: ids)
        refreshView()
    }

    mutating func runSearchCommand(_ command: Command) -> [Effect] {
        switch command {
        case .choose:
            searchPrompt = nil
            // Normally asked already while typing; this covers a term kept without a search.
            let effects = askForBodyMatches()
            if !effects.isEmpty { refreshView() }
            return effects
        case .cancel:
            searchPrompt = nil
            filter.search = ""
            bodySearch = nil
            refreshView()
        case .moveDown: moveSelection(by: 1)
        case .moveUp: moveSelection(by: -1)
        default: break
        }
        return []
    }

    mutating func runConfirmCommand(_ command: Command) -> [Effect] {
        guard case .confirmMarkAll(let ids) = overlay else { return [] }
        switch command {
        case .confirm:
            overlay = nil
            return markAllRead(ids)
        case .cancel:
            overlay = nil
        default: break
        }
        return []
    }

    mutating func runHelpCommand(_ command: Command) -> [Effect] {
        guard case .help(var scroll) = overlay else { return [] }
        let rows = HelpOverlay.rows(in: layout)
        switch command {
        case .moveDown: scroll.offset += 1
        case .moveUp: scroll.offset -= 1
        case .pageDown: scroll.offset += max(1, rows - 1)
        case .pageUp: scroll.offset -= max(1, rows - 1)
        case .top: scroll.offset = 0
        case .bottom: scroll.offset = HelpOverlay.lines.count
        case .cancel:
            overlay = nil
            return []
        default: break
        }
        scroll.clamp(total: HelpOverlay.lines.count, rows: rows)
        overlay = .help(scroll)
        return []
    }
}
