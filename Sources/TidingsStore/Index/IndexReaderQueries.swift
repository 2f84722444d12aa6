import GRDB

/// Small reads the reader needs beside the list queries.
extension ArticleIndex {
    /// Every distinct category name (for the width of the list's category column).
    public func categoryNames() throws -> [String] {
        try guarded {
            try database.writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT category FROM articles") }
        }
    }
}
