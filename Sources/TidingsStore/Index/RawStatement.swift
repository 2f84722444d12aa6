import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API. A first build writes about
/// two million rows; GRDB's boxing of each argument cost more than SQLite's work on the row.
/// Used only for plain INSERT/UPDATE statements inside a transaction GRDB opened.
struct RawStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    func bind(_ i: Int32, _ value: Int64) { sqlite3_bind_int64(handle, i, value) }
    func bind(_ i: Int32, _ value: Int) { sqlite3_bind_int64(handle, i, Int64(value)) }
    func bind(_ i: Int32, _ value: Double) { sqlite3_bind_double(handle, i, value) }
    func bindNull(_ i: Int32) { sqlite3_bind_null(handle, i) }

    /// nil binds NULL.
    func bind(_ i: Int32, _ value: Int?) {
        if let value { bind(i, value) } else { bindNull(i) }
    }

    func bind(_ i: Int32, _ value: String?) {
        guard var value else { return bindNull(i) }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, i, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, i, "", 0, Self.transient)
            }
        }
    }

    func bind(_ i: Int32, _ value: Data) {
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, i, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    /// Runs the statement with what is bound, then clears the bindings.
    func step() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
