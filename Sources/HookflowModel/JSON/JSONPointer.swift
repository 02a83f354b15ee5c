/// An RFC 6901 JSON Pointer (`/triggers/Webhook/inputs/subscribe/uri`).
///
/// Validation problems, form fields and edit operations all address values this way.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    public private(set) var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// Parses `/a/b~1c`; the empty string is the whole document.
    public init?(parsing text: String) {
        if text.isEmpty { self.tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        self.tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    public static let root = JSONPointer()

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }
    public func appending(_ more: [String]) -> JSONPointer { JSONPointer(tokens + more) }
    public func appending(index: Int) -> JSONPointer { appending(String(index)) }
    public static func / (lhs: JSONPointer, rhs: String) -> JSONPointer { lhs.appending(rhs) }

    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(Array(tokens.dropLast())) }
    public var last: String? { tokens.last }
    public func hasPrefix(_ other: JSONPointer) -> Bool { tokens.starts(with: other.tokens) }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool { lhs.description < rhs.description }
}

extension JSONValue {
    /// The value at `pointer`, or nil when any step is missing.
    public subscript(pointer pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let i = Int(token), array.indices.contains(i) else { return nil }
                current = array[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Sets (or, with nil, removes) the value at `pointer`, creating missing objects on the
    /// way. Returns false when the path runs through a value that is neither object nor array.
    @discardableResult
    public mutating func set(_ newValue: JSONValue?, at pointer: JSONPointer) -> Bool {
        set(newValue, tokens: pointer.tokens[...])
    }

    private mutating func set(_ newValue: JSONValue?, tokens: ArraySlice<String>) -> Bool {
        guard let token = tokens.first else {
            self = newValue ?? .null
            return true
        }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var object):
            if rest.isEmpty {
                object[token] = newValue
            } else {
                var child = object[token] ?? .object(JSONObject())
                if child.isNull { child = .object(JSONObject()) }
                guard child.set(newValue, tokens: rest) else { return false }
                object[token] = child
            }
            self = .object(object)
            return true
        case .array(var array):
            guard let i = Int(token), array.indices.contains(i) || (i == array.count && rest.isEmpty) else { return false }
            if rest.isEmpty {
                if let newValue {
                    if i == array.count { array.append(newValue) } else { array[i] = newValue }
                } else if i < array.count {
                    array.remove(at: i)
                }
            } else {
                guard array[i].set(newValue, tokens: rest) else { return false }
            }
            self = .array(array)
            return true
        default:
            return false
        }
    }
}
