import GRDB

/// The tables of the article index. The index is a cache of the store: it is never migrated,
/// only rebuilt. A file whose `user_version` is not `version` is discarded and built again.
enum IndexSchema {
    /// Bump on any change to the tables below or to what refresh writes into them.
    static let version = 13

    /// Pages of a new index file. Contributions are a WITHOUT ROWID table, whose rows spill to
    /// overflow pages above about a quarter of a page: with 4 KiB pages a feed item's summary
    /// (its whole description) did, and the table took twice the bytes it holds.
    /// 8 KiB: a third less to write in a first build of 100,000 feed items (339 MB instead of 493),
    /// about the same for text pages.
    static let pageSize = 8192

    static let statements: [String] = [
        // store_root: the folder last indexed (paths below are relative to it, so a moved store
        // keeps its index); rules: fingerprint of the category rules the categories came from;
        // generation: moves at every committed batch.
        "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
        // One row per stored file, loaded or skipped. Ids are never reused, so an article's
        // source_file tells whether its page was re-parsed. articles: the keys of the articles
        // the file contributes to, packed (8 bytes each, little-endian), so removing a file finds
        // its contributions without a second index over the contributions table.
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            parser_version TEXT NOT NULL,
            kind TEXT,
            folder TEXT,
            stored_date INTEGER,
            skip_reason TEXT,
            articles BLOB
        )
        """,
        // The newest stored date (the weather bar's "as of") is read before the first frame:
        // without this, a scan of every file row (18 ms at 100,000 pages).
        "CREATE INDEX files_stored_date ON files(stored_date)",
        // Each page a file holds of an article, with its fields. Keyed by article first: a merge
        // reads one article's contributions as one range, and there is one B-tree per row to
        // write (a first build writes them in key order).
        // A page whose headline is NULL is the article's best page, whose text (headline,
        // summary, url) is the article row's: a first build does not write every text twice.
        // The text is filled in when another page becomes the best (IndexBatch.settleArticles).
        """
        CREATE TABLE contributions (
            file_id INTEGER NOT NULL,
            article INTEGER NOT NULL,
            date INTEGER,
            headline TEXT,
            summary TEXT,
            category TEXT,
            url TEXT,
            author TEXT,
            site TEXT,
            PRIMARY KEY (article, file_id)
        ) WITHOUT ROWID
        """,
        // The files that show a teaser of an article (and do not hold it as a page): a JSON array
        // of file ids per article. A store of pages has about ten teasers per page; one row per
        // teaser was most of what a first build wrote at its end, on one core. The teaser's text
        // is in teaser_text, once per article, as MergeTable keeps it.
        "CREATE TABLE teasers (article INTEGER PRIMARY KEY, files TEXT NOT NULL)",
        "CREATE TABLE teaser_text (article INTEGER PRIMARY KEY, headline TEXT NOT NULL, summary TEXT)",
        // author: the best page's authors, one per line; site: its site name or feed title.
        // The merged articles. date: the `DateKey` (UTC day and, where known, time of day), 0 when
        // undated (sorts last). Other dates: contributions.date and best_date are `DateKey`s too;
        // stored_date, teaser_date and the readings' dates are days (yyyymmdd).
        // category_key: the category lowercased by Swift, for the case-insensitive filter.
        // doc: its row in `search`. rules_category: what the category rules said for this
        // headline and summary ('' for nothing), kept so they run again only when those change.
        // hex: the id as the read state spells it; lookups by id use the integer key.
        // best_*: the best page's own date, category and folder; teaser_*: the earliest teaser's
        // stored date, path and folder. With them, files that only add contributions update an
        // article without reading all its contributions again (see IndexBatch.settleArticles).
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            hex TEXT NOT NULL,
            headline TEXT NOT NULL,
            summary TEXT,
            date INTEGER NOT NULL,
            category TEXT NOT NULL,
            category_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            source_path TEXT,
            source_file INTEGER,
            url TEXT,
            doc INTEGER NOT NULL UNIQUE,
            rules_category TEXT,
            best_date INTEGER,
            best_category TEXT,
            best_folder TEXT,
            teaser_date INTEGER,
            teaser_path TEXT,
            teaser_folder TEXT,
            author TEXT,
            site TEXT
        )
        """,
        // Each file's weather readings (`ReadingsBlob`: regions and temperatures in the file's
        // order), newest stored date first: a region's newest reading is the first one met from
        // the top, (date, path) and then the order in the file deciding, as in MergeTable.
        """
        CREATE TABLE readings (
            date INTEGER NOT NULL, path TEXT NOT NULL, readings BLOB NOT NULL,
            PRIMARY KEY (date DESC, path)
        ) WITHOUT ROWID
        """,
        "CREATE TABLE weather (region TEXT PRIMARY KEY NOT NULL, celsius REAL NOT NULL, date INTEGER) WITHOUT ROWID",
        // Walk problems of the last refresh (unreadable folders, link loops).
        "CREATE TABLE walk_problems (path TEXT NOT NULL, reason TEXT NOT NULL)",
        // Full-text search over headline, summary and body. Contentless: the body is indexed
        // when its page is parsed and kept nowhere else. SQLite 3.40 cannot delete from a
        // contentless table without the original text, so a replaced article gets a new row
        // and the old one is left unreferenced (listed in search_dead).
        searchTable,
        // The search rows no article points at any more, so a search can count and rank its
        // hits in the full-text index alone (no join with every hit's article) and leave these
        // out. Kept by triggers: whatever writes articles, a replaced or deleted row's doc lands here.
        "CREATE TABLE search_dead (doc INTEGER PRIMARY KEY)",
        """
        CREATE TRIGGER articles_doc_replaced AFTER UPDATE OF doc ON articles WHEN old.doc IS NOT new.doc
        BEGIN INSERT OR IGNORE INTO search_dead (doc) VALUES (old.doc); END
        """,
        """
        CREATE TRIGGER articles_deleted AFTER DELETE ON articles
        BEGIN INSERT OR IGNORE INTO search_dead (doc) VALUES (old.doc); END
        """,
    ]

    /// Also made in the scratch file a first build writes its search rows to (`SearchSideBuild`),
    /// whose FTS5 tables are then copied into this one's as they are.
    static let searchTable = """
        CREATE VIRTUAL TABLE search USING fts5(
            headline, summary, body, content='', detail=full, tokenize='unicode61 remove_diacritics 2')
        """

    /// The list orders and lookups by hex. A first build drops them while it loads and makes them at the end
    /// (one sort instead of a B-tree insert per article; lists meanwhile sort what is there).
    static let articleIndexes = [
        "CREATE INDEX IF NOT EXISTS articles_newest ON articles(date DESC, headline, hex)",
        "CREATE INDEX IF NOT EXISTS articles_by_category ON articles(category_key, date DESC, headline, hex)",
        // Marks are keyed by hex: mark-all walks the articles in that order, and the category
        // counts read one narrow index instead of every row.
        "CREATE INDEX IF NOT EXISTS articles_hex ON articles(hex)",
        "CREATE INDEX IF NOT EXISTS articles_by_name ON articles(category, hex)",
    ]

    static func create(_ db: Database) throws {
        for sql in statements + articleIndexes { try db.execute(sql: sql) }
        try db.execute(sql: "PRAGMA user_version = \(version)")
        // The mark that makes this file Tidings' own (IndexOwnership): only such a file is ever
        // deleted or rebuilt.
        try db.execute(sql: "PRAGMA application_id = \(IndexOwnership.applicationID)")
    }
}
