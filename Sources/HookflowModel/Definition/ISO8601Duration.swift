/// An ISO 8601 duration (`PT1H`, `P1DT12H`, `PT0.5S`, `P2W`) as used by `limit.timeout`
/// and retry intervals.
public struct ISO8601Duration: Sendable, Equatable, CustomStringConvertible {
    public var years: Double = 0
    public var months: Double = 0
    public var weeks: Double = 0
    public var days: Double = 0
    public var hours: Double = 0
    public var minutes: Double = 0
    public var seconds: Double = 0

    /// Parses the text, or returns nil when it is not an ISO 8601 duration.
    public init?(_ text: String) {
        var rest = Substring(text.uppercased())
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var inTime = false
        var sawComponent = false
        var number = ""
        var lastDateRank = -1
        var lastTimeRank = -1
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard let value = Double(number), value >= 0 else { return nil }
            number = ""
            sawComponent = true
            let rank: Int
            switch (inTime, character) {
            case (false, "Y"): years = value; rank = 0
            case (false, "M"): months = value; rank = 1
            case (false, "W"): weeks = value; rank = 2
            case (false, "D"): days = value; rank = 3
            case (true, "H"): hours = value; rank = 0
            case (true, "M"): minutes = value; rank = 1
            case (true, "S"): seconds = value; rank = 2
            default: return nil
            }
            // Components must come in order and at most once (P1D2Y is not a duration).
            if inTime {
                guard rank > lastTimeRank else { return nil }
                lastTimeRank = rank
            } else {
                guard rank > lastDateRank else { return nil }
                lastDateRank = rank
            }
        }
        guard number.isEmpty, sawComponent else { return nil }
        if inTime, lastTimeRank < 0 { return nil }
        self.text = text
    }

    private var text: String = ""

    /// Length in seconds, counting a month as 30 days and a year as 365 (the usual engine convention).
    public var totalSeconds: Double {
        seconds + minutes * 60 + hours * 3600 + days * 86_400 + weeks * 7 * 86_400 + months * 30 * 86_400 + years * 365 * 86_400
    }

    public var description: String { text }
}
