import Foundation

/// Arithmetic. Integers stay exact (overflow is an error, not a wrap-around); any float makes a float.
extension ExpressionFunction {
    static let mathFunctions: [ExpressionFunction] = [
        arithmetic("add", integer: { $0.addingReportingOverflow($1) }, precise: { $0 + $1 }, float: +),
        arithmetic("sub", integer: { $0.subtractingReportingOverflow($1) }, precise: { $0 - $1 }, float: -),
        arithmetic("mul", integer: { $0.multipliedReportingOverflow(by: $1) }, precise: { $0 * $1 }, float: *),
        arithmetic("div", checksZero: true, integer: { $0.dividedReportingOverflow(by: $1) }, precise: { $0 / $1 }, float: /),
        arithmetic("mod", checksZero: true, integer: { $0.remainderReportingOverflow(dividingBy: $1) }) {
            $0.truncatingRemainder(dividingBy: $1)
        },
        extreme("min") { $0 == .less },
        extreme("max") { $0 == .greater },
        ExpressionFunction("rand", arguments: 2...2) { call throws(ExpressionError) in
            let lower = try call.integer(0), upper = try call.integer(1)
            // The maximum is excluded, as documented: rand(1, 5) is 1, 2, 3 or 4.
            guard lower < upper else {
                throw call.failure(.runtime, "needs a minimum below the maximum but got \(lower) and \(upper)", argument: 1)
            }
            return .int(call.context.randomInteger(lower..<upper))
        },
        ExpressionFunction("range", arguments: 2...2) { call throws(ExpressionError) in
            let start = try call.integer(0), count = try call.integer(1)
            guard (0...maximumRangeCount).contains(count) else {
                throw call.failure(.runtime, "needs a count from 0 to \(maximumRangeCount) but got \(count)", argument: 1)
            }
            // The reference's limit: the sum of the start and the count must not exceed 2,147,483,647.
            guard start.addingReportingOverflow(count).partialValue <= Int(Int32.max), start >= Int(Int32.min) else {
                throw call.failure(.runtime, "needs the start plus the count to stay within 2147483647", argument: 0)
            }
            return .array((start..<start + count).map { .int($0) })
        },
    ]

    /// The documented limit of `range()`'s count.
    static let maximumRangeCount = 100_000

    private static func arithmetic(
        _ name: String,
        checksZero: Bool = false,
        integer: @escaping @Sendable (Int, Int) -> (partialValue: Int, overflow: Bool),
        precise: (@Sendable (Decimal, Decimal) -> Decimal)? = nil,
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
            if let precise, let result = ExpressionNumber.precise(call.value(0), call.value(1), precise) { return result }
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
