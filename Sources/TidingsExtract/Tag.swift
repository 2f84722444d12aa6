/// The HTML elements the extractor tells apart; everything else is `.other` (inline).
enum Tag: UInt8 {
    case other, html, body, head, title, meta, link, base
    case p, div, section, article, main, header, footer, nav, aside, form
    case ul, ol, li, dl, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, address, center
    case table, thead, tbody, tfoot, tr, td, th, caption
    case figure, figcaption, picture, img, br, hr
    case a, time, input, button, select, option, iframe, object, embed, video, audio, canvas, menu, dialog, label
    case details, summary, fieldset, noscript

    static let byName: [String: Tag] = {
        var map = [String: Tag]()
        for raw in UInt8(1)...Tag.noscript.rawValue {
            let tag = Tag(rawValue: raw)!
            map[String(describing: tag)] = tag
        }
        return map
    }()

    init(name: String) { self = Tag.byName[name] ?? .other }

    /// Starts and ends a text block.
    var isBlock: Bool {
        switch self {
        case .other, .a, .time, .img, .label, .input, .button, .select, .option: return false
        default: return true
        }
    }

    /// Never article text: the whole subtree is dropped while parsing.
    var isSkipped: Bool {
        switch self {
        case .nav, .aside, .footer, .button, .select, .iframe, .object, .embed, .video, .audio, .canvas,
             .menu, .dialog, .noscript, .input:
            return true
        default: return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Holds text directly, as a paragraph does, rather than containing paragraphs.
    var isParagraphLike: Bool {
        switch self {
        case .p, .li, .dt, .dd, .pre, .blockquote, .td, .th, .h1, .h2, .h3, .h4, .h5, .h6, .address, .figcaption, .caption:
            return true
        default: return false
        }
    }
}
