import TidingsModel

extension AppState {
    /// `m`: flips one article and remembers its old flag for `u`.
    mutating func toggleRead(_ id: ArticleID) -> [Effect] {
        let wasRead = isRead(id)
        lastMark = MarkRecord(ids: [id], wasRead: [wasRead])
        return [.setRead([id], read: !wasRead)] + markedRead(id, !wasRead)
    }

    /// `*`: stars or unstars one article and remembers the old star for `u`.
    mutating func toggleStar(_ id: ArticleID) -> [Effect] {
        let was = isStarred(id)
        lastMark = MarkRecord(ids: [id], wasRead: [was], stars: true)
        view.setStarred(id, !was)
        message = StatusMessage(was ? "Star removed (u undoes)" : "Starred (u undoes)")
        // A starred-only view keeps the row until it is read again, like an unread-only one.
        return [.setStarred([id], starred: !was)]
    }

    /// A flag changed here: the loaded row shows it at once, and an unread-only view keeps the
    /// row until the view is asked for again, so the cursor does not jump. A row that is not
    /// loaded (the open article scrolled out of the window) is counted by reading the view again.
    mutating func markedRead(_ id: ArticleID, _ read: Bool = true) -> [Effect] {
        guard view.rows.contains(where: { $0.article.id == id }) else { return reloadView() }
        view.setRead(id, read)
        if read, filter.unreadOnly, !view.query.keep.contains(id) {
            view.query.keep.append(id)
            pendingRows = nil
        }
        // A count still on its way may predate this mark: ask again (the newer count wins).
        return view.isCounted ? [] : [.countView(view.query)]
    }

    /// `A`: asks first; the prompt holds the view as it is now.
    mutating func askMarkAll() {
        guard view.total > 0 else {
            message = StatusMessage("Nothing to mark")
            return
        }
        guard view.unread > 0 || !view.isCounted else {
            message = StatusMessage("Every article here is already read")
            return
        }
        overlay = .confirmMarkAll(view.query, count: view.isCounted ? view.unread : view.total)
    }

    /// `A` confirmed: the view shows every row read at once, while the row source writes the
    /// marks in one transaction (in the reader, off the main loop); `viewMarked` follows.
    mutating func markAllOnScreen(_ query: ViewQuery) -> [Effect] {
        if query == view.query {
            for i in view.rows.indices { view.rows[i].isRead = true }
            view.unread = 0
            view.isCounted = true
        }
        message = StatusMessage("Marking read…")
        return [.markView(query)]
    }

    /// The row source marked the view read: remember what changed for `u`, read the view again.
    mutating func viewMarked(_ changed: [ArticleID]) -> [Effect] {
        guard !changed.isEmpty else {
            message = StatusMessage("Every article here is already read")
            return []
        }
        lastMark = MarkRecord(ids: changed, wasRead: changed.map { _ in false })
        let effects = reloadView()
        message = StatusMessage("Marked \(changed.count) article\(changed.count == 1 ? "" : "s") read (u undoes)")
        return effects
    }

    /// `u`: puts back the flags the last `m` or `A` replaced, then forgets them.
    mutating func undoLastMark() -> [Effect] {
        guard let record = lastMark else {
            message = StatusMessage("Nothing to undo")
            return []
        }
        lastMark = nil
        if record.stars {
            var effects: [Effect] = []
            for (id, was) in zip(record.ids, record.wasRead) {
                view.setStarred(id, was)
                effects.append(.setStarred([id], starred: was))
            }
            message = StatusMessage("Undone: star restored")
            return effects
        }
        var toRead: [ArticleID] = []
        var toUnread: [ArticleID] = []
        for (id, wasRead) in zip(record.ids, record.wasRead) {
            if wasRead { toRead.append(id) } else { toUnread.append(id) }
        }
        var effects: [Effect] = []
        if !toRead.isEmpty { effects.append(.setRead(toRead, read: true)) }
        if !toUnread.isEmpty { effects.append(.setRead(toUnread, read: false)) }
        // The view is read again once the flags are written: an undone mark may bring a row
        // back into an unread-only view, or change rows that are not loaded.
        effects += reloadView()
        message = StatusMessage("Undone: \(record.ids.count) article\(record.ids.count == 1 ? "" : "s") restored")
        return effects
    }
}
