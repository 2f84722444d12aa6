/// The help overlay, generated from the keymap tables.
enum HelpOverlay {
    struct Line {
        var keys: String
        var text: String
        var isTitle: Bool
    }

    static let lines: [Line] = {
        var out: [Line] = [
            Line(keys: "", text: "Marks in the list", isTitle: true),
            Line(keys: HeadlineList.unreadMarker, text: "Unread", isTitle: false),
            Line(keys: HeadlineList.teaserMarker, text: "Summary only (seen as a teaser)", isTitle: false),
        ]
        for section in Keymap.sections {
            out.append(Line(keys: "", text: "", isTitle: false))
            out.append(Line(keys: "", text: section.title, isTitle: true))
            for b in section.bindings {
                // Nine digit keys read better as a range.
                let keys = b.command == .openLink ? "1-9" : b.label
                out.append(Line(keys: keys, text: b.description, isTitle: false))
            }
        }
        return out
    }()

    static let keyColumn = 14

    static func box(in layout: Layout) -> Rect {
        centredBox(width: 62, height: lines.count + 2, layout: layout)
    }

    static func rows(in layout: Layout) -> Int { max(1, box(in: layout).height - 2) }

    static func draw(_ scroll: ScrollState, into buffer: inout Buffer, layout: Layout, theme: Theme) {
        let box = box(in: layout)
        let rows = box.height - 2
        guard rows > 0 else { return }
        var scroll = scroll
        scroll.clamp(total: lines.count, rows: rows)
        let more = lines.count > rows ? "j/k scroll  Esc close" : "Esc close"
        drawBox(box, title: "Keys", footer: more, into: &buffer, style: theme[.helpOverlay])
        let inner = box.width - 4
        for row in 0..<rows {
            let i = scroll.offset + row
            guard i < lines.count else { break }
            let line = lines[i]
            let y = box.y + 1 + row
            if line.isTitle {
                var title = theme[.helpOverlay]
                title.attributes.insert([.bold, .underline])
                buffer.write(TextWidth.truncate(line.text, to: inner), x: box.x + 2, y: y, maxWidth: inner, style: title)
            } else {
                let kw = min(keyColumn, inner)
                buffer.write(TextWidth.truncate(line.keys, to: kw - 1), x: box.x + 2, y: y, maxWidth: kw, style: theme[.helpKey])
                let room = inner - kw
                if room > 0 {
                    buffer.write(TextWidth.truncate(line.text, to: room), x: box.x + 2 + kw, y: y, maxWidth: room,
                                 style: theme[.helpOverlay])
                }
            }
        }
    }
}
