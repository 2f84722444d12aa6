import TidingsModel

/// Draws the whole screen for a state. Pure: the same state and theme give the same buffer.
public func render(_ state: AppState, theme: Theme) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    let layout = state.layout
    guard buffer.width > 0, buffer.height > 0 else { return buffer }
    if layout.isTooSmall {
        drawTooSmall(&buffer, theme: theme)
        return buffer
    }
    // Counted once per frame: both the list header and the status line show it.
    let unread = state.unreadInView
    WeatherBar.draw(state, into: &buffer, in: layout.weatherBar, theme: theme)
    if layout.isSplit {
        HeadlineList.draw(state, into: &buffer, in: layout.listPane, theme: theme, focused: state.focus == .list, unread: unread)
        if let x = layout.dividerX {
            for y in layout.main.y..<layout.main.maxY { buffer.write("│", x: x, y: y, style: theme[.divider]) }
        }
        ArticlePane.draw(state, into: &buffer, in: layout.articlePane, theme: theme)
    } else if state.focus == .article && state.openID != nil {
        ArticlePane.draw(state, into: &buffer, in: layout.articlePane, theme: theme)
    } else {
        HeadlineList.draw(state, into: &buffer, in: layout.listPane, theme: theme, focused: true, unread: unread)
    }
    StatusLine.draw(state, into: &buffer, in: layout.statusLine, theme: theme, unread: unread)
    switch state.overlay {
    case .help(let scroll)?: HelpOverlay.draw(scroll, into: &buffer, layout: layout, theme: theme)
    case .picker(let picker)?: CategoryPickerOverlay.draw(picker, current: state.filter.category, into: &buffer, layout: layout, theme: theme)
    case .confirmMarkAll(_, let count)?: drawConfirm(count: count, into: &buffer, layout: layout, theme: theme)
    case nil: break
    }
    return buffer
}

/// Below the minimum size: a notice, cut to whatever room there is.
func drawTooSmall(_ buffer: inout Buffer, theme: Theme) {
    let lines = ["Terminal too small", "need \(Layout.minWidth)x\(Layout.minHeight)"]
    let style = theme[.statusError]
    let top = max(0, (buffer.height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < buffer.height {
        let text = TextWidth.truncate(line, to: buffer.width)
        let x = max(0, (buffer.width - TextWidth.of(text)) / 2)
        buffer.write(text, x: x, y: top + i, maxWidth: buffer.width, style: style)
    }
}

/// A bordered box with an optional title, cleared to `style`.
func drawBox(_ rect: Rect, title: String?, footer: String? = nil, into buffer: inout Buffer, style: Style) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    buffer.fill(rect, style: style)
    let inner = rect.width - 2
    buffer.write("┌" + String(repeating: "─", count: inner) + "┐", x: rect.x, y: rect.y, style: style)
    for y in rect.y + 1..<rect.maxY - 1 {
        buffer.write("│", x: rect.x, y: y, style: style)
        buffer.write("│", x: rect.maxX - 1, y: y, style: style)
    }
    buffer.write("└" + String(repeating: "─", count: inner) + "┘", x: rect.x, y: rect.maxY - 1, style: style)
    if let title, inner > 2 {
        var bold = style
        bold.attributes.insert(.bold)
        buffer.write(" " + TextWidth.truncate(title, to: inner - 2) + " ", x: rect.x + 1, y: rect.y, maxWidth: inner, style: bold)
    }
    if let footer, inner > 2 {
        let text = " " + TextWidth.truncate(footer, to: inner - 2) + " "
        buffer.write(text, x: rect.maxX - 1 - TextWidth.of(text), y: rect.maxY - 1, maxWidth: inner, style: style)
    }
}

/// A box of the given size centred on the area between the bars, shrunk to fit.
func centredBox(width: Int, height: Int, layout: Layout) -> Rect {
    let area = layout.main
    let w = min(width, area.width)
    let h = min(height, area.height)
    return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
}

func drawConfirm(count: Int, into buffer: inout Buffer, layout: Layout, theme: Theme) {
    let question = "Mark \(count) article\(count == 1 ? "" : "s") read?"
    let hint = "y: yes   n: no"
    let width = min(layout.width - 2, max(TextWidth.of(question), TextWidth.of(hint)) + 6)
    let box = centredBox(width: width, height: 4, layout: layout)
    drawBox(box, title: nil, into: &buffer, style: theme[.dialog])
    let inner = box.width - 4
    buffer.write(TextWidth.truncate(question, to: inner), x: box.x + 2, y: box.y + 1, maxWidth: inner, style: theme[.dialog])
    if box.height >= 4 {
        buffer.write(TextWidth.truncate(hint, to: inner), x: box.x + 2, y: box.y + 2, maxWidth: inner, style: theme[.dialog])
    }
}
