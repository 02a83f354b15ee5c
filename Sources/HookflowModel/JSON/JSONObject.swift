/// A JSON object that keeps its keys in the order they were read or inserted.
///
/// Replacing a value keeps the key where it was; new keys go at the end. Lookups go
/// through a dictionary, so large objects stay fast.
public struct JSONObject: Sendable, Hashable {
    public private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    public init() {}

    /// Builds an object from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The pairs in order.
    public var entries: [(key: String, value: JSONValue)] { keys.map { ($0, storage[$0] ?? .null) } }

    public var values: [JSONValue] { keys.map { storage[$0] ?? .null } }

    public func contains(_ key: String) -> Bool { storage[key] != nil }

    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Looks a key up ignoring case (Logic Apps names are case-insensitive in places).
    public func key(matchingCaseInsensitive name: String) -> String? {
        if storage[name] != nil { return name }
        let lowered = name.lowercased()
        return keys.first { $0.lowercased() == lowered }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let old = storage.removeValue(forKey: key) else { return nil }
        if let index = keys.firstIndex(of: key) { keys.remove(at: index) }
        return old
    }

    /// Inserts or replaces a value so that the key sits at `index` in the order.
    public mutating func insert(_ value: JSONValue, forKey key: String, at index: Int) {
        if storage[key] != nil, let old = keys.firstIndex(of: key) { keys.remove(at: old) }
        storage[key] = value
        keys.insert(key, at: max(0, min(index, keys.count)))
    }

    /// Renames a key in place, keeping its position and value. Returns false when `from` is absent.
    @discardableResult
    public mutating func renameKey(_ from: String, to: String) -> Bool {
        guard from != to else { return storage[from] != nil }
        guard let value = storage.removeValue(forKey: from), let index = keys.firstIndex(of: from) else { return false }
        if storage[to] != nil, let clash = keys.firstIndex(of: to) {
            keys.remove(at: clash)
            keys[clash < index ? index - 1 : index] = to
        } else {
            keys[index] = to
        }
        storage[to] = value
        return true
    }

    /// Moves a key to a new position in the order.
    public mutating func moveKey(_ key: String, to index: Int) {
        guard let old = keys.firstIndex(of: key) else { return }
        keys.remove(at: old)
        keys.insert(key, at: max(0, min(index, keys.count)))
    }

    /// Equality cares about keys and values, not order: order is presentation, and the
    /// round-trip tests check it separately.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
