/// What a key does; the handlers per mode run these.
public enum Command: Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back, quit
    case nextArticle, previousArticle, nextUnread, previousUnread
    case toggleRead, toggleStar, markAllRead, undo
    case categoryPicker, search, unreadOnly, cycleSort, rescan, fetch, toggleSource
    case switchFocus, help, openInBrowser, openLink
    /// While reading: go back to the list and run the list's command for the same key.
    case listCommand
    case clearSearch
    // Prompts and pickers
    case choose, cancel, confirm
}

/// One row of the keymap: the keys, the command and the line the help overlay shows.
public struct KeyBinding: Sendable {
    public let keys: [KeyEvent]
    public let command: Command
    public let description: String
    public init(_ keys: [KeyEvent], _ command: Command, _ description: String) {
        self.keys = keys
        self.command = command
        self.description = description
    }
    /// "j ↓", as the help overlay shows the keys.
    public var label: String { keys.map(\.label).joined(separator: " ") }
}

extension KeyEvent {
    static func c(_ ch: Character) -> KeyEvent { .character(ch) }

    /// How the help overlay writes a key.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let ch): return String(ch)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .mouse: return "mouse"
        }
    }
}

/// The key tables, one per mode. The help overlay is generated from them, so it cannot drift.
public enum Keymap {
    public static let list: [KeyBinding] = [
        KeyBinding([.c("j"), .down], .moveDown, "Next headline"),
        KeyBinding([.c("k"), .up], .moveUp, "Previous headline"),
        KeyBinding([.pageDown, .c(" ")], .pageDown, "Page down"),
        KeyBinding([.pageUp, .c("b")], .pageUp, "Page up"),
        KeyBinding([.c("g"), .home], .top, "First headline"),
        KeyBinding([.c("G"), .end], .bottom, "Last headline"),
        KeyBinding([.enter, .c("l"), .right], .open, "Open the article (marks it read)"),
        KeyBinding([.c("n")], .nextUnread, "Next unread"),
        KeyBinding([.c("p")], .previousUnread, "Previous unread"),
        KeyBinding([.c("m")], .toggleRead, "Toggle read"),
        KeyBinding([.c("*")], .toggleStar, "Star / unstar (keep for later)"),
        KeyBinding([.c("A")], .markAllRead, "Mark every article in the view read"),
        KeyBinding([.c("u")], .undo, "Undo the last marking"),
        KeyBinding([.c("c")], .categoryPicker, "Filter by category"),
        KeyBinding([.c("/")], .search, "Search headline, summary and body"),
        KeyBinding([.escape], .clearSearch, "Clear the search"),
        KeyBinding([.c("U")], .unreadOnly, "Show only unread / all"),
        KeyBinding([.c("s")], .cycleSort, "Sort: newest, oldest, category"),
        KeyBinding([.c("S")], .toggleSource, "Show or hide the source column"),
        KeyBinding([.c("r")], .rescan, "Rescan the store"),
        KeyBinding([.c("R")], .fetch, "Fetch the subscribed feeds"),
        KeyBinding([.c("o")], .openInBrowser, "Open the article's web page"),
        KeyBinding([.tab], .switchFocus, "Switch focus to the article"),
        KeyBinding([.c("?"), .function(1)], .help, "This help"),
        KeyBinding([.c("q")], .quit, "Quit"),
    ]

    public static let article: [KeyBinding] = [
        KeyBinding([.c("j"), .down], .moveDown, "Scroll down"),
        KeyBinding([.c("k"), .up], .moveUp, "Scroll up"),
        KeyBinding([.c(" "), .pageDown], .pageDown, "Page down"),
        KeyBinding([.c("b"), .pageUp], .pageUp, "Page up"),
        KeyBinding([.c("g"), .home], .top, "Top of the article"),
        KeyBinding([.c("G"), .end], .bottom, "End of the article"),
        KeyBinding([.c("J")], .nextArticle, "Next article"),
        KeyBinding([.c("K")], .previousArticle, "Previous article"),
        KeyBinding([.c("n")], .nextUnread, "Next unread article"),
        KeyBinding([.c("p")], .previousUnread, "Previous unread article"),
        KeyBinding([.c("m")], .toggleRead, "Toggle read"),
        KeyBinding([.c("*")], .toggleStar, "Star / unstar (keep for later)"),
        KeyBinding([.c("u")], .undo, "Undo the last marking"),
        KeyBinding([.c("o")], .openInBrowser, "Open the article's web page"),
        KeyBinding((1...9).map { .c(Character(String($0))) }, .openLink, "Open numbered link"),
        KeyBinding([.c("r")], .rescan, "Rescan the store"),
        KeyBinding([.c("R")], .fetch, "Fetch the subscribed feeds"),
        KeyBinding([.tab], .switchFocus, "Switch focus to the list"),
        KeyBinding([.c("h"), .left, .escape, .c("q")], .back, "Back to the list"),
        KeyBinding([.c("c"), .c("/"), .c("U"), .c("s"), .c("A")], .listCommand, "Back to the list, then as there"),
        KeyBinding([.c("?"), .function(1)], .help, "This help"),
    ]

    public static let picker: [KeyBinding] = [
        KeyBinding([.c("j"), .down], .moveDown, "Next category"),
        KeyBinding([.c("k"), .up], .moveUp, "Previous category"),
        KeyBinding([.c("g"), .home], .top, "First (All)"),
        KeyBinding([.c("G"), .end], .bottom, "Last"),
        KeyBinding([.enter, .c("l"), .right], .choose, "Filter by it (All clears)"),
        KeyBinding([.escape, .c("q"), .c("h"), .left, .c("c")], .cancel, "Close"),
    ]

    public static let search: [KeyBinding] = [
        KeyBinding([.enter], .choose, "Keep the filter"),
        KeyBinding([.escape], .cancel, "Clear the search"),
        KeyBinding([.down, .up], .moveDown, "Move in the list while typing"),
    ]

    public static let confirm: [KeyBinding] = [
        KeyBinding([.c("y"), .c("Y")], .confirm, "Yes"),
        KeyBinding([.c("n"), .c("N"), .escape, .c("q")], .cancel, "No"),
    ]

    public static let help: [KeyBinding] = [
        KeyBinding([.c("j"), .down], .moveDown, "Scroll down"),
        KeyBinding([.c("k"), .up], .moveUp, "Scroll up"),
        KeyBinding([.c(" "), .pageDown], .pageDown, "Page down"),
        KeyBinding([.c("b"), .pageUp], .pageUp, "Page up"),
        KeyBinding([.c("g"), .home], .top, "Top"),
        KeyBinding([.c("G"), .end], .bottom, "Bottom"),
        KeyBinding([.escape, .c("q"), .c("?"), .enter], .cancel, "Close the help"),
    ]

    /// Titled sections for the help overlay.
    public static let sections: [(title: String, bindings: [KeyBinding])] = [
        ("Headline list", list), ("Reading an article", article), ("Category picker", picker),
        ("Search prompt", search), ("Mark-all prompt", confirm), ("Help", help),
    ]

    static func table(_ bindings: [KeyBinding]) -> [KeyEvent: Command] {
        var t: [KeyEvent: Command] = [:]
        for b in bindings { for k in b.keys where t[k] == nil { t[k] = b.command } }
        return t
    }

    static let listTable = table(list)
    static let articleTable = table(article)
    static let pickerTable = table(picker)
    static let confirmTable = table(confirm)
    static let helpTable = table(help)

    /// The command `key` runs in `mode`; nil when it does nothing there. (Search prompt typing is
    /// text, handled apart.)
    public static func command(for key: KeyEvent, in mode: Mode) -> Command? {
        switch mode {
        case .list: return listTable[key]
        case .article: return articleTable[key]
        case .picker: return pickerTable[key]
        case .confirm: return confirmTable[key]
        case .help: return helpTable[key]
        case .search:
            switch key {
            case .enter: return .choose
            case .escape: return .cancel
            case .down: return .moveDown
            case .up: return .moveUp
            default: return nil
            }
        }
    }
}
