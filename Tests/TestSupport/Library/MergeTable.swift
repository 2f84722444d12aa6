import TidingsModel

/// The incremental merge: per-file contributions in, one article per normalised headline out.
///
/// Each file keeps what it contributed (its pages, the ids of its teasers, its readings); each
/// article keeps the files that mention it. Adding or removing one file touches only the articles
/// it mentions, which are recomputed from their remaining contributors. Teaser headlines and
/// summaries are held once per article, and only while no page of the article is stored (the
/// page holds the text then); if the page goes, one file that teases it is read again.
///
/// Sized for 100,000 pages in little memory: dates packed in 32 bits, readings in 32 bits,
/// the first page of a file inline, articles as indices into flat arrays.
struct MergeTable {
    struct PageRecord {
        var id: UInt64
        var headline: String
        var summary: String?
        /// `MergeRules.pageDate`: a `DateKey`.
        var date: Int
        var category: String?
        var url: String?
        var authors: [String] = []
        var site: String?
    }

    struct FileRecord {
        var path: String
        var size: Int64
        var mtime: Int64
        var storedDate: UInt32
        /// Index into `folders` of the first store sub-folder, or -1 at the top of the store.
        var folder: Int32
        /// The scan that last saw the file; files not seen by the current scan are gone.
        var scanMark: UInt32
        /// Text pages have exactly one page; feeds have more.
        var page: PageRecord?
        var morePages: [PageRecord]
        /// Entry indices of the articles it teases (stable while the file contributes to them).
        var teasers: [UInt32]
        /// Region index in the high 16 bits, hundredths of a degree Celsius (signed) in the low 16.
        var weather: [UInt32]

        var pages: [PageRecord] { (page.map { [$0] } ?? []) + morePages }
        func page(_ id: UInt64) -> PageRecord? {
            if let page, page.id == id { return page }
            return morePages.first { $0.id == id }
        }
    }

    static let pageFlag: UInt32 = 0x8000_0000

    private(set) var slots: [FileRecord?] = []
    private var freeSlots: [Int] = []
    private var slotByPath: [String: Int] = [:]
    private var scanGeneration: UInt32 = 0

    // Articles: an index per id into flat arrays.
    private var entryByID: [UInt64: Int32] = [:]
    private var entryIDs: [UInt64] = []
    /// Who mentions each article, as linked lists in two flat arrays (no small array per article,
    /// so no allocator churn): `firstLink[e]` starts the list; a link holds a file slot (high bit
    /// set for a page, clear for a teaser) and the next link, -1 at the end.
    private var firstLink: [Int32] = []
    private var linkSlot: [UInt32] = []
    private var linkNext: [Int32] = []
    private var freeLinks: [Int32] = []
    /// Page contributions per article, so "has a stored page" needs no list walk.
    private var pageCount: [UInt32] = []
    private var freeEntries: [Int32] = []
    private var isDirty: [Bool] = []
    private var dirtyEntries: [Int32] = []
    /// Headline and summary of articles known only from teasers.
    private var teaserTexts: [UInt64: Teaser] = [:]

    private(set) var regions: [String] = []
    private var regionIndex: [String: Int32] = [:]
    private(set) var folders: [String] = []
    private var folderIndex: [String: Int32] = [:]

    func record(path: String) -> FileRecord? {
        slotByPath[path].flatMap { slots[$0] }
    }

    // MARK: - Scanning

    mutating func beginScan() { scanGeneration &+= 1 }

    /// If the file is known with this size and time, marks it seen and returns true.
    mutating func markIfUnchanged(path: String, size: Int64, mtime: Int64) -> Bool {
        guard let slot = slotByPath[path], slots[slot]!.size == size, slots[slot]!.mtime == mtime else { return false }
        slots[slot]!.scanMark = scanGeneration
        return true
    }

    /// Removes the files the current scan did not see; returns how many.
    mutating func removeUnseen() -> Int {
        var gone: [String] = []
        for case let record? in slots where record.scanMark != scanGeneration { gone.append(record.path) }
        for path in gone { remove(path: path) }
        return gone.count
    }

    // MARK: - Contributions

    /// Adds (or replaces) a file's contribution.
    mutating func add(path: String, size: Int64, mtime: Int64, folder: String?, file: ParsedFile) {
        remove(path: path)
        let storedDate = PackedDate.pack(file.pages.lazy.compactMap(\.storedDate).first)
        var record = FileRecord(path: path, size: size, mtime: mtime, storedDate: storedDate,
                                folder: folder.map { intern(folder: $0) } ?? -1, scanMark: scanGeneration,
                                page: nil, morePages: [], teasers: [], weather: [])
        var seen = MergeRules.FirstSightings<UInt64>()
        var teasers: [(UInt64, Teaser)] = []
        record.weather.reserveCapacity(file.pages.reduce(0) { $0 + $1.weather.count })
        for page in file.pages {
            let id = ArticleID.hash64(headline: page.headline)
            if seen.insert(id) {
                let p = PageRecord(id: id, headline: page.headline, summary: page.summary,
                                   date: MergeRules.pageDate(page),
                                   category: page.category, url: page.url, authors: page.authors, site: page.siteName)
                if record.page == nil { record.page = p } else { record.morePages.append(p) }
            }
            for reading in page.weather {
                let hundredths = Int16(clamping: Int((reading.celsius * 100).rounded()))
                record.weather.append(UInt32(UInt32(bitPattern: region(reading.region)) << 16) | UInt32(UInt16(bitPattern: hundredths)))
            }
        }
        for page in file.pages {
            for teaser in page.teasers {
                let id = ArticleID.hash64(headline: teaser.headline)
                if seen.insert(id) { teasers.append((id, teaser)) }
            }
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = slots.count
            slots.append(nil)
        }
        for page in record.pages {
            let e = entry(for: page.id)
            link(e, UInt32(slot) | Self.pageFlag)
            teaserTexts[page.id] = nil  // the page holds the text now
            markDirty(e)
        }
        record.teasers.reserveCapacity(teasers.count)  // exact: no slack in 100,000 small arrays
        for (id, teaser) in teasers {
            let e = entry(for: id)
            record.teasers.append(UInt32(e))
            link(e, UInt32(slot))
            if !hasPage(e) { keepTeaserText(id, teaser) }
            markDirty(e)
        }
        slots[slot] = record
        slotByPath[path] = slot
    }

    mutating func remove(path: String) {
        guard let slot = slotByPath.removeValue(forKey: path), let record = slots[slot] else { return }
        var touched = record.pages.compactMap { entryByID[$0.id].map(Int.init) }
        touched += record.teasers.map { Int($0) }
        for e in touched {
            unlink(e, slot: UInt32(slot))
            markDirty(e)
        }
        slots[slot] = nil
        freeSlots.append(slot)
    }

    private mutating func entry(for id: UInt64) -> Int {
        if let e = entryByID[id] { return Int(e) }
        let e: Int32
        if let free = freeEntries.popLast() {
            e = free
            entryIDs[Int(e)] = id
        } else {
            e = Int32(entryIDs.count)
            entryIDs.append(id)
            firstLink.append(-1)
            pageCount.append(0)
            isDirty.append(false)
        }
        entryByID[id] = e
        return Int(e)
    }

    private mutating func link(_ e: Int, _ slot: UInt32) {
        let l: Int32
        if let free = freeLinks.popLast() {
            l = free
            linkSlot[Int(l)] = slot
            linkNext[Int(l)] = firstLink[e]
        } else {
            l = Int32(linkSlot.count)
            linkSlot.append(slot)
            linkNext.append(firstLink[e])
        }
        firstLink[e] = l
        if slot & Self.pageFlag != 0 { pageCount[e] += 1 }
    }

    private mutating func unlink(_ e: Int, slot: UInt32) {
        var previous: Int32 = -1
        var l = firstLink[e]
        while l >= 0 {
            let next = linkNext[Int(l)]
            if linkSlot[Int(l)] & ~Self.pageFlag == slot {
                if previous < 0 { firstLink[e] = next } else { linkNext[Int(previous)] = next }
                if linkSlot[Int(l)] & Self.pageFlag != 0 { pageCount[e] -= 1 }
                freeLinks.append(l)
            } else {
                previous = l
            }
            l = next
        }
    }

    /// The file slots (with the page flag) that mention entry `e`.
    private func contributions(_ e: Int) -> some Sequence<UInt32> {
        sequence(state: firstLink[e]) { (l: inout Int32) -> UInt32? in
            guard l >= 0 else { return nil }
            defer { l = linkNext[Int(l)] }
            return linkSlot[Int(l)]
        }
    }

    private func hasPage(_ e: Int) -> Bool {
        pageCount[e] > 0
    }

    private mutating func markDirty(_ e: Int) {
        if !isDirty[e] {
            isDirty[e] = true
            dirtyEntries.append(Int32(e))
        }
    }

    private mutating func keepTeaserText(_ id: UInt64, _ teaser: Teaser) {
        if let known = teaserTexts[id] {
            if known.summary == nil && teaser.summary != nil { teaserTexts[id] = teaser }
        } else {
            teaserTexts[id] = teaser
        }
    }

    private mutating func intern(folder: String) -> Int32 {
        if let i = folderIndex[folder] { return i }
        let i = Int32(folders.count)
        folders.append(folder)
        folderIndex[folder] = i
        return i
    }

    private mutating func region(_ name: String) -> Int32 {
        if let i = regionIndex[name] { return i }
        let i = Int32(regions.count)
        regions.append(name)
        regionIndex[name] = i
        return i
    }

    // MARK: - Settling

    /// Recomputes the articles touched since the last call and reports each: the new article, or
    /// nil when nothing mentions it any more (`changed` is called once per article, so a first
    /// scan can build its list without an intermediate array). `reread` parses a stored file
    /// again; it is used only to recover a teaser's text when the article's last page was removed.
    mutating func settle(rules: CategoryRules, reread: (String) -> ParsedFile?,
                         changed: (ArticleID, Article?) -> Void) {
        for e32 in dirtyEntries {
            let e = Int(e32)
            isDirty[e] = false
            let id = entryIDs[e]
            if firstLink[e] < 0 {
                entryByID[id] = nil
                teaserTexts[id] = nil
                freeEntries.append(e32)
                changed(ArticleID(hash: id), nil)
                continue
            }
            if hasPage(e) {
                teaserTexts[id] = nil
            } else if teaserTexts[id] == nil {
                recoverTeaserText(id, entry: e, reread: reread)
            }
            changed(ArticleID(hash: id), makeArticle(id: id, entry: e, rules: rules))
        }
        dirtyEntries.removeAll()
    }

    var pendingChanges: Int { dirtyEntries.count }

    mutating func reserve(files: Int) {
        if files > slots.count { slots.reserveCapacity(files) }
    }

    private mutating func recoverTeaserText(_ id: UInt64, entry e: Int, reread: (String) -> ParsedFile?) {
        for c in contributions(e) {
            guard let record = slots[Int(c & ~Self.pageFlag)], let file = reread(record.path) else { continue }
            for page in file.pages {
                for teaser in page.teasers where ArticleID.hash64(headline: teaser.headline) == id {
                    keepTeaserText(id, teaser)
                }
            }
            if teaserTexts[id]?.summary != nil { return }
        }
    }

    private func makeArticle(id: UInt64, entry e: Int, rules: CategoryRules) -> Article? {
        var date = 0
        var best: (page: PageRecord, slot: Int)?
        var earliestTeaserSlot: Int?
        for c in contributions(e) {
            let slot = Int(c & ~Self.pageFlag)
            guard let record = slots[slot] else { continue }
            if c & Self.pageFlag != 0 {
                guard let page = record.page(id) else { continue }
                date = MergeRules.earliestDate(date, page.date)
                if let b = best, !MergeRules.pageBeats(date: page.date, path: record.path,
                                                       best: b.page.date, bestPath: slots[b.slot]!.path) { continue }
                best = (page, slot)
            } else {
                date = MergeRules.earliestDate(date, DateKey.of(dayValue: Int(record.storedDate)))
                if let t = earliestTeaserSlot, let other = slots[t],
                   !MergeRules.teaserPrecedes(date: Int(record.storedDate), path: record.path,
                                              earliest: Int(other.storedDate), earliestPath: other.path) { continue }
                earliestTeaserSlot = slot
            }
        }
        let articleID = ArticleID(hash: id)
        if let (page, slot) = best {
            let record = slots[slot]!
            let category = MergeRules.category(stated: page.category, folder: folderName(record.folder)) {
                rules.category(headline: page.headline, summary: page.summary)
            }
            return Article(id: articleID, headline: page.headline, summary: page.summary, dateKey: date,
                           category: category, kind: .article, sourcePath: record.path, url: page.url,
                           authors: page.authors, site: page.site, section: page.category)
        }
        // Only if every file that teased it has changed on disk since the scan is the text unknown.
        guard let teaser = teaserTexts[id] else { return nil }
        let teaserFolder = earliestTeaserSlot.flatMap { slots[$0] }.flatMap { folderName($0.folder) }
        let category = MergeRules.category(stated: nil, folder: teaserFolder) {
            rules.category(headline: teaser.headline, summary: teaser.summary)
        }
        return Article(id: articleID, headline: teaser.headline, summary: teaser.summary, dateKey: date,
                       category: category, kind: .teaser, sourcePath: nil)
    }

    private func folderName(_ index: Int32) -> String? {
        index >= 0 ? folders[Int(index)] : nil
    }

    // MARK: - Weather and dates

    /// The newest reading per region: from the newest stored page that has the region.
    func latestWeather() -> [WeatherReading] {
        var best: [Int32: (hundredths: Int16, date: UInt32, slot: Int)] = [:]
        for (slot, record) in slots.enumerated() {
            guard let record else { continue }
            for packed in record.weather {
                let region = Int32(packed >> 16)
                if let b = best[region], (record.storedDate, slots[b.slot]!.path) <= (b.date, record.path) { continue }
                best[region] = (Int16(bitPattern: UInt16(packed & 0xFFFF)), record.storedDate, slot)
            }
        }
        return best.map { WeatherReading(region: regions[Int($0.key)], celsius: Double($0.value.hundredths) / 100,
                                         date: PackedDate.unpack($0.value.date)) }
            .sorted { $0.region < $1.region }
    }

    var newestStoredDate: CivilDate? {
        var newest: UInt32 = 0
        for case let record? in slots where record.storedDate > newest { newest = record.storedDate }
        return PackedDate.unpack(newest)
    }
}
