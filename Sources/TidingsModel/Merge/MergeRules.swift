/// Which copy of an article wins, the article's date and category, and which of a file's
/// mentions count: the one statement of these rules. Every path that merges pages into articles
/// (the index's first build, its batch-by-batch refresh, the in-memory table the tests use)
/// calls these and differs only in how it feeds them.
///
/// Dates are compared as sortable integers (`DateKey`: the UTC day and, where known, the time of
/// day), 0 for none; none sorts before every real date. A teaser's file gives only a day.
public enum MergeRules {
    /// The category of an article that has none from its page, its folder or the keyword rules.
    public static let fallbackCategory = "General"

    /// Whether a page (its date key and file path) speaks for its article instead of the current
    /// best one: the newest stored copy wins; on the same date, the first path.
    @inlinable
    public static func pageBeats(date: Int, path: String, best bestDate: Int, bestPath: String) -> Bool {
        (date, bestPath) > (bestDate, path)
    }

    /// Whether a teaser (the stored date of its file and the file's path) is the article's
    /// earliest one instead of the current: the earliest stored page; on the same date, the later
    /// path. The earliest teaser's folder names the category of an article known only from teasers.
    @inlinable
    public static func teaserPrecedes(date: Int, path: String, earliest earliestDate: Int, earliestPath: String) -> Bool {
        (date, earliestPath) < (earliestDate, path)
    }

    /// The article's date: the earliest of its pages' dates (published, else stored) and its
    /// teasers' stored dates. Folds one more date key into `current` (0 for none).
    @inlinable
    public static func earliestDate(_ current: Int, _ date: Int) -> Int {
        date != 0 && (current == 0 || date < current) ? date : current
    }

    /// The date key a page contributes (`DateKey`): the moment it was published where the page
    /// gives a time, else the day it was published, else the day it was stored.
    @inlinable
    public static func pageDate(_ page: ParsedPage) -> Int {
        if let moment = page.publishedAt { return DateKey.of(epochSeconds: moment) }
        return DateKey.of(day: page.publishedDate ?? page.storedDate)
    }

    /// An article's category: what its best page says, else the store sub-folder its page (or,
    /// for a teaser-only article, its earliest teaser) is in, else the keyword rules, else
    /// `fallbackCategory`. `rules` is asked only when needed.
    @inlinable
    public static func category(stated: String?, folder: String?, rules: () -> String?) -> String {
        if let stated { return stated }
        if let folder { return folder }
        return rules() ?? fallbackCategory
    }

    /// A file's mentions of articles, first sighting only: its pages in order (the first page of
    /// an id counts), then its teasers for ids it does not already hold. `keys` lists them in the
    /// order they were first seen.
    /// Inlinable, so each caller gets it specialised for its key type: otherwise every page and
    /// teaser of a first build is an unspecialised generic call into another module.
    public struct FirstSightings<Key: Hashable> {
        /// In the order first seen.
        public var keys: [Key] { seen }
        @usableFromInline var seen: [Key] = []
        // A page has about ten ids: a linear scan beats hashing. A hostile page or a big feed has
        // thousands (a page of 100,000 teasers took minutes), so past 32 a set takes over.
        @usableFromInline var set: Set<Key>?

        @inlinable public init() {}

        /// True the first time `key` is seen.
        @inlinable
        public mutating func insert(_ key: Key) -> Bool {
            if set == nil {
                if seen.contains(key) { return false }
                seen.append(key)
                if seen.count == 32 { set = Set(seen) }
                return true
            }
            guard set!.insert(key).inserted else { return false }
            seen.append(key)
            return true
        }
    }
}

extension CivilDate {
    /// `yyyymmdd`: the sortable integer of a day the index stores (stored dates, readings); 0 is "no date".
    public var indexValue: Int { year * 10_000 + month * 100 + day }

    public init?(indexValue v: Int) {
        guard v > 0 else { return nil }
        self.init(year: v / 10_000, month: (v / 100) % 100, day: v % 100)
    }
}
