import Foundation

/// The article's authors: JSON-LD `author` (references by `@id` resolved), `article:author`, the
/// byline written in the page, and only then `meta name=author`, which often names the publisher.
/// A name that is the site's, a URL, or a sentence is not an author; "By" and the like go.
struct AuthorChoice {
    var structured: [String] = []
    var articleAuthor: [String] = []
    var bylines: [String] = []
    var metaAuthor: [String] = []
    var site: SiteNames
    /// Names the page gives its publisher (to tell a publisher named as author).
    var publisher: String?

    func choose() -> [String] {
        for group in [structured, articleAuthor, bylines, metaAuthor] {
            var names = [String]()
            for raw in group {
                for name in AuthorChoice.split(AuthorChoice.clean(raw)) where isPerson(name) {
                    if !names.contains(where: { SiteNames.key($0) == SiteNames.key(name) }) { names.append(name) }
                }
                // One byline is enough: later ones are the same, or authors of other stories.
                if group == bylines, !names.isEmpty { break }
            }
            if !names.isEmpty { return Array(names.prefix(8)) }
        }
        return []
    }

    private func isPerson(_ name: String) -> Bool {
        guard name.count >= 2, name.count <= 60, name.contains(where: \.isLetter) else { return false }
        // Dates, times and counts are not names; neither are the labels a byline leaves behind.
        if name.contains(where: { $0.isASCII && $0.isNumber }) { return false }
        if AuthorChoice.labels.contains(name.lowercased()) { return false }
        if let first = name.split(separator: " ").first, AuthorChoice.creditWords.contains(first.lowercased()) { return false }
        if name.contains("://") || name.hasPrefix("www.") || name.contains("@") { return false }
        if site.isSite(name) && !name.contains(" ") { return false }
        if let publisher, SiteNames.key(publisher) == SiteNames.key(name) { return false }
        let words = name.split(separator: " ")
        if words.count > 6 { return false }
        return true
    }

    /// Words before a name that say it is the author, in the languages of `DateText`; longer first.
    static let prefixes = ["post author by", "post author", "written by", "posted by", "erstellt von", "interview:", "auteur :", "verfasst von", "geschrieben von", "eingestellt von", "ein artikel von",
                           "artikel von", "ein beitrag von", "beitrag von", "text von", "reporting by", "story by", "words by",
                           "escrito por", "publicado por", "publié par", "scritto da", "text und fotos", "by", "von", "vom",
                           "par", "por", "di", "door", "de", "text", "texto", "autor", "autorin", "author", "authors",
                           "redaktion"]
    /// What a byline's parts say when they are not a name.
    static let labels: Set<String> = ["by", "von", "par", "por", "posted", "published", "updated", "veröffentlicht",
                                      "aktualisiert", "autor", "author", "artikel von", "geschrieben von", "share", "teilen",
                                      "admin", "administrator", "anonymous", "unknown", "guest", "gast", "redaktion",
                                      "veröffentlicht am", "publiziert am", "published on", "posted on", "erstellt am",
                                      "auteur", "auteurs", "autore", "autoren", "autorin",
                                      // Degrees after a comma ("Grant Tinsley, PhD") are not names.
                                      "phd", "ph.d.", "md", "m.d.", "mba", "msc", "ms", "ma", "rd", "rdn", "dr.", "prof."]
    /// A credit of a picture, not of the text.
    static let creditWords: Set<String> = ["foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "quelle:",
                                           "source:", "illustration:", "grafik:", "video:"]

    /// A short line that opens with a byline's word and a capitalised name: `By Jane Doe`, `von Daniela Obers`.
    static func isBylineLine(_ line: String) -> Bool {
        guard line.count <= 100 else { return false }
        let lower = line.lowercased()
        for p in ["by ", "von ", "par ", "por ", "text von ", "text: ", "autor: ", "autorin: ", "author: ", "written by ",
                  "posted by ", "geschrieben von ", "eingestellt von ", "ein artikel von ", "ein beitrag von "] where lower.hasPrefix(p) {
            let rest = line.dropFirst(p.count)
            return rest.first?.isUppercase == true
        }
        return false
    }

    /// A byline to names: no prefix, no date or role after the name, whitespace collapsed.
    static func clean(_ raw: String) -> String {
        var s = PageAssembler.clean(raw)
        // What follows a name on a byline: a date, "|", "Updated", a role after a dash or comma.
        for cut in [" | ", "|", " • ", " · ", "\n", " - ", " – ", " — ", " Updated", " Published", " Posted", " on ",
                    " am ", " le ", " el ", " il ", " Aktualisiert", " Veröffentlicht", " Stand:"] {
            if let r = s.range(of: cut), !s[..<r.lowerBound].isEmpty { s = String(s[..<r.lowerBound]) }
        }
        var lowered = s.lowercased()
        var stripped = true
        while stripped {
            stripped = false
            for p in prefixes where lowered.hasPrefix(p) {
                let rest = s.dropFirst(p.count)
                guard let next = rest.first else { continue }
                // `By Jane`, `Von: Jane`, and `vonJane` where markup glued the word to the name.
                if next == " " || next == ":" || (next.isUppercase && (p.count >= 3 || s.first?.isLowercase == true)) {
                    s = PageAssembler.trimSpaces(String(rest.drop { $0 == " " || $0 == ":" }))
                    lowered = s.lowercased()
                    stripped = true
                    break
                }
            }
        }
        while let last = s.last, ",;:.|-–—/".contains(last) { s.removeLast(); s = PageAssembler.trimSpaces(s) }
        return s
    }

    /// Several authors in one string: `A, B and C`, `A & B`, `A und B`, `A; B`. A comma alone may
    /// also part a name from a role (`Jane Doe, Reporter`): a part of one word after a comma stays
    /// out only when it is lowercase or a role word.
    static func split(_ s: String) -> [String] {
        guard !s.isEmpty else { return [] }
        var parts = [s]
        for sep in [";", " and ", " und ", " & ", " et ", " y ", " e ", " en ", ", "] {
            parts = parts.flatMap { $0.components(separatedBy: sep) }
        }
        return parts.map { PageAssembler.trimSpaces($0) }.filter { !$0.isEmpty }
    }
}
