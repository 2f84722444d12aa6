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
            filter.starredOnly = entry.starred
            message = StatusMessage(entry.starred ? "Starred articles" : entry.category.map { "Category: \($0)" } ?? "All categories")
            return reloadView(keepingSelection: false)
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

    /// Incremental: the list follows every key typed, searched by the row source in headline,
    /// summary and body, best matches first.
    private mutating func applySearch() -> [Effect] {
        setSearch(searchPrompt?.text ?? "")
    }

    /// A new search term: a search is sorted best match first; clearing it puts back the sort
    /// it replaced.
    mutating func setSearch(_ text: String) -> [Effect] {
        guard text != filter.search else { return [] }
        let wasSearching = !filter.search.isEmpty
        filter.search = text
        if !wasSearching && !text.isEmpty {
            sortBeforeSearch = sort
            sort = .bestMatch
        } else if wasSearching && text.isEmpty {
            sort = sortBeforeSearch ?? (sort == .bestMatch ? .newestFirst : sort)
            sortBeforeSearch = nil
        }
        // New results start at the best match; a cleared search goes back to where the cursor was.
        return reloadView(keepingSelection: text.isEmpty)
    }

    mutating func runSearchCommand(_ command: Command) -> [Effect] {
        switch command {
        case .choose:
            searchPrompt = nil
        case .cancel:
            searchPrompt = nil
            return setSearch("")
        case .moveDown: moveSelection(by: 1)
        case .moveUp: moveSelection(by: -1)
        default: break
        }
        return []
    }

    mutating func runConfirmCommand(_ command: Command) -> [Effect] {
        guard case .confirmMarkAll(let query, _) = overlay else { return [] }
        switch command {
        case .confirm:
            overlay = nil
            return markAllOnScreen(query)
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
