/// A JSON object that keeps its keys in the order they were read or inserted.
///
/// Replacing a value keeps the key where it was; new keys go at the end. The pairs live in one
/// array, looked up by a linear scan while the object is small (most are: a header set, a
/// callback body, an action's inputs — one allocation instead of an array and a hash table);
/// past ``indexThreshold`` keys a dictionary index keeps lookups fast.
public struct JSONObject: Sendable, Hashable {
    /// Objects with more keys than this keep an index from key to position.
    static let indexThreshold = 12

    private struct Entry: Sendable {
        var key: String
        var value: JSONValue
    }

    private var pairs: [Entry] = []
    private var index: [String: Int]?

    public init() {}

    /// Builds an object from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: [(String, JSONValue)]) {
        self.pairs.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    /// The keys in order.
    public var keys: [String] { pairs.map(\.key) }

    /// The pairs in order.
    public var entries: [(key: String, value: JSONValue)] { pairs.map { ($0.key, $0.value) } }

    public var values: [JSONValue] { pairs.map(\.value) }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Calls `body` with each pair in order, without building an array of them.
    public func forEach(_ body: (String, JSONValue) throws -> Void) rethrows {
        for entry in pairs { try body(entry.key, entry.value) }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return pairs.firstIndex { $0.key == key }
    }

    private mutating func reindex() {
        guard pairs.count > Self.indexThreshold else {
            index = nil
            return
        }
        var rebuilt = [String: Int](minimumCapacity: pairs.count)
        for (position, entry) in pairs.enumerated() { rebuilt[entry.key] = position }
        index = rebuilt
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { pairs[$0].value } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    pairs[position].value = newValue
                } else {
                    pairs.append(Entry(key: key, value: newValue))
                    if index != nil {
                        index?[key] = pairs.count - 1
                    } else if pairs.count > Self.indexThreshold {
                        reindex()
                    }
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Looks a key up ignoring case (Logic Apps names are case-insensitive in places).
    public func key(matchingCaseInsensitive name: String) -> String? {
        if position(of: name) != nil { return name }
        let lowered = name.lowercased()
        return pairs.first { $0.key.lowercased() == lowered }?.key
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        let old = pairs.remove(at: position).value
        if index != nil { reindex() }
        return old
    }

    /// Inserts or replaces a value so that the key sits at `index` in the order.
    public mutating func insert(_ value: JSONValue, forKey key: String, at position: Int) {
        if let old = self.position(of: key) { pairs.remove(at: old) }
        pairs.insert(Entry(key: key, value: value), at: max(0, min(position, pairs.count)))
        reindex()
    }

    /// Renames a key in place, keeping its position and value. Returns false when `from` is absent.
    @discardableResult
    public mutating func renameKey(_ from: String, to: String) -> Bool {
        guard from != to else { return position(of: from) != nil }
        guard var position = position(of: from) else { return false }
        if let clash = self.position(of: to) {
            pairs.remove(at: clash)
            if clash < position { position -= 1 }
        }
        pairs[position].key = to
        reindex()
        return true
    }

    /// Moves a key to a new position in the order.
    public mutating func moveKey(_ key: String, to position: Int) {
        guard let old = self.position(of: key) else { return }
        let entry = pairs.remove(at: old)
        pairs.insert(entry, at: max(0, min(position, pairs.count)))
        reindex()
    }

    /// Equality cares about keys and values, not order: order is presentation, and the
    /// round-trip tests check it separately.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.pairs.count == rhs.pairs.count else { return false }
        for entry in lhs.pairs {
            guard let other = rhs[entry.key], other == entry.value else { return false }
        }
        return true
    }

    /// Order-insensitive, like equality: the pairs' hashes are combined by a commutative sum.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pairs.count)
        var sum = 0
        for entry in pairs {
            var pairHasher = Hasher()
            pairHasher.combine(entry.key)
            pairHasher.combine(entry.value)
            sum = sum &+ pairHasher.finalize()
        }
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
