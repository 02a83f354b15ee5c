/// Form fields and multipart bodies of the trigger's or an action's body (see ``FormData``).
extension ExpressionFunction {
    static let formDataFunctions: [ExpressionFunction] = [
        formData("triggerFormDataValue", fromAction: false, .value),
        formData("triggerFormDataMultiValues", fromAction: false, .values),
        formData("triggerMultipartBody", fromAction: false, .part),
        formData("formDataValue", fromAction: true, .value),
        formData("formDataMultiValues", fromAction: true, .values),
        formData("multipartBody", fromAction: true, .part),
    ]

    /// What a form data function reads of the body.
    private enum FormRead: Sendable {
        /// The one value of a field (an error when there are none or several).
        case value
        /// Every value of a field, as an array.
        case values
        /// The body of one part of a multipart body, by index.
        case part
    }

    /// A function reading the trigger's body (its argument is the key or index) or an action's
    /// (its arguments are the action name, then the key or index).
    private static func formData(_ name: String, fromAction: Bool, _ read: FormRead) -> ExpressionFunction {
        let argument = fromAction ? 1 : 0
        return ExpressionFunction(name, arguments: (argument + 1)...(argument + 1)) { call throws(ExpressionError) in
            let body: JSONValue, what: String
            if fromAction {
                body = try actionResult(call)["outputs"]?["body"] ?? .null
                what = "the body of action '\(try call.string(0))'"
            } else {
                body = try triggerResult(call)["outputs"]?["body"] ?? .null
                what = "the trigger's body"
            }
            switch read {
            case .value: return try singleValue(body, what, call, keyArgument: argument)
            case .values: return .array(try values(body, what, call, keyArgument: argument))
            case .part: return try part(body, what, call, indexArgument: argument)
            }
        }
    }

    private static func values(_ body: JSONValue, _ what: String, _ call: FunctionInvocation, keyArgument: Int) throws(ExpressionError) -> [JSONValue] {
        let key = try call.string(keyArgument)
        guard let fields = FormData.fields(in: body) else {
            throw call.failure(.runtime, "cannot read form data from \(what): it is neither form-encoded nor multipart form data", argument: keyArgument)
        }
        return fields.filter { $0.name == key }.map(\.value)
    }

    private static func singleValue(_ body: JSONValue, _ what: String, _ call: FunctionInvocation, keyArgument: Int) throws(ExpressionError) -> JSONValue {
        let found = try values(body, what, call, keyArgument: keyArgument)
        guard found.count == 1 else {
            let key = try call.string(keyArgument)
            throw call.failure(
                .runtime,
                found.isEmpty
                    ? "found no form field '\(key)' in \(what)"
                    : "found \(found.count) form fields '\(key)' in \(what); use the MultiValues function to get them all",
                argument: keyArgument)
        }
        return found[0]
    }

    private static func part(_ body: JSONValue, _ what: String, _ call: FunctionInvocation, indexArgument: Int) throws(ExpressionError) -> JSONValue {
        let index = try call.integer(indexArgument)
        guard let parts = FormData.parts(in: body) else {
            throw call.failure(.runtime, "cannot read a part of \(what): it is not multipart content", argument: indexArgument)
        }
        guard parts.indices.contains(index) else {
            throw call.failure(.runtime, "asks for part \(index) but \(what) has \(parts.count) part\(parts.count == 1 ? "" : "s")", argument: indexArgument)
        }
        return parts[index]["body"] ?? .null
    }
}
