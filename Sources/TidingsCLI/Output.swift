import Foundation

/// stdout carries the answer (text or JSON); stderr carries messages, so scripts can pipe stdout.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

enum JSONOutput {
    /// Pretty, with keys sorted, so output is stable from run to run.
    static func write(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
