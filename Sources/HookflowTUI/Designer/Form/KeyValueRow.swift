import HookflowModel

/// One header or query row as typed: a row may have an empty name while the user types, which an
/// object of strings cannot hold, so the form keeps the rows of a group it is editing.
struct KeyValueRow: Hashable, Sendable {
    var name: String
    var value: String

    var isEmpty: Bool { name.isEmpty && value.isEmpty }

    /// The rows of an object of strings, in order; nil when some value is not a string (the form
    /// then edits the group as JSON, so nothing is lost).
    static func rows(of value: JSONValue?) -> [KeyValueRow]? {
        guard let value else { return [] }
        guard let object = value.objectValue else { return nil }
        var rows: [KeyValueRow] = []
        for entry in object.entries {
            guard let text = entry.value.stringValue else { return nil }
            rows.append(KeyValueRow(name: entry.key, value: text))
        }
        return rows
    }

    /// The object the rows stand for, in their order (rows without a name are left out); nil
    /// when there is nothing to write.
    static func value(of rows: [KeyValueRow]) -> JSONValue? {
        let named = rows.filter { !$0.name.isEmpty }
        guard !named.isEmpty else { return nil }
        return .object(JSONObject(named.map { ($0.name, JSONValue.string($0.value)) }))
    }
}
