import TidingsModel

/// The headline list: a header with counts, then one row per article.
enum HeadlineList {
    static let unreadMarker = "●"
    static let teaserMarker = "◌"
    static let starMarker = "★"

    static func draw(_ state: AppState, into buffer: inout Buffer, in rect: Rect, theme: Theme, focused: Bool, unread: Int) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme[.listNormal])
        let header = " \(state.view.isCounted ? String(unread) : "…") unread / \(state.view.total)"
        let sort = state.sort.label + " "
        let headerStyle = theme[.listHeader]
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: headerStyle)
        let used = buffer.write(header, x: rect.x, y: rect.y, maxWidth: rect.width, style: headerStyle)
        if TextWidth.of(sort) + used + 2 <= rect.width {
            buffer.write(sort, x: rect.maxX - TextWidth.of(sort), y: rect.y, style: headerStyle)
        }
        let rows = rect.height - 1
        guard rows > 0 else { return }
        if state.view.total == 0 {
            // A first build fills the search index at its end: while the store is read, a
            // search may find nothing yet.
            let note = !state.view.storeIsEmpty
                ? (state.indexing != nil && !state.filter.search.isEmpty ? " Nothing matches yet: the store is still being read"
                   : " Nothing matches the filter")
                : state.indexing != nil ? " Reading the store…" : " No articles in the store"
            buffer.write(TextWidth.truncate(note, to: rect.width), x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: theme[.listRead])
            return
        }
        // The reducer keeps the offset valid; clamp again so a stale state never draws garbage.
        var list = state.list
        list.clamp(count: state.view.total, rows: rows)
        let categoryWidth = min(rect.width >= 60 ? 14 : 11, state.view.categoryColumnWidth)
        // The source column: as wide as the longest source on screen (at most 16), only where
        // the rows have sources (text pages have none) and the list is wide enough.
        var sourceWidth = 0
        if state.showSource, rect.width >= 80 {
            for row in 0..<rows {
                guard let site = state.view.row(at: list.offset + row)?.article.site else { continue }
                sourceWidth = max(sourceWidth, min(16, TextWidth.of(site)))
            }
        }
        for row in 0..<rows {
            let i = list.offset + row
            guard i < state.view.total else { break }
            // A row not read yet (the wiring answers before the frame; this is only a fallback).
            guard let loaded = state.view.row(at: i) else {
                buffer.write(" …", x: rect.x, y: rect.y + 1 + row, maxWidth: rect.width, style: theme[.listRead])
                continue
            }
            let article = loaded.article
            drawRow(article, read: loaded.isRead, starred: loaded.isStarred, selected: i == list.selected && focused,
                    dimSelected: i == list.selected && !focused, search: state.filter.search, clock: state.clock,
                    categoryWidth: categoryWidth, sourceWidth: sourceWidth, into: &buffer,
                    in: Rect(x: rect.x, y: rect.y + 1 + row, width: rect.width, height: 1), theme: theme)
        }
    }

    static func drawRow(_ a: Article, read: Bool, starred: Bool = false, selected: Bool, dimSelected: Bool, search: String,
                        clock: ListClock = ListClock(), categoryWidth: Int, sourceWidth: Int = 0, into buffer: inout Buffer,
                        in rect: Rect, theme: Theme) {
        let y = rect.y
        let selectedStyle = theme[.listSelected]
        var base = read ? theme[.listRead] : theme[.listUnread]
        var categoryStyle = theme[.category], dateStyle = theme[.date], teaserStyle = theme[.listTeaser]
        if selected {
            base = selectedStyle
            categoryStyle = selectedStyle
            dateStyle = selectedStyle
            teaserStyle = selectedStyle
            buffer.fill(rect, style: selectedStyle)
        } else if dimSelected {
            // The list's cursor while the article pane has focus: still findable, but quiet.
            base.attributes.insert(.underline)
        }
        let w = rect.width
        // Right-hand columns only where the headline keeps a useful width.
        let dateText = clock.dateText(a)
        let showDate = w >= 40
        let showCategory = w >= 50 && categoryWidth > 0
        var right = 0
        if sourceWidth > 0 { right += sourceWidth + 2 }
        if showDate { right += 11 }
        if showCategory { right += categoryWidth + 2 }
        var x = rect.x
        x += buffer.write(" ", x: x, y: y, style: base)
        x += buffer.write(read ? " " : unreadMarker, x: x, y: y, maxWidth: 1, style: base)
        x += buffer.write(" ", x: x, y: y, style: base)
        if a.kind == .teaser {
            x += buffer.write(teaserMarker + " ", x: x, y: y, maxWidth: max(0, rect.maxX - x), style: teaserStyle)
        }
        if starred {
            x += buffer.write(starMarker + " ", x: x, y: y, maxWidth: max(0, rect.maxX - x), style: base)
        }
        let headlineWidth = rect.maxX - x - right - 1
        if headlineWidth > 0 {
            let text = TextWidth.truncate(a.headline, to: headlineWidth)
            let start = x
            buffer.write(text, x: x, y: y, maxWidth: headlineWidth, style: a.kind == .teaser && !selected && read ? teaserStyle : base)
            if !search.isEmpty { highlight(search, in: text, x: start, y: y, into: &buffer, style: theme[.searchMatch]) }
        }
        var rx = rect.maxX - right
        if sourceWidth > 0 {
            buffer.write(TextWidth.pad(TextWidth.truncate(a.site ?? "", to: sourceWidth), to: sourceWidth), x: rx, y: y,
                         style: categoryStyle)
            rx += sourceWidth + 2
        }
        if showCategory {
            buffer.write(TextWidth.pad(a.category, to: categoryWidth), x: rx, y: y, style: categoryStyle)
            rx += categoryWidth + 2
        }
        if showDate { buffer.write(TextWidth.pad(dateText, to: 10), x: rx, y: y, style: dateStyle) }
    }

    /// Restyles the first match of each word of `search` (case-insensitive) in the drawn text,
    /// or every match.
    static func highlight(_ search: String, in text: String, x: Int, y: Int, into buffer: inout Buffer, style: Style,
                          all: Bool = false) {
        for word in search.split(whereSeparator: { $0.isWhitespace }) {
            highlight(word: String(word), in: text, x: x, y: y, into: &buffer, style: style, all: all)
        }
    }

    private static func highlight(word term: String, in text: String, x: Int, y: Int, into buffer: inout Buffer,
                                  style: Style, all: Bool) {
        let needle = Array(term.lowercased()).map { String($0) }
        guard !needle.isEmpty else { return }
        // Cheap rejection first: most article lines do not contain the term.
        guard text.lowercased().contains(term.lowercased()) else { return }
        let chars = Array(text)
        let lowered = chars.map { String($0).lowercased() }
        guard needle.count <= lowered.count else { return }
        var start = 0
        while start <= lowered.count - needle.count {
            guard Array(lowered[start..<start + needle.count]) == needle else {
                start += 1
                continue
            }
            let col = x + chars[..<start].reduce(0) { $0 + TextWidth.of($1) }
            let width = chars[start..<start + needle.count].reduce(0) { $0 + TextWidth.of($1) }
            buffer.restyle(x: col, y: y, width: width, style: style)
            if !all { return }
            start += needle.count
        }
    }
}
