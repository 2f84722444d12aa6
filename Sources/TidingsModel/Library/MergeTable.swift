/// The incremental merge: per-file contributions in, one article per normalised headline out.
///
/// Each file keeps what it contributed (its pages, the ids of its teasers, its readings); each
/// article keeps the files that mention it. Adding or removing one file touches only the articles
/// it mentions, which are recomputed from their remaining contributors. Teaser headlines and
/// summaries are held once per article, and only while no page of the article is stored (the
/// page holds the text then); if the page goes, one file that teases it is read again.
struct MergeTable {
    struct PageRecord {
        var id: UInt64
        var headline: String
        var summary: String?
        /// Published date if the page has one (HTML, feeds), else the stored date.
        var date: CivilDate?
        var category: String?
        var url: String?
    }

    struct FileRecord {
        var path: String
        var size: Int64
        var mtime: Int64
        /// The first store sub-folder, the category of its articles when the page names none.
        var folder: String?
        var storedDate: CivilDate?
        var pages: [PageRecord]
        var teasers: [UInt64]
        var weather: [(region: Int32, celsius: Double)]
    }

    struct Entry {
        /// File slots; the high bit marks a page contribution (otherwise a teaser).
        var contributors: [UInt32] = []
        var article: Article?
        var hasPage: Bool { contributors.contains { $0 & MergeTable.pageFlag != 0 } }
    }

    static let pageFlag: UInt32 = 0x8000_0000

    private(set) var slots: [FileRecord?] = []
    private var freeSlots: [Int] = []
    private(set) var slotByPath: [String: Int] = [:]
    private(set) var entries: [UInt64: Entry] = [:]
    /// Headline and summary of articles known only from teasers.
    private var teaserTexts: [UInt64: Teaser] = [:]
    private var dirty: Set<UInt64> = []
    private(set) var regions: [String] = []
    private var regionIndex: [String: Int32] = [:]

    func record(path: String) -> FileRecord? {
        slotByPath[path].flatMap { slots[$0] }
    }

    var fileCount: Int { slotByPath.count }

    func regionName(_ index: Int32) -> String { regions[Int(index)] }

    mutating func region(_ name: String) -> Int32 {
        if let i = regionIndex[name] { return i }
        let i = Int32(regions.count)
        regions.append(name)
        regionIndex[name] = i
        return i
    }

    /// Adds (or replaces) a file's contribution.
    mutating func add(path: String, size: Int64, mtime: Int64, folder: String?, file: ParsedFile) {
        remove(path: path)
        let storedDate = file.pages.lazy.compactMap(\.storedDate).first
        var record = FileRecord(path: path, size: size, mtime: mtime, folder: folder, storedDate: storedDate,
                                pages: [], teasers: [], weather: [])
        var teaserTexts: [(UInt64, Teaser)] = []
        // A page has about ten ids: a linear scan beats hashing.
        var seen: [UInt64] = []
        func firstSighting(_ id: UInt64) -> Bool {
            if seen.contains(id) { return false }
            seen.append(id)
            return true
        }
        for page in file.pages {
            let id = ArticleID.hash64(headline: page.headline)
            if firstSighting(id) {
                record.pages.append(PageRecord(id: id, headline: page.headline, summary: page.summary,
                                               date: page.publishedDate ?? page.storedDate,
                                               category: page.category, url: page.url))
            }
            for reading in page.weather {
                record.weather.append((region(reading.region), reading.celsius))
            }
        }
        for page in file.pages {
            for teaser in page.teasers {
                let id = ArticleID.hash64(headline: teaser.headline)
                if firstSighting(id) {
                    record.teasers.append(id)
                    teaserTexts.append((id, teaser))
                }
            }
        }
        record.teasers.sort()  // binary search when recomputing
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = record
        } else {
            slot = slots.count
            slots.append(record)
        }
        slotByPath[path] = slot
        for page in record.pages {
            entries[page.id, default: Entry()].contributors.append(UInt32(slot) | Self.pageFlag)
            dirty.insert(page.id)
        }
        for (id, teaser) in teaserTexts {
            // Mutated in place: no copy of the contributor array.
            let hasPage = Self.addTeaser(&entries[id, default: Entry()], slot: UInt32(slot))
            if !hasPage { keepTeaserText(id, teaser) }
            dirty.insert(id)
        }
    }

    /// Returns whether the article has a stored page.
    private static func addTeaser(_ entry: inout Entry, slot: UInt32) -> Bool {
        entry.contributors.append(slot)
        return entry.hasPage
    }

    private mutating func keepTeaserText(_ id: UInt64, _ teaser: Teaser) {
        if let known = teaserTexts[id] {
            if known.summary == nil && teaser.summary != nil { teaserTexts[id] = teaser }
        } else {
            teaserTexts[id] = teaser
        }
    }

    mutating func remove(path: String) {
        guard let slot = slotByPath.removeValue(forKey: path), let record = slots[slot] else { return }
        for id in record.pages.map(\.id) + record.teasers {
            entries[id]?.contributors.removeAll { $0 & ~Self.pageFlag == UInt32(slot) }
            dirty.insert(id)
        }
        slots[slot] = nil
        freeSlots.append(slot)
    }

    /// Recomputes the articles touched since the last call. Returns whether anything changed.
    /// `reread` parses a stored file again; it is used only to recover a teaser's text when the
    /// article's last page was removed.
    mutating func settle(rules: CategoryRules, reread: (String) -> ParsedFile?) -> Bool {
        guard !dirty.isEmpty else { return false }
        for id in dirty {
            guard var entry = entries[id] else { continue }
            if entry.contributors.isEmpty {
                entries[id] = nil
                teaserTexts[id] = nil
                continue
            }
            if entry.hasPage {
                teaserTexts[id] = nil
            } else if teaserTexts[id] == nil {
                recoverTeaserText(id, entry: entry, reread: reread)
            }
            entry.article = makeArticle(id: id, entry: entry, rules: rules)
            entries[id] = entry
        }
        dirty.removeAll(keepingCapacity: true)
        return true
    }

    private mutating func recoverTeaserText(_ id: UInt64, entry: Entry, reread: (String) -> ParsedFile?) {
        for c in entry.contributors {
            guard let record = slots[Int(c & ~Self.pageFlag)], let file = reread(record.path) else { continue }
            for page in file.pages {
                for teaser in page.teasers where ArticleID.hash64(headline: teaser.headline) == id {
                    keepTeaserText(id, teaser)
                }
            }
            if teaserTexts[id]?.summary != nil { return }
        }
    }

    /// Marks every article for recomputation (the category rules changed).
    mutating func invalidateAll() {
        dirty.formUnion(entries.keys)
    }

    private func makeArticle(id: UInt64, entry: Entry, rules: CategoryRules) -> Article? {
        var date: CivilDate?
        var best: (page: PageRecord, record: FileRecord)?
        var earliestRecord: FileRecord?
        func earlier(_ d: CivilDate?) {
            guard let d else { return }
            if date == nil || d < date! { date = d }
        }
        for c in entry.contributors {
            guard let record = slots[Int(c & ~Self.pageFlag)] else { continue }
            if c & Self.pageFlag != 0 {
                guard let page = record.pages.first(where: { $0.id == id }) else { continue }
                earlier(page.date)
                // The newest stored copy of a page speaks for it; ties go to the first path.
                if let b = best {
                    let newer = (page.date ?? .distantPast, b.record.path) > (b.page.date ?? .distantPast, record.path)
                    if newer { best = (page, record) }
                } else {
                    best = (page, record)
                }
            } else {
                earlier(record.storedDate)
                if let e = earliestRecord {
                    if (record.storedDate ?? .distantPast, e.path) < (e.storedDate ?? .distantPast, record.path) {
                        earliestRecord = record
                    }
                } else {
                    earliestRecord = record
                }
            }
        }
        let articleID = ArticleID(hash: id)
        if let (page, record) = best {
            let category = page.category ?? record.folder
                ?? rules.category(headline: page.headline, summary: page.summary) ?? "General"
            return Article(id: articleID, headline: page.headline, summary: page.summary, date: date,
                           category: category, kind: .article, sourcePath: record.path, url: page.url)
        }
        // Only if every file that teased it has changed on disk since the scan is the text unknown.
        guard let teaser = teaserTexts[id] else { return nil }
        let category = earliestRecord?.folder
            ?? rules.category(headline: teaser.headline, summary: teaser.summary) ?? "General"
        return Article(id: articleID, headline: teaser.headline, summary: teaser.summary, date: date,
                       category: category, kind: .teaser, sourcePath: nil)
    }

    /// The newest reading per region: from the newest stored page that has the region.
    func latestWeather() -> [WeatherReading] {
        var best: [Int32: (celsius: Double, date: CivilDate?, path: String)] = [:]
        for case let record? in slots {
            for (region, celsius) in record.weather {
                if let b = best[region] {
                    let newer = (record.storedDate ?? .distantPast, b.path) > (b.date ?? .distantPast, record.path)
                    if !newer { continue }
                }
                best[region] = (celsius, record.storedDate, record.path)
            }
        }
        return best.map { WeatherReading(region: regions[Int($0.key)], celsius: $0.value.celsius, date: $0.value.date) }
            .sorted { $0.region < $1.region }
    }
}

extension CivilDate {
    /// Sorts before every real date (pages with no date at all).
    static let distantPast = CivilDate(year: 1, month: 1, day: 1)!
}
