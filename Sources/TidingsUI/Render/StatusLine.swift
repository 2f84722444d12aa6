/// Bottom line: a message or key hints on the left, the filter and counts on the right;
/// the search prompt while typing.
enum StatusLine {
    static func draw(_ state: AppState, into buffer: inout Buffer, in rect: Rect, theme: Theme, unread: Int) {
        let style = theme[.statusLine]
        buffer.fill(rect, style: style)
        let right = rightText(state, unread: unread) + " "
        let rightWidth = TextWidth.of(right)
        // The right part gives way first on a narrow screen: messages matter more.
        let showRight = rightWidth + 20 <= rect.width
        let leftRoom = rect.width - 1 - (showRight ? rightWidth + 1 : 0)
        if let prompt = state.searchPrompt {
            let shown = "/" + prompt.text
            // Keep the end of a long term visible: that is where the typing happens.
            var text = shown
            while TextWidth.of(text) > leftRoom - 1 && !text.isEmpty { text.removeFirst() }
            let used = buffer.write(text, x: rect.x + 1, y: rect.y, maxWidth: leftRoom, style: theme[.statusMessage])
            buffer.cursor = Buffer.Position(x: min(rect.maxX - 1, rect.x + 1 + used), y: rect.y)
        } else if let message = state.message {
            buffer.write(TextWidth.truncate(message.text, to: leftRoom), x: rect.x + 1, y: rect.y, maxWidth: leftRoom,
                         style: theme[message.isError ? .statusError : .statusMessage])
        } else {
            buffer.write(TextWidth.truncate(hints(state), to: leftRoom), x: rect.x + 1, y: rect.y, maxWidth: leftRoom, style: style)
        }
        if showRight { buffer.write(right, x: rect.maxX - rightWidth, y: rect.y, style: style) }
    }

    static func hints(_ state: AppState) -> String {
        switch state.mode {
        case .article: return "j/k scroll  J/K next/prev  m read  h back  ? help"
        case .picker: return "Enter choose  Esc close"
        case .confirm: return "y yes  n no"
        case .help: return "Esc close"
        case .search: return "Enter keep  Esc clear"
        case .list: return "Enter open  / search  c category  U unread  ? help  q quit"
        }
    }

    static func rightText(_ state: AppState, unread: Int) -> String {
        var parts: [String] = []
        if let c = state.filter.category { parts.append("[\(c)]") }
        if state.filter.starredOnly { parts.append("[starred]") }
        if state.filter.unreadOnly { parts.append("[unread]") }
        if !state.filter.search.isEmpty && state.searchPrompt == nil { parts.append("/\(state.filter.search)") }
        if state.isSearching { parts.append("searching…") }
        if let progress = state.indexing {
            parts.append(progress.total > 0 ? "reading store \(progress.done * 100 / max(1, progress.total))%" : "reading store…")
        }
        if let sync = state.syncStatus { parts.append(sync) }
        parts.append("\(state.view.isCounted ? String(unread) : "…")/\(state.view.total) unread")
        if state.mode == .article && state.articleLineCount > state.layout.articleRows {
            // Where in the article: the lines on screen of the total.
            let total = state.articleLineCount
            let rows = state.layout.articleRows
            var scroll = state.articleScroll
            scroll.clamp(total: total, rows: rows)
            parts.append("\(scroll.offset * 100 / max(1, total - rows))%")
        }
        return parts.joined(separator: " ")
    }
}
