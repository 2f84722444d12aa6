/// Readability-style choice of the article's text blocks in a `PageTree`.
///
/// 1. Each paragraph-sized block scores 1 + commas + one point per 100 characters (max 3); the score
///    goes to its container, half to the container's parent, a third to the grandparent.
/// 2. A container's score is adjusted by its tag and class/id hints and scaled by (1 - link density).
/// 3. The best container is widened to its parent while the parent holds comparable content, and
///    siblings that look like article text join it.
/// 4. Inside the chosen subtrees, furniture (link lists, negatively hinted parts, bylines, share
///    lines) is dropped block by block.
struct ContentScorer {
    let tree: PageTree
    private var textLength: [Int]
    private var linkLength: [Int]
    private var commas: [Int]
    private var paragraphs: [Int]
    private var score: [Double]

    /// When set, text inside unlikely candidates (comments, sidebars...) is ignored. A page whose
    /// article sits in such a container (a wrapper class like "has-sidebar") is retried without.
    let dropUnlikely: Bool

    init(tree: PageTree, dropUnlikely: Bool = true) {
        self.tree = tree
        self.dropUnlikely = dropUnlikely
        let n = tree.elements.count
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        commas = Array(repeating: 0, count: n)
        paragraphs = Array(repeating: 0, count: n)
        score = Array(repeating: 0, count: n)
        aggregate()
    }

    /// Subtree totals in one backward pass: elements are in pre-order, so children follow parents.
    private mutating func aggregate() {
        for block in tree.blocks where block.owner >= 0 && block.kind != .caption && !(dropUnlikely && block.unlikely) {
            let o = Int(block.owner)
            textLength[o] += block.length
            linkLength[o] += block.linkLength
            commas[o] += block.commas
            if block.length >= 25 && block.kind != .heading { paragraphs[o] += 1 }
        }
        for i in stride(from: tree.elements.count - 1, through: 1, by: -1) {
            let p = Int(tree.elements[i].parent)
            guard p >= 0 else { continue }
            textLength[p] += textLength[i]
            linkLength[p] += linkLength[i]
            commas[p] += commas[i]
            paragraphs[p] += paragraphs[i]
        }
        // Content scores.
        var scored = [Bool](repeating: false, count: tree.elements.count)
        for block in tree.blocks where block.owner >= 0 && block.length >= 25
            && block.kind != .caption && block.kind != .heading && !(dropUnlikely && block.unlikely) {
            var container = Int(block.owner)
            let ownerTag = tree.elements[container].tag
            if ownerTag.isParagraphLike, tree.elements[container].parent >= 0 { container = Int(tree.elements[container].parent) }
            if ownerTag == .li || ownerTag == .dd, tree.elements[container].parent >= 0 { container = Int(tree.elements[container].parent) }
            // No per-block link discount: the container's score is scaled by its link density below.
            let points = 1 + Double(block.commas) + Double(min(block.length / 100, 3))
            var level = 0
            var e = container
            while e >= 0 && level < 3 {
                if !scored[e] { scored[e] = true; score[e] += initialScore(e) }
                score[e] += points / (level == 0 ? 1 : Double(level) * 2)
                e = Int(tree.elements[e].parent)
                level += 1
            }
        }
        for i in 0..<tree.elements.count where scored[i] {
            score[i] *= 1 - linkDensity(i)
        }
    }

    private func initialScore(_ i: Int) -> Double {
        let base: Double
        switch tree.elements[i].tag {
        case .div, .article, .main, .section: base = 5
        case .pre, .td, .blockquote: base = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: base = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: base = -5
        default: base = 0
        }
        return base + Double(tree.elements[i].weight)
    }

    func topScores(_ n: Int) -> [(Int, Double)] {
        score.indices.filter { score[$0] > 0 }.sorted { score[$0] > score[$1] }.prefix(n).map { ($0, score[$0]) }
    }

    func linkDensity(_ i: Int) -> Double {
        textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
    }

    private func isAncestor(_ a: Int, of b: Int) -> Bool {
        b > a && b < Int(tree.elements[a].end)
    }

    /// The chosen roots: the top candidate and the siblings that join it.
    func roots() -> [Int] {
        guard !tree.elements.isEmpty else { return [] }
        var top = -1
        var best = 0.0
        for i in 0..<tree.elements.count where score[i] > best {
            best = score[i]
            top = i
        }
        if top < 0 { return [0] }
        let bestCandidate = top
        // Widen: a parent that scores higher, or that keeps most of a similar score, holds more article.
        var lastScore = score[top]
        let threshold = lastScore / 3
        var parent = Int(tree.elements[top].parent)
        while parent >= 0 {
            let ps = score[parent]
            if ps == 0 { parent = Int(tree.elements[parent].parent); continue }
            if ps < threshold { break }
            if ps > lastScore { top = parent; break }
            lastScore = ps
            parent = Int(tree.elements[parent].parent)
        }
        // An only child carries nothing its parent does not.
        while tree.elements[top].parent >= 0 {
            let p = Int(tree.elements[top].parent)
            if textLength[p] == textLength[top] && tree.elements[p].tag != .body && tree.elements[p].tag != .html {
                top = p
            } else { break }
        }
        var result = [top]
        let p = Int(tree.elements[top].parent)
        guard p >= 0 else { return result }
        let siblingThreshold = max(10, score[top] * 0.2)
        var c = p + 1
        let pend = Int(tree.elements[p].end)
        while c < pend {
            if c != top {
                let e = tree.elements[c]
                var bonus = 0.0
                if e.hintID >= 0 && e.hintID == tree.elements[top].hintID { bonus = score[top] * 0.2 }
                var append = score[c] + bonus >= siblingThreshold
                if !append && (e.tag == .p || e.tag == .blockquote || e.tag == .pre) {
                    let ld = linkDensity(c)
                    let len = textLength[c]
                    append = (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0 && paragraphs[c] > 0)
                }
                if append && e.weight >= 0 { result.append(c) }
            }
            c = Int(tree.elements[c].end)  // next sibling
        }
        // An article split into several containers of the same class (by ads, figures, pull quotes)
        // is one article: take the top's look-alikes wherever they sit, when they score well.
        let topHint = tree.elements[bestCandidate].hintID
        if topHint >= 0 {
            let threshold = max(10, score[bestCandidate] * 0.2)
            for i in 0..<tree.elements.count where tree.elements[i].hintID == topHint && score[i] >= threshold
                && linkDensity(i) < 0.3 && !result.contains(where: { $0 == i || isAncestor($0, of: i) || isAncestor(i, of: $0) }) {
                result.append(i)
            }
        }
        return result.sorted()
    }

    /// The article's blocks, retrying without dropping unlikely candidates when that leaves too little.
    static func extract(_ tree: PageTree) -> [PageTree.Block] {
        let first = ContentScorer(tree: tree).articleBlocks()
        let length = first.reduce(0) { $0 + ($1.kind == .caption ? 0 : $1.length) }
        if length >= 500 { return first }
        let second = ContentScorer(tree: tree, dropUnlikely: false).articleBlocks()
        let length2 = second.reduce(0) { $0 + ($1.kind == .caption ? 0 : $1.length) }
        return length2 > length ? second : first
    }

    /// Words a page's interface puts between paragraphs ("Advertisement", "Image 2 of 5"): never article text.
    static let interfaceLabels: Set<String> = ["advertisement", "advert", "ad", "ads", "sponsored", "sponsored content",
        "tags", "tag", "comments", "comment", "share", "share this", "share this article", "share this story",
        "related", "related articles", "related stories", "read more", "continue reading", "print", "email",
        "this slideshow requires javascript", "loading", "skip to content", "follow us", "story continues below",
        "article continues below", "story continues below advertisement", "scroll to continue with content"]

    static func isInterfaceLabel(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
            .trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        if interfaceLabels.contains(text) { return true }
        // "Image 2 of 5", "Photo 1 of 12"
        let words = text.split(separator: " ")
        return words.count == 4 && ["image", "photo", "slide", "picture"].contains(String(words[0]))
            && Int(words[1]) != nil && words[2] == "of" && Int(words[3]) != nil
    }

    /// Whether element `i` (inside a chosen root) is page furniture rather than article text.
    func isFurniture(_ i: Int) -> Bool {
        let e = tree.elements[i]
        let ld = linkDensity(i)
        if dropUnlikely && e.isUnlikely { return true }
        if e.weight < 0 && (score[i] < 25 || ld > 0.2) { return true }
        switch e.tag {
        case .div, .section, .ul, .ol, .table, .form, .header, .dl:
            if commas[i] >= 10 { return false }
            if textLength[i] == 0 { return false }
            if e.weight < 25 && ld > 0.33 { return true }
            if e.weight >= 25 && ld > 0.5 { return true }
            return false
        default:
            return false
        }
    }

    /// The article's blocks in reading order.
    func articleBlocks() -> [PageTree.Block] {
        let roots = roots()
        guard !roots.isEmpty else { return [] }
        // Mark furniture subtrees inside the roots.
        var dropped = [Bool](repeating: false, count: tree.elements.count)
        for r in roots {
            var i = r + 1
            let end = Int(tree.elements[r].end)
            while i < end {
                if isFurniture(i) {
                    for k in i..<Int(tree.elements[i].end) { dropped[k] = true }
                    i = Int(tree.elements[i].end)
                } else {
                    i += 1
                }
            }
        }
        var out = [PageTree.Block]()
        for block in tree.blocks where block.owner >= 0 && !(dropUnlikely && block.unlikely) {
            let o = Int(block.owner)
            guard !dropped[o], roots.contains(where: { $0 == o || isAncestor($0, of: o) }) else { continue }
            if block.kind != .caption {
                let ld = Double(block.linkLength) / Double(max(block.length, 1))
                if ld > 0.6 { continue }
                if block.length <= 40 && ContentScorer.isInterfaceLabel(block.text) { continue }
            }
            out.append(block)
        }
        return out
    }
}

import Foundation
