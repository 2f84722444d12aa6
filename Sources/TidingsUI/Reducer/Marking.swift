import TidingsModel

extension AppState {
    /// `m`: flips one article and remembers its old flag for `u`.
    mutating func toggleRead(_ id: ArticleID) -> [Effect] {
        let wasRead = readIDs.contains(id)
        if wasRead { readIDs.remove(id) } else { readIDs.insert(id) }
        lastMark = MarkRecord(ids: [id], wasRead: [wasRead])
        return [.setRead([id], read: !wasRead)]
    }

    /// `A`: asks first; the prompt holds the ids of the view as it is now.
    mutating func askMarkAll() {
        let ids = visibleIDs
        guard !ids.isEmpty else {
            message = StatusMessage("Nothing to mark")
            return
        }
        overlay = .confirmMarkAll(ids)
    }

    mutating func markAllRead(_ ids: [ArticleID]) -> [Effect] {
        let changed = ids.filter { !readIDs.contains($0) }
        guard !changed.isEmpty else {
            message = StatusMessage("Every article here is already read")
            return []
        }
        readIDs.formUnion(changed)
        lastMark = MarkRecord(ids: changed, wasRead: changed.map { _ in false })
        message = StatusMessage("Marked \(changed.count) article\(changed.count == 1 ? "" : "s") read (u undoes)")
        return [.setRead(changed, read: true)]
    }

    /// `u`: puts back the flags the last `m` or `A` replaced, then forgets them.
    mutating func undoLastMark() -> [Effect] {
        guard let record = lastMark else {
            message = StatusMessage("Nothing to undo")
            return []
        }
        lastMark = nil
        var toRead: [ArticleID] = []
        var toUnread: [ArticleID] = []
        for (id, wasRead) in zip(record.ids, record.wasRead) {
            if wasRead { toRead.append(id); readIDs.insert(id) } else { toUnread.append(id); readIDs.remove(id) }
        }
        var effects: [Effect] = []
        if !toRead.isEmpty { effects.append(.setRead(toRead, read: true)) }
        if !toUnread.isEmpty { effects.append(.setRead(toUnread, read: false)) }
        message = StatusMessage("Undone: \(record.ids.count) article\(record.ids.count == 1 ? "" : "s") restored")
        return effects
    }
}
