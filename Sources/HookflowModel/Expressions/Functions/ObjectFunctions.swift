/// Adding, setting and removing an object's properties. Each returns a new object; the
/// original is unchanged, and property order is kept (a new property goes last).
extension ExpressionFunction {
    static let objectFunctions: [ExpressionFunction] = [
        ExpressionFunction("addProperty", arguments: 3...3) { call throws(ExpressionError) in
            var object = try call.object(0)
            let name = try call.string(1)
            guard !object.contains(name) else {
                throw call.failure(.runtime, "cannot add the property '\(name)': the object already has it (use setProperty() to change it)", argument: 1)
            }
            try checkNesting(call)
            object[name] = call.value(2)
            return .object(object)
        },
        ExpressionFunction("setProperty", arguments: 3...3) { call throws(ExpressionError) in
            var object = try call.object(0)
            let name = try call.string(1)
            try checkNesting(call)
            object[name] = call.value(2)
            return .object(object)
        },
        ExpressionFunction("removeProperty", arguments: 2...2) { call throws(ExpressionError) in
            var object = try call.object(0)
            // A property that is not there leaves the object as it was, as documented.
            _ = object.removeValue(forKey: try call.string(1))
            return .object(object)
        },
    ]

    /// The new value goes one level deeper than it was: keep results within Hookflow's JSON depth.
    private static func checkNesting(_ call: FunctionInvocation) throws(ExpressionError) {
        guard call.value(2).nestingDepth < JSONValue.maximumDepth else {
            throw call.failure(.limit, "would nest an object deeper than \(JSONValue.maximumDepth) levels, the limit for JSON in Hookflow", argument: 2)
        }
    }
}
