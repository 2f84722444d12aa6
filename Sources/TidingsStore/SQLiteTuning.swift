import CSQLiteTuning

/// Process-wide SQLite settings, for programs to apply before they open any database (SQLite
/// takes them only before its first use; later calls change nothing and are harmless).
public enum SQLiteTuning {
    /// True when SQLite took the settings.
    @discardableResult
    public static func apply() -> Bool {
        tidings_sqlite_memstatus_off() == 0
    }
}
