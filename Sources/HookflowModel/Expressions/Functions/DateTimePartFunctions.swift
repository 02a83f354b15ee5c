/// Parts of a timestamp (day of month, week, year; ticks), the start of its day, hour or month,
/// and the difference between two timestamps.
extension ExpressionFunction {
    static let dateTimePartFunctions: [ExpressionFunction] = [
        ExpressionFunction("dayOfMonth", arguments: 1...1) { call throws(ExpressionError) in
            .int(try timestamp(call, 0).fields.day)
        },
        ExpressionFunction("dayOfWeek", arguments: 1...1) { call throws(ExpressionError) in
            // 0 is Sunday, as .NET's DayOfWeek.
            .int(try timestamp(call, 0).fields.weekday)
        },
        ExpressionFunction("dayOfYear", arguments: 1...1) { call throws(ExpressionError) in
            .int(try timestamp(call, 0).dayOfYear)
        },
        ExpressionFunction("ticks", arguments: 1...1) { call throws(ExpressionError) in
            .int(try timestamp(call, 0).totalTicks)
        },
        ExpressionFunction("startOfDay", arguments: 1...2) { call throws(ExpressionError) in
            try formatted(try timestamp(call, 0).startOfDay, call, formatArgument: 1)
        },
        ExpressionFunction("startOfHour", arguments: 1...2) { call throws(ExpressionError) in
            try formatted(try timestamp(call, 0).startOfHour, call, formatArgument: 1)
        },
        ExpressionFunction("startOfMonth", arguments: 1...2) { call throws(ExpressionError) in
            try formatted(try timestamp(call, 0).startOfMonth, call, formatArgument: 1)
        },
        ExpressionFunction("dateDifference", arguments: 2...2) { call throws(ExpressionError) in
            let start = try timestamp(call, 0), end = try timestamp(call, 1)
            return .string(timeSpanText(ticks: end.totalTicks - start.totalTicks))
        },
    ]

    /// A duration as .NET's `TimeSpan.ToString()` writes it: `[-][d.]hh:mm:ss[.fffffff]`.
    static func timeSpanText(ticks: Int) -> String {
        let magnitude = ticks.magnitude
        let perSecond = UInt(Timestamp.ticksPerSecond)
        let fraction = magnitude % perSecond, totalSeconds = magnitude / perSecond
        let days = totalSeconds / 86_400, hours = totalSeconds / 3600 % 24, minutes = totalSeconds / 60 % 60, seconds = totalSeconds % 60
        func two(_ value: UInt) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = ticks < 0 ? "-" : ""
        if days > 0 { text += "\(days)." }
        text += "\(two(hours)):\(two(minutes)):\(two(seconds))"
        if fraction > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 7 - digits.count) + digits
        }
        return text
    }
}
