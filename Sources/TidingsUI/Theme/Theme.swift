/// Every part of the screen a theme can style. The raw value is the table name in a theme file.
public enum ThemeElement: String, CaseIterable, Sendable {
    case weatherBar = "weather_bar"
    case weatherDate = "weather_date"
    case tempCold = "temp_cold"
    case tempMild = "temp_mild"
    case tempHot = "temp_hot"
    case listHeader = "list_header"
    case listNormal = "list_normal"
    case listSelected = "list_selected"
    case listUnread = "list_unread"
    case listRead = "list_read"
    case listTeaser = "list_teaser"
    case category = "category"
    case date = "date"
    case articleHeadline = "article_headline"
    case articleMeta = "article_meta"
    case articleStandfirst = "article_standfirst"
    case articleBody = "article_body"
    case articleSubheading = "article_subheading"
    case articleQuote = "article_quote"
    case articleCredit = "article_credit"
    case articleLink = "article_link"
    case articleNote = "article_note"
    case divider = "divider"
    case statusLine = "status_line"
    case statusMessage = "status_message"
    case statusError = "status_error"
    case helpOverlay = "help_overlay"
    case helpKey = "help_key"
    case searchMatch = "search_match"
    case dialog = "dialog"
}

/// A named set of styles, one per element (a theme file that leaves one out gets the plain style).
public struct Theme: Hashable, Sendable {
    public var name: String
    /// One line shown by `tidings themes`.
    public var description: String
    public var styles: [ThemeElement: Style]

    public init(name: String, description: String = "", styles: [ThemeElement: Style] = [:]) {
        self.name = name
        self.description = description
        self.styles = styles
    }

    public subscript(_ element: ThemeElement) -> Style {
        get { styles[element] ?? .plain }
        set { styles[element] = newValue }
    }

    /// For `NO_COLOR`: attributes only. A selection or search match that relied on a background
    /// colour becomes reversed so it stays visible.
    public func withoutColours() -> Theme {
        var t = self
        for (element, style) in styles {
            var s = Style(attributes: style.attributes)
            if (element == .listSelected || element == .searchMatch) && style.background != .default {
                s.attributes.insert(.reverse)
            }
            t.styles[element] = s
        }
        for element in [ThemeElement.listSelected, .searchMatch] where t.styles[element] == nil {
            t.styles[element] = Style(attributes: .reverse)
        }
        return t
    }

    /// The dark default, built in so the reader works with no theme files at all.
    /// Themes/default.toml holds the same styles (a test keeps them equal).
    public static let builtInDefault: Theme = {
        func s(_ fg: Color, _ bg: Color = .default, _ a: Attributes = []) -> Style {
            Style(foreground: fg, background: bg, attributes: a)
        }
        let bar = Color.indexed(236)
        return Theme(name: "default", description: "Dark background, soft colours (built in)", styles: [
            .weatherBar: s(.indexed(252), bar),
            .weatherDate: s(.indexed(15), bar, .bold),
            .tempCold: s(.indexed(117), bar, .bold),
            .tempMild: s(.indexed(150), bar, .bold),
            .tempHot: s(.indexed(209), bar, .bold),
            .listHeader: s(.indexed(245), .default, .bold),
            .listNormal: s(.indexed(252)),
            .listSelected: s(.indexed(231), .indexed(24), .bold),
            .listUnread: s(.indexed(231), .default, .bold),
            .listRead: s(.indexed(245)),
            .listTeaser: s(.indexed(180), .default, .italic),
            .category: s(.indexed(109)),
            .date: s(.indexed(243)),
            .articleHeadline: s(.indexed(231), .default, .bold),
            .articleMeta: s(.indexed(245)),
            .articleStandfirst: s(.indexed(223), .default, .italic),
            .articleBody: s(.indexed(252)),
            .articleSubheading: s(.indexed(117), .default, .bold),
            .articleQuote: s(.indexed(250), .default, .italic),
            .articleCredit: s(.indexed(243), .default, .dim),
            .articleLink: s(.indexed(75), .default, .underline),
            .articleNote: s(.indexed(180), .default, .italic),
            .divider: s(.indexed(239)),
            .statusLine: s(.indexed(250), .indexed(236)),
            .statusMessage: s(.indexed(229), .indexed(236), .bold),
            .statusError: s(.indexed(210), .indexed(236), .bold),
            .helpOverlay: s(.indexed(252), .indexed(238)),
            .helpKey: s(.indexed(222), .indexed(238), .bold),
            .searchMatch: s(.indexed(16), .indexed(221), .bold),
            .dialog: s(.indexed(231), .indexed(24), .bold),
        ])
    }()
}
