/// Functions over strings, arrays and objects taken as collections.
extension ExpressionFunction {
    static let collectionFunctions: [ExpressionFunction] = [
        ExpressionFunction("contains", arguments: 2...2) { call throws(ExpressionError) in
            switch call.value(0) {
            case .string(let text):
                // Case-sensitive, unlike startsWith/endsWith/indexOf (as in Logic Apps). Not
                // String.contains: Foundation's, which wins the overload, errs on a NUL.
                let search = try call.string(1)
                return .bool(search.isEmpty || TextSearch.firstOccurrence(of: search, in: text, ignoringCase: false) != nil)
            case .array(let elements):
                return .bool(elements.contains(call.value(1)))
            case .object(let object):
                // Same key lookup as member access: exact, then ignoring case.
                return .bool(object.key(matchingCaseInsensitive: try call.string(1)) != nil)
            default:
                throw call.typeMismatch(0, expected: "a string, an array or an object")
            }
        },
        ExpressionFunction("length", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .string(let text): return .int(text.count)
            case .array(let elements): return .int(elements.count)
            case .object(let object): return .int(object.count)
            default: throw call.typeMismatch(0, expected: "a string, an array or an object")
            }
        },
        ExpressionFunction("empty", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .null: return .bool(true)
            case .string(let text): return .bool(text.isEmpty)
            case .array(let elements): return .bool(elements.isEmpty)
            case .object(let object): return .bool(object.isEmpty)
            default: throw call.typeMismatch(0, expected: "a string, an array, an object or null")
            }
        },
        ExpressionFunction("first", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .string(let text): return text.first.map { .string(String($0)) } ?? .null
            case .array(let elements): return elements.first ?? .null
            default: throw call.typeMismatch(0, expected: "a string or an array")
            }
        },
        ExpressionFunction("last", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .string(let text): return text.last.map { .string(String($0)) } ?? .null
            case .array(let elements): return elements.last ?? .null
            default: throw call.typeMismatch(0, expected: "a string or an array")
            }
        },
        ExpressionFunction("join", arguments: 2...2) { call throws(ExpressionError) in
            let elements = try call.array(0), separator = try call.string(1)
            let parts = elements.map(\.expressionText)
            // A long separator between many elements multiplies: refuse before joining.
            let separators = separator.utf16.count.multipliedReportingOverflow(by: max(0, parts.count - 1))
            try call.checkResultLength(separators.overflow ? .max : separators.partialValue)
            try call.checkResultLength(parts.reduce(separators.partialValue) { $0 + $1.utf16.count })
            return .string(parts.joined(separator: separator))
        },
        ExpressionFunction("createArray", atLeast: 1) { call throws(ExpressionError) in
            // The one function that nests its arguments deeper: keep every result within the
            // JSON limit, so whatever a run produces can be stored and read back.
            let deepest = call.arguments.map(\.nestingDepth).max() ?? 0
            guard deepest < JSONValue.maximumDepth else {
                throw call.failure(
                    .limit, "would nest an array deeper than \(JSONValue.maximumDepth) levels, the limit for JSON in Hookflow")
            }
            return .array(call.arguments)
        },
    ]
}
