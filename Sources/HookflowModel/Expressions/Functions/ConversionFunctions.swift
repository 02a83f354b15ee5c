import Foundation

/// Functions that convert between JSON types.
extension ExpressionFunction {
    static let conversionFunctions: [ExpressionFunction] = [
        ExpressionFunction("string", arguments: 1...1) { call throws(ExpressionError) in
            .string(call.value(0).expressionText)
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
        ExpressionFunction("float", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .number(let number):
                return number.isInteger ? .double(number.doubleValue) : .number(number)
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                // Double(_:) also accepts "nan", "inf" and hex floats; only plain decimal text is a number here.
                guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }),
                    let double = Double(trimmed), double.isFinite
                else {
                    throw call.failure(.type, "cannot convert '\(text)' to a float", argument: 0)
                }
                return .double(double)
            default:
                throw call.typeMismatch(0, expected: "a string or a number")
            }
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
            switch call.value(0) {
            case .string(let text):
                do throws(JSONParseError) {
                    return try JSONParser.parse(text)
                } catch {
                    throw call.failure(.runtime, "could not parse its argument as JSON: \(error.description)", argument: 0)
                }
            case .object, .array:
                // Already JSON (e.g. `json(triggerBody())` on a parsed body): nothing to parse.
                return call.value(0)
            default:
                throw call.typeMismatch(0, expected: "a string")
            }
        },
    ]
}
