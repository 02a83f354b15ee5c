/// Reads a timestamp that must match a .NET date and time pattern exactly (`DateTime.ParseExact`).
struct ExactDateTimeReader {
    let text: [Character]
    let culture: Culture
    private var index = 0

    init(text: [Character], culture: Culture) {
        self.text = text
        self.culture = culture
    }

    /// The timestamp, or nil when the text does not match; a problem with the pattern itself throws.
    mutating func read(_ pattern: [Character]) throws(DateTimeFormat.Problem) -> Timestamp? {
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0, ticks = 0, offset = 0
        var pm: Bool?
        var twelveHour = false
        var kind = Timestamp.Kind.unspecified
        for token in try DateTimePattern.tokens(pattern) {
            guard case .field(let character, let run) = token else {
                if case .literal(let text) = token, !match(text) { return nil }
                continue
            }
            switch character {
            case "y":
                guard let (value, digits) = number(min: run <= 2 ? 1 : run, max: run <= 2 ? 2 : max(run, 4)) else { return nil }
                year = run <= 2 ? DateTimeText.fullYear(value, digits: digits) : value
            case "M":
                if run >= 3 {
                    guard let value = name(run == 3 ? culture.abbreviatedMonthNames : culture.monthNames) else { return nil }
                    month = value + 1
                } else {
                    guard let (value, _) = number(min: run, max: 2) else { return nil }
                    month = value
                }
            case "d":
                if run >= 3 {
                    guard name(run == 3 ? culture.abbreviatedDayNames : culture.dayNames) != nil else { return nil }
                } else {
                    guard let (value, _) = number(min: run, max: 2) else { return nil }
                    day = value
                }
            case "H", "h", "m", "s":
                guard let (value, _) = number(min: min(run, 2), max: 2) else { return nil }
                switch character {
                case "H": hour = value
                case "h": hour = value; twelveHour = true
                case "m": minute = value
                default: second = value
                }
            case "f", "F":
                let digits = digitRun(max: run)
                guard character == "F" || digits.count == run else { return nil }
                ticks = digits.reduce(0) { $0 * 10 + $1 }
                for _ in digits.count..<7 { ticks *= 10 }
            case "t":
                let am = culture.amDesignator, pmText = culture.pmDesignator
                if match(run == 1 ? String(pmText.prefix(1)) : pmText) { pm = true }
                else if match(run == 1 ? String(am.prefix(1)) : am) { pm = false }
                else { return nil }
            case "K", "z":
                if match("Z") {
                    kind = .utc
                } else if let sign = index < text.count && (text[index] == "+" || text[index] == "-") ? text[index] : nil {
                    index += 1
                    guard let (hours, _) = number(min: 1, max: 2) else { return nil }
                    var minutes = 0
                    if match(":") { guard let (value, _) = number(min: 2, max: 2) else { return nil }; minutes = value }
                    offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
                    kind = .utc
                } else if character == "z" {
                    return nil
                }
            default:
                // "g", the era: .NET writes "A.D.".
                _ = match("A.D.") || match("AD")
            }
        }
        guard index == text.count, let year, let month, let day else { return nil }
        if let pm {
            guard twelveHour ? (1...12).contains(hour) : true else { return nil }
            hour = pm ? (hour % 12) + 12 : hour % 12
        }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, ticks: ticks, kind: kind)?
            .adding(seconds: -offset)
    }

    private mutating func digitRun(max: Int) -> [Int] {
        var digits: [Int] = []
        while digits.count < max, index < text.count, let ascii = text[index].asciiValue, (48...57).contains(ascii) {
            digits.append(Int(ascii) - 48)
            index += 1
        }
        return digits
    }

    private mutating func number(min: Int, max: Int) -> (Int, Int)? {
        let digits = digitRun(max: max)
        guard digits.count >= min else { return nil }
        return (digits.reduce(0) { $0 * 10 + $1 }, digits.count)
    }

    /// Consumes `literal` when the text continues with it (ignoring case).
    private mutating func match(_ literal: String) -> Bool {
        let count = literal.count
        guard index + count <= text.count, String(text[index..<index + count]).lowercased() == literal.lowercased() else { return false }
        index += count
        return true
    }

    /// The index of the longest name the text continues with.
    private mutating func name(_ names: [String]) -> Int? {
        let ordered = names.enumerated().sorted { $0.element.count > $1.element.count }
        for (offset, name) in ordered where !name.isEmpty && match(name) { return offset }
        return nil
    }
}
