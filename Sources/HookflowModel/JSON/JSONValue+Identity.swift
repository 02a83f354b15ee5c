/// Whether two values are written the same, not only equal.
///
/// `==` ignores the order of object keys and compares numbers by value (`1` equals `1.0`), as
/// meaning goes. Saving needs more: an object whose keys were reordered, or `1.0` turned into
/// `1`, is a change to write.
///
/// ```swift
/// let a: JSONValue = ["a": 1, "b": 2], b: JSONValue = ["b": 2, "a": 1]
/// a == b                  // true
/// a.isIdentical(to: b)    // false: the keys are in another order
/// ```
extension JSONValue {
    public func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.literal == b.literal
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
        case (.object(let a), .object(let b)):
            return a.isIdentical(to: b)
        default: return false
        }
    }
}

extension JSONObject {
    /// Same keys in the same order, each value identical (see ``JSONValue/isIdentical(to:)``).
    public func isIdentical(to other: JSONObject) -> Bool {
        guard keys == other.keys else { return false }
        for key in keys {
            guard let mine = self[key], let theirs = other[key], mine.isIdentical(to: theirs) else { return false }
        }
        return true
    }
}
