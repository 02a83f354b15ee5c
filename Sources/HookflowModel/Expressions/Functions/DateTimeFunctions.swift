/// The current time, and timestamps formatted and parsed with .NET formats. Timestamps are read
/// as ISO 8601 or as en-US text (`'03/15/2018 12:00:00'`), as Logic Apps reads them.
extension ExpressionFunction {
    static let dateTimeFunctions: [ExpressionFunction] = [
        ExpressionFunction("utcNow", arguments: 0...1) { call throws(ExpressionError) in
            try formatted(try now(call), call, formatArgument: 0)
        },
        ExpressionFunction("formatDateTime", arguments: 1...3) { call throws(ExpressionError) in
            try formatted(try timestamp(call, 0), call, formatArgument: 1, culture: try call.culture(2))
        },
        ExpressionFunction("parseDateTime", arguments: 1...3) { call throws(ExpressionError) in
            let text = try call.string(0), culture = try call.culture(1)
            let parsed: Timestamp?
            if let format = try call.optionalString(2) {
                do throws(DateTimeFormat.Problem) {
                    parsed = try DateTimeText.parse(text, exactly: format, culture: culture)
                } catch {
                    throw call.failure(.runtime, "cannot use the format '\(format)': \(error.message)", argument: 2)
                }
                guard let parsed else {
                    throw call.failure(.runtime, "cannot read '\(text)' with the format '\(format)'", argument: 0)
                }
                return try formatted(parsed, call, formatArgument: nil)
            }
            parsed = DateTimeText.parse(text, culture: culture)
            guard let parsed else { throw call.failure(.runtime, "cannot read '\(text)' as a date and time", argument: 0) }
            return try formatted(parsed, call, formatArgument: nil)
        },
    ]

    /// The context's clock as a UTC timestamp.
    static func now(_ call: FunctionInvocation) throws(ExpressionError) -> Timestamp {
        guard let now = Timestamp(date: call.context.now()) else {
            throw call.failure(.runtime, "got a clock value outside years 1 to 9999")
        }
        return now
    }

    /// Argument `index` read as a timestamp.
    static func timestamp(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> Timestamp {
        let text = try call.string(index)
        guard let timestamp = DateTimeText.parse(text) else {
            throw call.failure(
                .type, "expects a timestamp such as '2024-05-01T12:00:00Z' as argument \(index + 1) but got '\(text)'",
                argument: index)
        }
        return timestamp
    }

    /// Formats with the optional format argument at `formatArgument` ("o" when it is absent).
    static func formatted(
        _ timestamp: Timestamp, _ call: FunctionInvocation, formatArgument: Int?, culture: Culture = .englishUS
    ) throws(ExpressionError) -> JSONValue {
        var format = "o"
        if let index = formatArgument, let given = try call.optionalString(index) { format = given }
        do {
            return .string(try DateTimeFormat.format(timestamp, format, culture: culture))
        } catch {
            throw call.failure(.runtime, "cannot use the format '\(format)': \(error.message)", argument: formatArgument)
        }
    }

    /// The error for a result outside .NET's calendar.
    static func outOfRange(_ call: FunctionInvocation, argument: Int) -> ExpressionError {
        call.failure(.runtime, "gives a date outside years 1 to 9999", argument: argument)
    }
}
