/// Moving a timestamp by an interval: the add… functions, addToTime/subtractFromTime with a
/// unit, and getFutureTime/getPastTime from now. The result keeps the timestamp's kind: UTC in,
/// UTC (with `Z`) out; a reading without a zone stays without one.
extension ExpressionFunction {
    static let dateTimeArithmeticFunctions: [ExpressionFunction] = [
        fixedUnit("addSeconds", .second),
        fixedUnit("addMinutes", .minute),
        fixedUnit("addHours", .hour),
        fixedUnit("addDays", .day),
        ExpressionFunction("addToTime", arguments: 3...4) { call throws(ExpressionError) in
            try move(try timestamp(call, 0), by: try call.integer(1), try unit(call, 2), call, intervalArgument: 1, formatArgument: 3)
        },
        ExpressionFunction("subtractFromTime", arguments: 3...4) { call throws(ExpressionError) in
            try move(try timestamp(call, 0), by: -(try call.integer(1)), try unit(call, 2), call, intervalArgument: 1, formatArgument: 3)
        },
        ExpressionFunction("getFutureTime", arguments: 2...3) { call throws(ExpressionError) in
            try move(try now(call), by: try call.integer(0), try unit(call, 1), call, intervalArgument: 0, formatArgument: 2)
        },
        ExpressionFunction("getPastTime", arguments: 2...3) { call throws(ExpressionError) in
            try move(try now(call), by: -(try call.integer(0)), try unit(call, 1), call, intervalArgument: 0, formatArgument: 2)
        },
    ]

    /// The time units of addToTime() and its kin.
    enum TimeUnit: String, CaseIterable {
        case second, minute, hour, day, week, month, year
    }

    private static func fixedUnit(_ name: String, _ unit: TimeUnit) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 2...3) { call throws(ExpressionError) in
            try move(try timestamp(call, 0), by: try call.integer(1), unit, call, intervalArgument: 1, formatArgument: 2)
        }
    }

    private static func unit(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> TimeUnit {
        let name = try call.string(index)
        guard let unit = TimeUnit(rawValue: name.lowercased()) else {
            throw call.failure(
                .runtime, "does not know the time unit '\(name)'; use Second, Minute, Hour, Day, Week, Month or Year", argument: index)
        }
        return unit
    }

    private static func move(
        _ start: Timestamp, by interval: Int, _ unit: TimeUnit, _ call: FunctionInvocation, intervalArgument: Int, formatArgument: Int
    ) throws(ExpressionError) -> JSONValue {
        let seconds: Int
        switch unit {
        case .second: seconds = 1
        case .minute: seconds = 60
        case .hour: seconds = 3600
        case .day: seconds = 86_400
        case .week: seconds = 604_800
        case .month, .year:
            let (months, overflow) = interval.multipliedReportingOverflow(by: unit == .year ? 12 : 1)
            guard !overflow, let moved = start.adding(months: months) else { throw outOfRange(call, argument: intervalArgument) }
            return try formatted(moved, call, formatArgument: formatArgument)
        }
        let (delta, overflow) = interval.multipliedReportingOverflow(by: seconds)
        guard !overflow, let moved = start.adding(seconds: delta) else { throw outOfRange(call, argument: intervalArgument) }
        return try formatted(moved, call, formatArgument: formatArgument)
    }
}
