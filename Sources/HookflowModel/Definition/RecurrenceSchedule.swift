import Foundation

/// When a `Recurrence` trigger fires: `frequency` and `interval`, from `startTime` (in
/// `timeZone`, a Windows zone name, when the time has no offset), and for Day, Week and Month
/// the `schedule` (`hours`, `minutes`, `weekDays`, `monthDays`), as Logic Apps reads them.
///
/// Calendar steps (days, weeks, months, and the times of a schedule) are taken in the time zone,
/// so "every day at 09:00 W. Europe Standard Time" stays at 09:00 across daylight saving; second,
/// minute and hour steps are fixed lengths of time.
public struct RecurrenceSchedule: Sendable, Equatable {
    public enum Frequency: String, Sendable, CaseIterable {
        case second = "Second", minute = "Minute", hour = "Hour", day = "Day", week = "Week", month = "Month"
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public let frequency: Frequency
    public let interval: Int
    /// The start time as written, resolved; nil when the recurrence has none.
    public let startTime: Date?
    public let timeZone: TimeZone
    public let hours: [Int]?
    public let minutes: [Int]?
    /// Calendar weekdays, 1 = Sunday … 7 = Saturday.
    public let weekDays: [Int]?
    public let monthDays: [Int]?

    private static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Reads a trigger's `recurrence` object.
    public init(_ recurrence: JSONValue) throws(Problem) {
        guard let object = recurrence.objectValue else { throw Problem(description: "recurrence must be an object with frequency and interval") }
        guard let name = object["frequency"]?.stringValue, let frequency = Frequency.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw Problem(description: "frequency must be one of \(Frequency.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let interval = object["interval"]?.intValue ?? object["interval"]?.stringValue.flatMap { Int($0) } ?? 0
        guard interval > 0 else { throw Problem(description: "interval must be a whole number above 0") }
        var zone = TimeZone(identifier: "UTC")!
        if let zoneName = object["timeZone"]?.stringValue, !zoneName.isEmpty {
            guard let found = WindowsTimeZones.zone(named: zoneName) else {
                throw Problem(description: "time zone \"\(zoneName)\" is not a Windows time zone name (for example W. Europe Standard Time)")
            }
            zone = found
        }
        self.frequency = frequency
        self.interval = interval
        self.timeZone = zone
        if let text = object["startTime"]?.stringValue, !text.isEmpty {
            guard let start = Self.date(text, in: zone) else { throw Problem(description: "start time \"\(text)\" is not an ISO 8601 date and time") }
            startTime = start
        } else {
            startTime = nil
        }
        let schedule = object["schedule"]?.objectValue
        func numbers(_ key: String, _ range: ClosedRange<Int>) throws(Problem) -> [Int]? {
            guard let value = schedule?[key] else { return nil }
            let items = value.arrayValue ?? [value]
            var result: [Int] = []
            for item in items {
                guard let number = item.intValue ?? item.stringValue.flatMap({ Int($0) }), range.contains(number) else {
                    throw Problem(description: "schedule.\(key) must hold whole numbers from \(range.lowerBound) to \(range.upperBound)")
                }
                result.append(number)
            }
            return result.isEmpty ? nil : Array(Set(result)).sorted()
        }
        hours = try numbers("hours", 0...23)
        minutes = try numbers("minutes", 0...59)
        monthDays = try numbers("monthDays", 1...31)
        if let value = schedule?["weekDays"] {
            var days: [Int] = []
            for item in value.arrayValue ?? [value] {
                guard let text = item.stringValue, let index = Self.weekdayNames.firstIndex(of: text.lowercased()) else {
                    throw Problem(description: "schedule.weekDays must name days (Monday … Sunday)")
                }
                days.append(index + 1)
            }
            weekDays = days.isEmpty ? nil : Array(Set(days)).sorted()
        } else {
            weekDays = nil
        }
    }

    /// The first tick once the trigger is switched on at `now`: with no start time and no
    /// schedule, `now` itself (Logic Apps runs it at once); otherwise the first on the schedule
    /// at or after `now`.
    public func firstTick(onOrAfter now: Date) -> Date? {
        if startTime == nil, !hasSchedule { return now }
        return nextTick(after: now.addingTimeInterval(-0.001), anchor: startTime ?? now)
    }

    /// The first tick strictly after `time`, counting from `anchor` (the start time, or when the
    /// trigger was switched on).
    public func nextTick(after time: Date, anchor: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        if time < anchor, !hasSchedule { return anchor }
        switch frequency {
        case .second, .minute, .hour:
            let step = Double(interval) * (frequency == .second ? 1 : frequency == .minute ? 60 : 3600)
            let elapsed = time.timeIntervalSince(anchor)
            let count = elapsed < 0 ? 0 : floor(elapsed / step) + 1
            return anchor.addingTimeInterval(count * step)
        case .day, .week, .month:
            return hasSchedule ? scheduledTick(after: time, anchor: anchor, calendar: calendar) : calendarTick(after: time, anchor: anchor, calendar: calendar)
        }
    }

    private var hasSchedule: Bool {
        guard frequency == .day || frequency == .week || frequency == .month else { return false }
        return hours != nil || minutes != nil || weekDays != nil || monthDays != nil
    }

    private var calendarUnit: Calendar.Component {
        switch frequency {
        case .day: .day
        case .week: .weekOfYear
        default: .month
        }
    }

    /// anchor + k × interval calendar units, the first after `time`.
    private func calendarTick(after time: Date, anchor: Date, calendar: Calendar) -> Date? {
        let component: Calendar.Component = frequency == .month ? .month : .day
        let elapsed = max(0, calendar.dateComponents([component], from: anchor, to: time).value(for: component) ?? 0)
        let units = frequency == .week ? elapsed / 7 : elapsed
        var count = max(0, units / interval - 1)
        // Months differ in length and days in hours (daylight saving): step until past `time`.
        for _ in 0..<1_000 {
            guard let tick = calendar.date(byAdding: calendarUnit, value: count * interval, to: anchor) else { return nil }
            if tick > time { return tick }
            count += 1
        }
        return nil
    }

    /// The times of the schedule on each day its frequency and interval allow, the first after `time`.
    private func scheduledTick(after time: Date, anchor: Date, calendar: Calendar) -> Date? {
        let anchorParts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: anchor)
        let hours = self.hours ?? [anchorParts.hour ?? 0]
        let minutes = self.minutes ?? [anchorParts.minute ?? 0]
        let second = anchorParts.second ?? 0
        let weekDays = self.weekDays ?? [anchorParts.weekday ?? 1]
        let monthDays = self.monthDays ?? [anchorParts.day ?? 1]
        let anchorDay = calendar.startOfDay(for: anchor)
        var day = calendar.startOfDay(for: max(time, anchor))
        // Five years of days: far more than any schedule needs to find its next time.
        for _ in 0..<(5 * 366) {
            if dayAllowed(day, anchorDay: anchorDay, weekDays: weekDays, monthDays: monthDays, calendar: calendar) {
                var parts = calendar.dateComponents([.year, .month, .day], from: day)
                for hour in hours {
                    for minute in minutes {
                        parts.hour = hour
                        parts.minute = minute
                        parts.second = second
                        if let tick = calendar.date(from: parts), tick > time, tick >= anchor { return tick }
                    }
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    private func dayAllowed(_ day: Date, anchorDay: Date, weekDays: [Int], monthDays: [Int], calendar: Calendar) -> Bool {
        switch frequency {
        case .day:
            let days = calendar.dateComponents([.day], from: anchorDay, to: day).day ?? 0
            return days % interval == 0
        case .week:
            guard weekDays.contains(calendar.component(.weekday, from: day)) else { return false }
            let weekStart = { (date: Date) in calendar.date(byAdding: .day, value: 1 - calendar.component(.weekday, from: date), to: date) ?? date }
            let weeks = (calendar.dateComponents([.day], from: weekStart(anchorDay), to: weekStart(day)).day ?? 0) / 7
            return weeks % interval == 0
        case .month:
            guard monthDays.contains(calendar.component(.day, from: day)) else { return false }
            let anchorMonth = calendar.dateComponents([.year, .month], from: anchorDay)
            let dayMonth = calendar.dateComponents([.year, .month], from: day)
            let months = ((dayMonth.year ?? 0) - (anchorMonth.year ?? 0)) * 12 + (dayMonth.month ?? 0) - (anchorMonth.month ?? 0)
            return months % interval == 0
        default:
            return true
        }
    }

    /// An ISO 8601 date and time; one without an offset is read in `zone`, as Logic Apps reads
    /// a start time next to a time zone.
    static func date(_ text: String, in zone: TimeZone) -> Date? {
        let hasOffset = text.hasSuffix("Z") || text.hasSuffix("z")
            || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
        if hasOffset { return ISO8601Timestamp.date(from: text) }
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var parts = DateComponents()
        parts.year = Int(match.1)
        parts.month = Int(match.2)
        parts.day = Int(match.3)
        parts.hour = match.4.flatMap { Int($0) } ?? 0
        parts.minute = match.5.flatMap { Int($0) } ?? 0
        parts.second = match.6.flatMap { Int($0) } ?? 0
        guard let month = parts.month, (1...12).contains(month), let day = parts.day, (1...31).contains(day) else { return nil }
        return calendar.date(from: parts)
    }
}
