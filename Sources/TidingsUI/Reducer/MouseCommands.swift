/// `--mouse`: the wheel scrolls whatever is under the pointer, a click selects, a double click opens.
extension AppState {
    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard overlay == nil, searchPrompt == nil, !layout.isTooSmall else { return [] }
        let l = layout
        let overArticle = openID != nil && (l.isSplit ? event.x > l.listPane.maxX : focus == .article)
        switch event.kind {
        case .wheelUp, .wheelDown:
            let delta = event.kind == .wheelDown ? 3 : -3
            if overArticle { scrollArticle(by: delta) } else { moveSelection(by: delta) }
        case .click, .doubleClick:
            guard !overArticle else {
                focus = .article
                return []
            }
            let row = event.y - l.listPane.y - 1
            guard row >= 0, row < l.listRows, list.offset + row < view.total else { return [] }
            focus = .list
            moveSelection(to: list.offset + row)
            if event.kind == .doubleClick, let article = selectedArticle { return open(article) }
        }
        return []
    }
}
