/// Ordering comparisons between two numbers or two strings.
extension ExpressionFunction {
    static let comparisonFunctions: [ExpressionFunction] = [
        comparison("greater") { $0 == .greater },
        comparison("greaterOrEquals") { $0 != .less },
        comparison("less") { $0 == .less },
        comparison("lessOrEquals") { $0 != .greater },
    ]

    private static func comparison(
        _ name: String, _ accepts: @escaping @Sendable (ExpressionNumber.Order) -> Bool
    ) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 2...2) { call throws(ExpressionError) in
            // "If you use logical functions or conditions to compare values, null values are
            // converted to empty string values" (the reference).
            func operand(_ index: Int) -> JSONValue { call.value(index).isNull ? .string("") : call.value(index) }
            switch (operand(0), operand(1)) {
            case (.number(let a), .number(let b)):
                return .bool(accepts(ExpressionNumber.compare(ExpressionNumber(a), ExpressionNumber(b))))
            case (.string(let a), .string(let b)):
                // Ordinal comparison by Unicode scalars: culture-neutral and stable across platforms.
                let order: ExpressionNumber.Order =
                    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
                    ? .less : (a.unicodeScalars.elementsEqual(b.unicodeScalars) ? .equal : .greater)
                return .bool(accepts(order))
            case (.number, _):
                // The first argument decides what the second must be.
                throw call.typeMismatch(1, expected: "a number", got: operand(1))
            case (.string, _):
                throw call.typeMismatch(1, expected: "a string", got: operand(1))
            default:
                throw call.typeMismatch(0, expected: "a number or a string")
            }
        }
    }
}
