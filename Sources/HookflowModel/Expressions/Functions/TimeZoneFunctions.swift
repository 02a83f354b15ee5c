import Foundation

/// Converting timestamps between time zones named as Windows names them (see ``WindowsTimeZones``).
///
/// As in .NET, a timestamp with a zone (`Z` or an offset) is an instant in UTC, and only UTC
/// can be its source zone; a timestamp without one is a clock reading in the source zone. What
/// a conversion gives is a clock reading without a zone, or a UTC instant (with `Z`) when the
/// target is UTC.
extension ExpressionFunction {
    static let timeZoneFunctions: [ExpressionFunction] = [
        ExpressionFunction("convertFromUtc", arguments: 2...3) { call throws(ExpressionError) in
            let start = try timestamp(call, 0)
            let target = try zone(call, 1)
            return try formatted(try fromUTC(start, target, call), call, formatArgument: 2)
        },
        ExpressionFunction("convertToUtc", arguments: 2...3) { call throws(ExpressionError) in
            let start = try timestamp(call, 0)
            let source = try zone(call, 1)
            return try formatted(try toUTC(start, source, call, zoneArgument: 1), call, formatArgument: 2)
        },
        ExpressionFunction("convertTimeZone", arguments: 3...4) { call throws(ExpressionError) in
            let start = try timestamp(call, 0)
            let source = try zone(call, 1), target = try zone(call, 2)
            let utc = try toUTC(start, source, call, zoneArgument: 1)
            return try formatted(try fromUTC(utc, target, call), call, formatArgument: 3)
        },
    ]

    private struct NamedZone {
        let name: String
        let zone: TimeZone
        var isUTC: Bool { WindowsTimeZones.isUTC(name) }
    }

    private static func zone(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> NamedZone {
        let name = try call.string(index)
        guard let zone = WindowsTimeZones.zone(named: name) else {
            let hint = WindowsTimeZones.windowsName(forIANA: name).map { "; Logic Apps names '\(name)' '\($0)'" }
                ?? "; use a Windows time zone name such as 'Pacific Standard Time' or 'W. Europe Standard Time'"
            throw call.failure(.runtime, "does not know the time zone '\(name)'\(hint)", argument: index)
        }
        return NamedZone(name: name, zone: zone)
    }

    private static func fromUTC(_ timestamp: Timestamp, _ target: NamedZone, _ call: FunctionInvocation) throws(ExpressionError) -> Timestamp {
        let offset = target.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(timestamp.seconds)))
        guard let local = timestamp.adding(seconds: offset) else { throw outOfRange(call, argument: 0) }
        return local.with(kind: target.isUTC ? .utc : .unspecified)
    }

    private static func toUTC(
        _ timestamp: Timestamp, _ source: NamedZone, _ call: FunctionInvocation, zoneArgument: Int
    ) throws(ExpressionError) -> Timestamp {
        if timestamp.kind == .utc {
            guard source.isUTC else {
                throw call.failure(
                    .runtime,
                    "cannot read a timestamp that is already in UTC (it has a 'Z' or an offset) as a time in '\(source.name)'; "
                        + "leave the zone off the timestamp or give 'UTC' as the source time zone",
                    argument: zoneArgument)
            }
            return timestamp
        }
        // The offsets the zone has around this clock reading; the right one gives back the reading.
        let reading = timestamp.seconds
        let candidates = Set([-86_400, 0, 86_400].map { source.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(reading + $0))) })
        let valid = candidates.filter { source.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(reading - $0))) == $0 }
        guard !valid.isEmpty else {
            throw call.failure(
                .runtime, "cannot convert \(timestamp.fields.hour):\(timestamp.fields.minute < 10 ? "0" : "")\(timestamp.fields.minute): "
                    + "that time does not exist in '\(source.name)' on that day (the clocks move forward over it)",
                argument: 0)
        }
        // A reading that happens twice (the clocks move back) is taken as standard time, as .NET does.
        let standard = valid.first { !source.zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(reading - $0))) }
        guard let offset = valid.count == 1 ? valid.first : standard ?? valid.min(), let utc = timestamp.adding(seconds: -offset) else {
            throw outOfRange(call, argument: 0)
        }
        return utc.with(kind: .utc)
    }
}
