/// Arithmetic. Integers stay exact (overflow is an error, not a wrap-around); any float makes a float.
extension ExpressionFunction {
    static let mathFunctions: [ExpressionFunction] = [
        arithmetic("add", integer: { $0.addingReportingOverflow($1) }, float: +),
        arithmetic("sub", integer: { $0.subtractingReportingOverflow($1) }, float: -),
        arithmetic("mul", integer: { $0.multipliedReportingOverflow(by: $1) }, float: *),
        arithmetic("div", checksZero: true, integer: { $0.dividedReportingOverflow(by: $1) }, float: /),
        arithmetic("mod", checksZero: true, integer: { $0.remainderReportingOverflow(dividingBy: $1) }) {
            $0.truncatingRemainder(dividingBy: $1)
        },
        extreme("min") { $0 == .less },
        extreme("max") { $0 == .greater },
    ]

    private static func arithmetic(
        _ name: String,
        checksZero: Bool = false,
        integer: @escaping @Sendable (Int, Int) -> (partialValue: Int, overflow: Bool),
        float: @escaping @Sendable (Double, Double) -> Double
    ) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 2...2) { call throws(ExpressionError) in
            let lhs = try call.number(0), rhs = try call.number(1)
            if checksZero, rhs.isZero { throw call.failure(.runtime, "cannot divide by zero", argument: 1) }
            if case .integer(let a) = lhs, case .integer(let b) = rhs {
                let (result, overflow) = integer(a, b)
                guard !overflow else { throw call.failure(.runtime, "overflows the integer range with \(a) and \(b)") }
                return .int(result)
            }
            let result = float(lhs.doubleValue, rhs.doubleValue)
            guard result.isFinite else { throw call.failure(.runtime, "gives a result that is not a finite number") }
            return .double(result)
        }
    }

    /// min/max take numbers as arguments, or one array of numbers.
    private static func extreme(_ name: String, _ replaces: @escaping @Sendable (ExpressionNumber.Order) -> Bool) -> ExpressionFunction {
        ExpressionFunction(name, atLeast: 1) { call throws(ExpressionError) in
            var best: ExpressionNumber?
            if call.argumentCount == 1, case .array(let elements) = call.value(0) {
                guard !elements.isEmpty else { throw call.failure(.runtime, "needs at least one number but the array is empty", argument: 0) }
                for (offset, element) in elements.enumerated() {
                    guard case .number(let number) = element else {
                        throw call.failure(
                            .type, "expects an array of numbers but element \(offset) is \(element.typeNameWithArticle)", argument: 0)
                    }
                    let candidate = ExpressionNumber(number)
                    if let current = best, !replaces(ExpressionNumber.compare(candidate, current)) { continue }
                    best = candidate
                }
            } else {
                for index in call.arguments.indices {
                    let candidate = try call.number(index)
                    if let current = best, !replaces(ExpressionNumber.compare(candidate, current)) { continue }
                    best = candidate
                }
            }
            return best?.jsonValue ?? .null
        }
    }
}
