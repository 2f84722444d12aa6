import Foundation

/// A JSON value as Fever servers send it, read leniently: the same field comes as a number from
/// one server and a string from another.
enum FeverValue: Sendable, Decodable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([FeverValue])
    case object([String: FeverValue])
    case null

    static func parse(_ bytes: [UInt8]) -> FeverValue? {
        try? JSONDecoder().decode(FeverValue.self, from: Data(bytes))
    }

    var object: [String: FeverValue]? { if case .object(let o) = self { return o } else { return nil } }
    var array: [FeverValue]? { if case .array(let a) = self { return a } else { return nil } }

    var string: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: return nil
        }
    }

    var number: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// An id: a whole number, sent as a number or a string.
    var id: String? {
        guard let n = number, n == n.rounded(), n >= 0, n < 1e15 else { return nil }
        return String(Int64(n))
    }

    /// 1/0, true/false, "1"/"0", "true"/"false".
    var bool: Bool {
        switch self {
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .string(let s): return ["1", "true", "yes"].contains(s.lowercased())
        default: return false
        }
    }

    /// "1,2,3", or [1, 2, 3], or ["1", "2"].
    var idList: [String] {
        switch self {
        case .string(let s):
            return s.split(separator: ",").compactMap { FeverValue.string(String($0).trimmingCharacters(in: .whitespaces)).id }
        case .array(let a): return a.compactMap(\.id)
        case .number: return id.map { [$0] } ?? []
        default: return []
        }
    }
}

extension FeverValue {
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([FeverValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: FeverValue].self))
        }
    }
}
