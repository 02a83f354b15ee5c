import Foundation

/// A date and time with .NET's 100-nanosecond resolution, for the date and time functions.
///
/// Foundation's `Date` is a `Double`, which cannot hold 7 fraction digits exactly for present-day
/// dates, so "o"-format round trips would drift; this keeps whole seconds and ticks apart and does
/// its own calendar arithmetic (proleptic Gregorian, as .NET's `DateTime`).
///
/// Like .NET's `DateTime` it knows whether it is in UTC or is a clock reading with no zone
/// (`Kind.Unspecified`): `'2018-03-15T00:00:00Z'` stays UTC and writes its `Z`, while
/// `'03/15/2018'` and what `convertFromUtc()` gives are written without one.
struct Timestamp: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An instant in UTC (text with `Z` or an offset, which is converted).
        case utc
        /// A clock reading in no particular zone; arithmetic treats it like UTC.
        case unspecified
    }

    static let ticksPerSecond = 10_000_000
    /// .NET `DateTime` covers years 1 to 9999; so do we, so formats never see a 5-digit year.
    static let minimumSeconds = Timestamp.daysFromCivil(year: 1, month: 1, day: 1) * 86_400
    static let maximumSeconds = Timestamp.daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400 - 1

    /// Whole seconds since 1970-01-01T00:00:00Z.
    let seconds: Int
    /// 100-nanosecond ticks within the second, `0..<10_000_000`.
    let ticks: Int
    var kind: Kind

    init?(seconds: Int, ticks: Int, kind: Kind = .utc) {
        guard (Self.minimumSeconds...Self.maximumSeconds).contains(seconds), (0..<Self.ticksPerSecond).contains(ticks) else {
            return nil
        }
        self.seconds = seconds
        self.ticks = ticks
        self.kind = kind
    }

    /// A `Date`, rounded to whole microseconds: a `Double` holds no more than that for current dates.
    init?(date: Date) {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e12 else { return nil }
        let whole = interval.rounded(.down)
        let microseconds = Int(((interval - whole) * 1_000_000).rounded())
        self.init(seconds: Int(whole) + microseconds / 1_000_000, ticks: (microseconds % 1_000_000) * 10)
    }

    /// This instant moved by a number of seconds; nil outside years 1 to 9999.
    func adding(seconds delta: Int) -> Timestamp? {
        let (moved, overflow) = seconds.addingReportingOverflow(delta)
        return overflow ? nil : Timestamp(seconds: moved, ticks: ticks, kind: kind)
    }

    /// The same reading with another kind (a conversion between zones decides what it is).
    func with(kind: Kind) -> Timestamp {
        var copy = self
        copy.kind = kind
        return copy
    }

    /// The calendar fields of this instant in UTC.
    var fields: Fields {
        // Floor division, so instants before 1970 land on the right day.
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds - 1) / 86_400) - 1
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        // 1970-01-01 was a Thursday; 0 is Sunday as in .NET's DayOfWeek.
        let weekday = ((days % 7) + 7 + 4) % 7
        return Fields(
            year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60, ticks: ticks, weekday: weekday)
    }

    struct Fields: Equatable {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, ticks: Int
        /// 0 = Sunday ... 6 = Saturday.
        let weekday: Int
    }

    // MARK: - ISO 8601

    /// Parses `yyyy-MM-dd`, optionally followed by `THH:mm`, `:ss`, a fraction of any length and
    /// a zone (`Z`, `±hh:mm`, `±hhmm`, `±hh`). A zone makes the result UTC (an offset is applied);
    /// without one it is a clock reading of kind `.unspecified`.
    static func parseISO8601(_ text: String) -> Timestamp? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0, ticks = 0, offsetSeconds = 0
        var kind = Kind.unspecified
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let h = scanner.number(digits: 2), scanner.skip(":"), let m = scanner.number(digits: 2) else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let s = scanner.number(digits: 2) else { return nil }
                second = s
                if scanner.skip(".") || scanner.skip(",") {
                    // Beyond 7 digits is below a tick; those digits are read and dropped, as .NET rounds them away anyway.
                    let digits = scanner.digits()
                    guard !digits.isEmpty else { return nil }
                    let kept = digits.prefix(7)
                    ticks = kept.reduce(0) { $0 * 10 + $1 }
                    for _ in kept.count..<7 { ticks *= 10 }
                }
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
            if scanner.skip("Z") || scanner.skip("z") {
                offsetSeconds = 0
                kind = .utc
            } else if let sign = scanner.sign() {
                kind = .utc
                guard let offsetHours = scanner.number(digits: 2), offsetHours <= 14 else { return nil }
                var offsetMinutes = 0
                if scanner.skip(":") {
                    guard let m = scanner.number(digits: 2) else { return nil }
                    offsetMinutes = m
                } else if let m = scanner.number(digits: 2) {
                    offsetMinutes = m
                }
                guard offsetMinutes < 60 else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard scanner.isAtEnd else { return nil }
        let local = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        return Timestamp(seconds: local - offsetSeconds, ticks: ticks, kind: kind)
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's days/civil algorithms)

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads ASCII digits and punctuation from the bytes of a timestamp.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `digits` digits as a number, or nil (consuming nothing).
    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// All digits from here, each as a value 0...9.
    mutating func digits() -> [Int] {
        var values: [Int] = []
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            values.append(Int(bytes[index] - UInt8(ascii: "0")))
            index += 1
        }
        return values
    }

    /// +1 or -1 for a leading sign, consuming it.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
