import Foundation

/// Functions that convert between JSON types.
extension ExpressionFunction {
    static let conversionFunctions: [ExpressionFunction] = [
        ExpressionFunction("string", arguments: 1...1) { call throws(ExpressionError) in
            // Binary and XML content become their text, as Logic Apps converts content implicitly.
            if let content = ContentEnvelope(call.value(0)), let text = content.text { return .string(text) }
            return .string(call.value(0).expressionText)
        },
        ExpressionFunction("int", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .number(let number):
                if let int = number.intValue { return .int(int) }
                // A float converts only when nothing is lost (4.0 → 4); 4.5 is an error, like "4.5".
                let double = number.doubleValue
                if double == double.rounded(), let int = Int(exactly: double) { return .int(int) }
                throw call.failure(.type, "cannot convert \(number.literal) to an integer", argument: 0)
            case .string(let text):
                guard let int = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw call.failure(.type, "cannot convert '\(text)' to an integer", argument: 0)
                }
                return .int(int)
            default:
                throw call.typeMismatch(0, expected: "a string or a number")
            }
        },
        ExpressionFunction("float", arguments: 1...2) { call throws(ExpressionError) in
            switch call.value(0) {
            case .number(let number):
                return number.isInteger ? .double(number.doubleValue) : .number(number)
            case .string(let text):
                // .NET's lenient reading: '10,000.5', '1.234,5' with 'de-DE', '5-' (see NumberText).
                guard let literal = NumberText.decimalLiteral(text, culture: try call.culture(1)),
                    let double = Double(literal), double.isFinite
                else {
                    throw call.failure(.type, "cannot convert '\(text)' to a float", argument: 0)
                }
                return .double(double)
            default:
                throw call.typeMismatch(0, expected: "a string or a number")
            }
        },
        ExpressionFunction("decimal", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .number:
                return call.value(0)
            case .string(let text):
                // Kept as written: a decimal keeps every digit (see ExpressionNumber's precise arithmetic).
                guard let literal = NumberText.decimalLiteral(text) else {
                    throw call.failure(.type, "cannot convert '\(text)' to a decimal number", argument: 0)
                }
                return .number(JSONNumber(validLiteral: literal))
            default:
                throw call.typeMismatch(0, expected: "a string or a number")
            }
        },
        ExpressionFunction("array", arguments: 1...1) { call throws(ExpressionError) in
            if case .array = call.value(0) { return call.value(0) }
            return .array([call.value(0)])
        },
        ExpressionFunction("bool", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .bool(let bool):
                return .bool(bool)
            case .number(let number):
                return .bool(number.doubleValue != 0)
            case .string(let text):
                switch text.trimmingCharacters(in: .whitespaces).lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: throw call.failure(.type, "cannot convert '\(text)' to a boolean", argument: 0)
                }
            default:
                throw call.typeMismatch(0, expected: "a string, a number or a boolean")
            }
        },
        ExpressionFunction("json", arguments: 1...1) { call throws(ExpressionError) in
            if let content = ContentEnvelope(call.value(0)) {
                if content.isXML { return try XMLFunctionSupport.json(fromXML: content, call) }
                // Other content (a body Logic Apps kept as binary) is parsed as the JSON text it holds.
                if let text = content.text { return try parsed(text, call) }
            }
            switch call.value(0) {
            case .null:
                // As the reference documents: "If the string is null, the function returns an empty object."
                return .object(JSONObject())
            case .string(let text):
                return try parsed(text, call)
            case .object, .array:
                // Already JSON (e.g. `json(triggerBody())` on a parsed body): nothing to parse.
                return call.value(0)
            default:
                throw call.typeMismatch(0, expected: "a string")
            }
        },
    ]

    private static func parsed(_ text: String, _ call: FunctionInvocation) throws(ExpressionError) -> JSONValue {
        do throws(JSONParseError) {
            return try JSONParser.parse(text)
        } catch {
            throw call.failure(.runtime, "could not parse its argument as JSON: \(error.description)", argument: 0)
        }
    }
}
