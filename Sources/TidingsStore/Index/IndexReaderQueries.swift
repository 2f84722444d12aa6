import GRDB

/// Small reads the reader needs beside the list queries.
extension ArticleIndex {
    /// Every distinct category, lower-cased (for the width of the list's category column: the
    /// index on `category_key` answers it without reading the table).
    public func categoryKeys() throws -> [String] {
        try guarded {
            try database.writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT category_key FROM articles") }
        }
    }
}
