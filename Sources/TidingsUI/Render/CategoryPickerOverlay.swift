/// The category picker box.
enum CategoryPickerOverlay {
    static func rows(in layout: Layout, count: Int) -> Int { max(1, min(count, layout.main.height - 2)) }

    static func draw(_ picker: PickerState, current: String?, into buffer: inout Buffer, layout: Layout, theme: Theme) {
        let rows = rows(in: layout, count: picker.entries.count)
        let nameWidth = picker.entries.map { TextWidth.of($0.label) }.max() ?? 3
        let box = centredBox(width: min(48, nameWidth + 24), height: rows + 2, layout: layout)
        guard box.height > 2, box.width > 4 else { return }
        drawBox(box, title: "Category", footer: "unread/total", into: &buffer, style: theme[.dialog])
        var list = picker.list
        list.clamp(count: picker.entries.count, rows: box.height - 2)
        let inner = box.width - 2
        for row in 0..<(box.height - 2) {
            let i = list.offset + row
            guard i < picker.entries.count else { break }
            let e = picker.entries[i]
            let style = i == list.selected ? theme[.listSelected] : theme[.dialog]
            let y = box.y + 1 + row
            buffer.fill(Rect(x: box.x + 1, y: y, width: inner, height: 1), style: style)
            let mark = e.category == current ? "• " : "  "
            let counts = "\(e.unread.map(String.init) ?? "…")/\(e.total)"
            let nameRoom = inner - 2 - TextWidth.of(counts) - 2
            buffer.write(mark + TextWidth.truncate(e.label, to: max(0, nameRoom)), x: box.x + 1, y: y,
                         maxWidth: inner, style: style)
            buffer.write(counts, x: box.maxX - 2 - TextWidth.of(counts), y: y, maxWidth: inner, style: style)
        }
    }
}

extension PickerEntry {
    /// How the picker names the entry.
    var label: String { starred ? "★ Starred" : category ?? "All" }
}
