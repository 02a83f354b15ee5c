extension JSONValue {
    /// The text a value becomes inside `@{...}`, `string()`, `concat()` and `join()`.
    ///
    /// Strings are written raw; numbers as their literal; booleans as `true`/`false` (JSON
    /// spelling, not .NET's `True`); null as the empty string; arrays and objects as compact JSON.
    public var expressionText: String {
        switch self {
        case .null: ""
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): number.literal
        case .string(let text): text
        case .array, .object: JSONWriter.compact.string(from: self)
        }
    }
}

extension JSONValue {
    /// The type name with its article for messages ("an integer", "a string", "null").
    var typeNameWithArticle: String {
        switch self {
        case .null: "null"
        case .array, .object: "an \(typeName)"
        case .number(let number): number.isInteger ? "an integer" : "a float"
        case .bool, .string: "a \(typeName)"
        }
    }
}
