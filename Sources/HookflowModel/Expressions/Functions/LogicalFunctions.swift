/// Boolean logic and equality.
extension ExpressionFunction {
    static let logicalFunctions: [ExpressionFunction] = [
        ExpressionFunction("equals", arguments: 2...2) { call throws(ExpressionError) in
            .bool(equivalent(call.value(0), call.value(1)))
        },
        ExpressionFunction("not", arguments: 1...1) { call throws(ExpressionError) in
            .bool(!(try call.bool(0)))
        },
        ExpressionFunction("and", atLeast: 2) { call throws(ExpressionError) in
            var result = true
            // Every argument is type-checked, so a typo is caught even after a false.
            for index in call.arguments.indices where !(try call.bool(index)) { result = false }
            return .bool(result)
        },
        ExpressionFunction("or", atLeast: 2) { call throws(ExpressionError) in
            var result = false
            for index in call.arguments.indices where try call.bool(index) { result = true }
            return .bool(result)
        },
        ExpressionFunction("if", arguments: 3...3, lazy: true) { call throws(ExpressionError) in
            // Only the chosen branch is evaluated, so the other may refer to things that do not exist.
            let condition = try call.evaluateArgument(0)
            guard case .bool(let chosen) = condition else {
                throw call.typeMismatch(0, expected: "a boolean", got: condition)
            }
            return try call.evaluateArgument(chosen ? 1 : 2)
        },
        ExpressionFunction("coalesce", atLeast: 1) { call throws(ExpressionError) in
            call.arguments.first { !$0.isNull } ?? .null
        },
    ]

    /// Deep JSON equality (numbers by value, 1 == 1.0; objects regardless of key order) with the
    /// two conversions the reference documents for comparisons: null equals the empty string, and
    /// a boolean equals its number (`equals(true, 1)` is true).
    static func equivalent(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .string(let text)), (.string(let text), .null):
            return text.isEmpty
        case (.bool(let bool), .number(let number)), (.number(let number), .bool(let bool)):
            return number.doubleValue == (bool ? 1 : 0)
        default:
            return lhs == rhs
        }
    }
}
