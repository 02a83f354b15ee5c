/// Checks a JSON value against the JSON Schema subset Logic Apps' Parse JSON action and Request
/// trigger schemas use: `type` (one name or a list), `properties`, `required`, `items`, `enum` and
/// `additionalProperties: false`. Other keywords are left alone, as a schema the designer
/// generated from a sample uses none of them.
///
/// Messages and paths are those Logic Apps reports (Json.NET's schema validation), e.g.
/// `Invalid type. Expected String but got Null.` at path `Member.Email`.
public enum JSONSchemaCheck {
    /// Every place `value` does not fit `schema`, in document order.
    /// `quotingValues`: whether messages may quote a value (not when it came from a secret).
    public static func errors(of value: JSONValue, against schema: JSONValue, quotingValues: Bool = true) -> [JSONSchemaError] {
        var errors: [JSONSchemaError] = []
        check(value, against: schema, path: "", schemaID: "#", quoting: quotingValues, into: &errors)
        return errors
    }

    private static func check(_ value: JSONValue, against schema: JSONValue, path: String, schemaID: String, quoting: Bool,
                              into errors: inout [JSONSchemaError]) {
        guard let schema = schema.objectValue else { return }
        let types = (schema["type"]?.arrayValue ?? schema["type"].map { [$0] } ?? []).compactMap(\.stringValue)
        if !types.isEmpty, !types.contains(where: { fits(value, type: $0) }) {
            let expected = types.map(typeName).joined(separator: ", ")
            errors.append(JSONSchemaError(message: "Invalid type. Expected \(expected) but got \(value.tokenTypeName).", path: path,
                                          schemaID: schemaID, errorType: "type"))
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            let shown = quoting ? "\"\(value.expressionText)\" " : ""
            errors.append(JSONSchemaError(message: "Value \(shown)is not defined in enum.", path: path, schemaID: schemaID, errorType: "enum"))
        }
        switch value {
        case .object(let object):
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            let missing = (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !object.contains($0) }
            if !missing.isEmpty {
                errors.append(JSONSchemaError(message: "Required properties are missing from object: \(missing.joined(separator: ", ")).", path: path,
                                              schemaID: schemaID, errorType: "required"))
            }
            for entry in object.entries {
                let inner = path + member(entry.key, first: path.isEmpty)
                if let property = properties[entry.key] {
                    check(entry.value, against: property, path: inner, schemaID: "\(schemaID)/properties/\(entry.key)", quoting: quoting, into: &errors)
                } else if schema["additionalProperties"] == false {
                    errors.append(JSONSchemaError(message: "Property '\(entry.key)' has not been defined and the schema does not allow additional properties.",
                                                  path: inner, schemaID: schemaID, errorType: "additionalProperties"))
                }
            }
        case .array(let elements):
            if let items = schema["items"], items.objectValue != nil {
                for (index, element) in elements.enumerated() {
                    check(element, against: items, path: "\(path)[\(index)]", schemaID: "\(schemaID)/items", quoting: quoting, into: &errors)
                }
            } else if let tuple = schema["items"]?.arrayValue {
                for (index, element) in elements.enumerated() where index < tuple.count {
                    check(element, against: tuple[index], path: "\(path)[\(index)]", schemaID: "\(schemaID)/items/\(index)", quoting: quoting, into: &errors)
                }
            }
        default:
            break
        }
    }

    private static func fits(_ value: JSONValue, type: String) -> Bool {
        switch (type.lowercased(), value) {
        case ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array), ("null", .null), ("number", .number): true
        case ("integer", .number(let number)): number.isInteger
        case ("any", _): true
        default: false
        }
    }

    /// The schema type as the messages write it (`String`, `Integer`, ...).
    private static func typeName(_ type: String) -> String {
        guard let first = type.first else { return type }
        return first.uppercased() + type.dropFirst().lowercased()
    }

    /// `.name`, or `['odd name']` for a name that is not a plain identifier.
    private static func member(_ name: String, first: Bool) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(name.first?.isNumber ?? true)
        if plain { return first ? name : ".\(name)" }
        return "['\(name.replacingOccurrences(of: "'", with: "\\'"))']"
    }
}

/// One place where a value does not fit its schema.
public struct JSONSchemaError: Sendable, Equatable {
    /// `Invalid type. Expected String but got Null.`
    public var message: String
    /// Where in the value: `Member.Email`, `items[0].id`, empty for the value itself.
    public var path: String
    /// Where in the schema: `#/properties/Member/properties/Email`.
    public var schemaID: String
    /// `type`, `required`, `enum` or `additionalProperties`.
    public var errorType: String

    public init(message: String, path: String, schemaID: String, errorType: String) {
        self.message = message
        self.path = path
        self.schemaID = schemaID
        self.errorType = errorType
    }

    /// As Logic Apps lists it in a failed Parse JSON action's outputs.
    public var json: JSONValue {
        ["message": .string(message), "path": .string(path), "schemaId": .string(schemaID), "errorType": .string(errorType), "childErrors": []]
    }
}
