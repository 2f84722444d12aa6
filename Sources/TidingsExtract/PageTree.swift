/// What the SAX pass keeps of a page: elements (pre-order, parent before child) without their text,
/// and the text as blocks, each owned by its nearest block element. The scorer works on this.
struct PageTree {
    struct Element {
        var tag: Tag
        var parent: Int32
        /// Class/id weight (see `ClassHints`).
        var weight: Int16
        /// One past the last element of the subtree (pre-order), set when the element closes.
        var end: Int32
        /// Index into `hints` of the element's class/id, -1 for none.
        var hintID: Int32
        /// Class says image caption or credit (text goes to credits, not body).
        var isCaptionHint: Bool
        /// Class says comments, sidebar, share bar...: readability's "unlikely candidate".
        var isUnlikely = false
    }

    enum BlockKind: UInt8 { case paragraph, heading, listItem, quote, caption, preformatted }

    struct Block {
        var owner: Int32
        var kind: BlockKind
        var text: [UInt8]
        /// Characters (not bytes), in text and inside links.
        var length: Int
        var linkLength: Int
        var commas: Int
        var links: [ArticleLinkDraft]
        /// Inside an unlikely candidate.
        var unlikely: Bool
    }

    struct ArticleLinkDraft {
        var text: String
        var href: String
    }

    var elements: [Element] = []
    var hints: [ClassHints] = []
    var hintTexts: [String] = []
    var blocks: [Block] = []
}

struct TimeMark {
    var value: String
    var isPublished: Bool
    var isModified: Bool
}

struct DateTextMark {
    var text: String
    var isModified: Bool
}

/// Metadata gathered while parsing, before it is resolved into fields.
struct PageSignals {
    /// `<meta property|name|itemprop=... content=...>`, keys lowercased, first value wins.
    var meta: [String: String] = [:]
    var title = ""
    var firstH1 = ""
    var canonical: String?
    var base: String?
    var timeDatetime: String?
    /// `<time datetime>` values in page order (at most 8), with what their names say of them.
    var times: [TimeMark] = []
    /// Short texts of elements named like a date line or byline (`<span class="date">`), in page order.
    var dateTexts: [DateTextMark] = []
    /// How many of `dateTexts` came before the first `<h1>` closed.
    var dateTextsBeforeH1: Int?
    /// Texts of bylines: `rel=author` links, `itemprop=author`, elements named like an author.
    var bylines: [String] = []
    /// Every value of the author metas (`article:author`, `author`...): pages list co-authors so.
    var metaAuthors: [String: [String]] = [:]
    /// `<html lang>`, lowercased.
    var language: String?
    var breadcrumbs: [String] = []
    var categoryLink: String?
    var weatherTexts: [String] = []
    var jsonLD: [[UInt8]] = []
}
