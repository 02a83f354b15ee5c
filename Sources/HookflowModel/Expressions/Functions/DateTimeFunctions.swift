/// Date and time functions. Timestamps are ISO 8601 strings; results are written in UTC.
extension ExpressionFunction {
    static let dateTimeFunctions: [ExpressionFunction] = [
        ExpressionFunction("utcNow", arguments: 0...1) { call throws(ExpressionError) in
            guard let now = Timestamp(date: call.context.now()) else {
                throw call.failure(.runtime, "got a clock value outside years 1 to 9999")
            }
            return try formatted(now, call, formatArgument: 0)
        },
        ExpressionFunction("addSeconds", arguments: 2...3) { call throws(ExpressionError) in
            let start = try timestamp(call, 0)
            let seconds = try call.integer(1)
            guard let moved = start.adding(seconds: seconds) else {
                throw call.failure(.runtime, "gives a date outside years 1 to 9999", argument: 1)
            }
            return try formatted(moved, call, formatArgument: 2)
        },
        ExpressionFunction("formatDateTime", arguments: 1...2) { call throws(ExpressionError) in
            try formatted(try timestamp(call, 0), call, formatArgument: 1)
        },
    ]

    private static func timestamp(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> Timestamp {
        let text = try call.string(index)
        guard let timestamp = Timestamp.parse(text) else {
            throw call.failure(
                .type, "expects an ISO 8601 timestamp such as '2024-05-01T12:00:00Z' as argument \(index + 1) but got '\(text)'",
                argument: index)
        }
        return timestamp
    }

    /// Formats with the optional format argument at `formatArgument` ("o" when it is absent).
    private static func formatted(_ timestamp: Timestamp, _ call: FunctionInvocation, formatArgument: Int) throws(ExpressionError) -> JSONValue {
        let format = try call.optionalString(formatArgument) ?? "o"
        do {
            return .string(try DateTimeFormat.format(timestamp, format))
        } catch {
            throw call.failure(.runtime, "cannot use the format '\(format)': \(error.message)", argument: formatArgument)
        }
    }
}
