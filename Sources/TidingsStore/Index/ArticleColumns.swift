import GRDB

/// The columns of an `articles` row, in the order the writers bind them. Both writers (the
/// refresh's `ArticleSettle`, the first build's `BulkBuild`) make their SQL from this list and
/// bind values by column, so no writer counts placeholders. (IndexSchema says what each holds.)
enum ArticleColumn: Int32, CaseIterable {
    case headline = 1, summary, date, category, categoryKey, kind, sourcePath, sourceFile, url, doc, rulesCategory,
         bestDate, bestCategory, bestFolder, teaserDate, teaserPath, teaserFolder, author, site, id, hex

    /// The column's name in the table (snake case).
    var name: String {
        String(describing: self).reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// A new row: every column, `?N` where N is the column's raw value.
    static let insertSQL = """
        INSERT INTO articles (\(allCases.map(\.name).joined(separator: ", ")))
        VALUES (\(allCases.map { "?\($0.rawValue)" }.joined(separator: ", ")))
        """

    /// Every column of the row whose id is `?18`, but its key and hex (which never change).
    static let updateSQL = """
        UPDATE articles SET \(allCases.filter { $0 != .id && $0 != .hex }.map { "\($0.name) = ?\($0.rawValue)" }.joined(separator: ", "))
        WHERE id = ?\(ArticleColumn.id.rawValue)
        """
}

/// An `articles` row's values by column, for GRDB's statements of `ArticleColumn`.
struct ArticleValues {
    private var values = [(any DatabaseValueConvertible)?](repeating: nil, count: ArticleColumn.allCases.count)

    subscript(_ column: ArticleColumn) -> (any DatabaseValueConvertible)? {
        get { values[Int(column.rawValue) - 1] }
        set { values[Int(column.rawValue) - 1] = newValue }
    }

    /// For `ArticleColumn.insertSQL`.
    var insertArguments: StatementArguments { StatementArguments(values) }
    /// For `ArticleColumn.updateSQL` (it has no `hex`, the last column).
    var updateArguments: StatementArguments { StatementArguments(Array(values.dropLast())) }
}

extension RawStatement {
    func bind(_ column: ArticleColumn, _ value: String?) { bind(column.rawValue, value) }
    func bind(_ column: ArticleColumn, _ value: Int?) { bind(column.rawValue, value) }
    func bind(_ column: ArticleColumn, _ value: Int64) { bind(column.rawValue, value) }
}

/// Authors in one column: one name per line (names never hold a line break: pages' text is collapsed).
enum AuthorsColumn {
    static func encode(_ authors: [String]) -> String? { authors.isEmpty ? nil : authors.joined(separator: "\n") }
    static func decode(_ column: String?) -> [String] { column.map { $0.split(separator: "\n").map(String.init) } ?? [] }
}
