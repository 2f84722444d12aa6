import TidingsModel

/// The article being read, wrapped to a readable width and scrolled.
enum ArticlePane {
    static func draw(_ state: AppState, into buffer: inout Buffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme[.articleBody])
        let layout = state.layout
        let textWidth = layout.articleTextWidth
        let left = rect.x + max(1, (rect.width - textWidth) / 2)
        guard let article = state.openArticle else {
            drawPlaceholder(state, into: &buffer, in: rect, x: left, width: textWidth, theme: theme)
            return
        }
        let lines = ArticleContent.lines(for: article, body: state.bodies[article.id], width: textWidth)
        var scroll = state.articleScroll
        scroll.clamp(total: lines.count, rows: rect.height)
        for row in 0..<rect.height {
            let i = scroll.offset + row
            guard i < lines.count else { break }
            buffer.write(lines[i].text, x: left, y: rect.y + row, maxWidth: textWidth, style: theme[lines[i].element])
            // Search matches stay marked in the article, so a body match is easy to find.
            if !state.filter.search.isEmpty {
                HeadlineList.highlight(state.filter.search, in: lines[i].text, x: left, y: rect.y + row, into: &buffer,
                                       style: theme[.searchMatch], all: true)
            }
        }
    }

    /// The split view before anything is opened: what Enter would show.
    static func drawPlaceholder(_ state: AppState, into buffer: inout Buffer, in rect: Rect, x: Int, width: Int, theme: Theme) {
        var lines: [StyledLine] = []
        if let a = state.selectedArticle {
            lines += Wrap.lines(a.headline, width: width).map { StyledLine($0, .articleHeadline) }
            if let s = a.summary, !s.isEmpty {
                lines.append(StyledLine("", .articleBody))
                lines += Wrap.lines(s, width: width).map { StyledLine($0, .articleStandfirst) }
            }
            lines.append(StyledLine("", .articleBody))
            lines.append(StyledLine("Enter opens this article.", .articleNote))
        } else {
            lines.append(StyledLine("No article selected.", .articleNote))
        }
        for (row, line) in lines.prefix(rect.height).enumerated() {
            buffer.write(line.text, x: x, y: rect.y + row, maxWidth: width, style: theme[line.element])
            if !state.filter.search.isEmpty {
                HeadlineList.highlight(state.filter.search, in: line.text, x: x, y: rect.y + row, into: &buffer,
                                       style: theme[.searchMatch], all: true)
            }
        }
    }
}
