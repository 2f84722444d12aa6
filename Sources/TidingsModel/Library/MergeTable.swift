/// The incremental merge: per-file contributions in, one article per normalised headline out.
///
/// Each file keeps what it contributed (its pages, the ids of its teasers, its readings); each
/// article keeps the files that mention it. Adding or removing one file touches only the articles
/// it mentions, which are recomputed from their remaining contributors. Teaser headlines and
/// summaries are held once, in the article entry, not per file.
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
        var teaserHeadline: String?
        var teaserSummary: String?
        /// File slots; the high bit marks a page contribution (otherwise a teaser).
        var contributors: [UInt32] = []
        var article: Article?
    }

    static let pageFlag: UInt32 = 0x8000_0000

    private(set) var slots: [FileRecord?] = []
    private var freeSlots: [Int] = []
    private(set) var slotByPath: [String: Int] = [:]
    private(set) var entries: [UInt64: Entry] = [:]
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
        var seen = Set<UInt64>()
        for page in file.pages {
            let id = ArticleID.hash64(headline: page.headline)
            if seen.insert(id).inserted {
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
                if seen.insert(id).inserted {
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
            var entry = entries[id] ?? Entry()
            if entry.teaserHeadline == nil { entry.teaserHeadline = teaser.headline }
            if entry.teaserSummary == nil { entry.teaserSummary = teaser.summary }
            entry.contributors.append(UInt32(slot))
            entries[id] = entry
            dirty.insert(id)
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
    mutating func settle(rules: CategoryRules) -> Bool {
        guard !dirty.isEmpty else { return false }
        for id in dirty {
            guard var entry = entries[id] else { continue }
            if entry.contributors.isEmpty {
                entries[id] = nil
                continue
            }
            entry.article = makeArticle(id: id, entry: entry, rules: rules)
            if !entry.contributors.contains(where: { $0 & Self.pageFlag == 0 }) {
                entry.teaserHeadline = nil  // no teaser left; the page holds the text
                entry.teaserSummary = nil
            }
            entries[id] = entry
        }
        dirty.removeAll(keepingCapacity: true)
        return true
    }

    /// Marks every article for recomputation (the category rules changed).
    mutating func invalidateAll() {
        dirty.formUnion(entries.keys)
    }

    private func makeArticle(id: UInt64, entry: Entry, rules: CategoryRules) -> Article {
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
        let headline = entry.teaserHeadline ?? ""
        let category = earliestRecord?.folder
            ?? rules.category(headline: headline, summary: entry.teaserSummary) ?? "General"
        return Article(id: articleID, headline: headline, summary: entry.teaserSummary, date: date,
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
