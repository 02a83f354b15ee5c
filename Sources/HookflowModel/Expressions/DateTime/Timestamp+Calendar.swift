/// Calendar arithmetic on timestamps, with .NET `DateTime`'s rules (`AddMonths` keeps the day
/// when it exists and takes the month's last day otherwise).
extension Timestamp {
    /// Ticks between 0001-01-01T00:00:00 and 1970-01-01T00:00:00, .NET's `DateTime.UnixEpoch.Ticks`.
    static let unixEpochTicks = -minimumSeconds * ticksPerSecond

    init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, ticks: Int = 0, kind: Kind) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysInMonth(year: year, month: month)).contains(day),
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
        else { return nil }
        let seconds = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        self.init(seconds: seconds, ticks: ticks, kind: kind)
    }

    /// .NET's `DateTime.Ticks`: 100-nanosecond intervals since 0001-01-01T00:00:00.
    var totalTicks: Int { (seconds - Self.minimumSeconds) * Self.ticksPerSecond + ticks }

    init?(totalTicks: Int, kind: Kind) {
        guard totalTicks >= 0 else { return nil }
        self.init(seconds: totalTicks / Self.ticksPerSecond + Self.minimumSeconds, ticks: totalTicks % Self.ticksPerSecond, kind: kind)
    }

    /// This reading moved by a number of ticks; nil outside years 1 to 9999 or on overflow.
    func adding(ticks delta: Int) -> Timestamp? {
        let (moved, overflow) = totalTicks.addingReportingOverflow(delta)
        return overflow ? nil : Timestamp(totalTicks: moved, kind: kind)
    }

    /// This reading moved by whole months; the day is kept, or becomes the month's last.
    func adding(months delta: Int) -> Timestamp? {
        let fields = self.fields
        let (monthIndex, overflow) = (fields.year * 12 + fields.month - 1).addingReportingOverflow(delta)
        guard !overflow else { return nil }
        let year = monthIndex >= 0 ? monthIndex / 12 : -1
        let month = monthIndex - year * 12 + 1
        guard (1...9999).contains(year) else { return nil }
        let day = min(fields.day, Self.daysInMonth(year: year, month: month))
        return Timestamp(
            year: year, month: month, day: day, hour: fields.hour, minute: fields.minute, second: fields.second,
            ticks: ticks, kind: kind)
    }

    /// 1 for January 1st.
    var dayOfYear: Int {
        let fields = self.fields
        return Self.daysFromCivil(year: fields.year, month: fields.month, day: fields.day)
            - Self.daysFromCivil(year: fields.year, month: 1, day: 1) + 1
    }

    var startOfDay: Timestamp {
        let fields = self.fields
        return Timestamp(year: fields.year, month: fields.month, day: fields.day, kind: kind) ?? self
    }

    var startOfHour: Timestamp {
        let fields = self.fields
        return Timestamp(year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, kind: kind) ?? self
    }

    var startOfMonth: Timestamp {
        let fields = self.fields
        return Timestamp(year: fields.year, month: fields.month, day: 1, kind: kind) ?? self
    }
}
