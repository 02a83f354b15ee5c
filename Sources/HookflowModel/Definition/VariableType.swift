/// The type an InitializeVariable action declares (`"type": "integer"`, written in any case).
///
/// A variable keeps its type for the whole run: every value set or appended must fit it.
public enum VariableType: String, Sendable, Hashable, CaseIterable {
    case boolean = "Boolean"
    case integer = "Integer"
    case float = "Float"
    case string = "String"
    case object = "Object"
    case array = "Array"

    /// `integer`, `Integer`, `INTEGER`, ...
    public init?(caseInsensitive text: String) {
        let lowered = text.lowercased()
        guard let found = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = found
    }

    /// Whether `value` fits: an integer variable takes whole numbers, a float any number; null
    /// fits every type (a variable may be emptied).
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (_, .null): true
        case (.boolean, .bool): true
        case (.integer, .number(let number)): number.isInteger
        case (.float, .number): true
        case (.string, .string): true
        case (.object, .object): true
        case (.array, .array): true
        default: false
        }
    }

    /// The value of a variable declared without one (so that Increment and the Append actions
    /// work on it at once).
    public var emptyValue: JSONValue {
        switch self {
        case .boolean: false
        case .integer: 0
        case .float: .double(0)
        case .string: ""
        case .object: .object(JSONObject())
        case .array: []
        }
    }

    /// Whether Increment and Decrement apply.
    public var isNumeric: Bool { self == .integer || self == .float }
}
