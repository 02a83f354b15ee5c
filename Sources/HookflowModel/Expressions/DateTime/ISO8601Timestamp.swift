import Foundation

/// Parses ISO 8601 date-times the way the expression functions do (fractional seconds, `Z` or
/// an offset, a missing zone read as UTC), for validation and for the engine's timers.
public enum ISO8601Timestamp {
    public static func date(from text: String) -> Date? {
        guard let timestamp = Timestamp.parseISO8601(text) else { return nil }
        return Date(timeIntervalSince1970: Double(timestamp.seconds) + Double(timestamp.ticks) / Double(Timestamp.ticksPerSecond))
    }
}
