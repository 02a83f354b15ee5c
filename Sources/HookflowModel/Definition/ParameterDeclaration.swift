/// A workflow parameter from `definition.parameters`.
public struct ParameterDeclaration: Sendable, Equatable {
    public let name: String
    public let json: JSONObject

    public init(name: String, json: JSONObject) {
        self.name = name
        self.json = json
    }

    public var type: String? { json["type"]?.stringValue }
    public var defaultValue: JSONValue? { json["defaultValue"] }
    public var allowedValues: [JSONValue]? { json["allowedValues"]?.arrayValue }

    /// `securestring` and `secureobject` values are masked everywhere but the definition itself.
    public var isSecure: Bool { ["securestring", "secureobject"].contains(type?.lowercased() ?? "") }

    /// The parameter types of WDL (`object` is written both ways in the wild).
    public static let types = ["int", "float", "string", "securestring", "bool", "array", "object", "secureobject"]

    /// Whether `value` fits this parameter's declared type (null fits any: "no value").
    public func accepts(_ value: JSONValue) -> Bool {
        if value.isNull { return true }
        return switch type?.lowercased() {
        case "int": value.numberValue?.isInteger ?? false
        case "float": value.numberValue != nil
        case "string", "securestring": value.stringValue != nil
        case "bool": value.boolValue != nil
        case "array": value.arrayValue != nil
        case "object", "secureobject": value.objectValue != nil
        default: true
        }
    }
}
