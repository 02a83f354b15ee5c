import Foundation

/// Reads timestamps written as text the way .NET's `DateTime.Parse` and `ParseExact` do in a
/// culture: what Logic Apps accepts in its date functions (`'03/15/2018 12:00:00'`,
/// `'20 octobre 2010'` in fr-FR) besides ISO 8601.
enum DateTimeText {
    /// ISO 8601 first (the usual case), then the culture's forms: numeric dates in the order of
    /// its short date pattern, or with a month name, each optionally with a time (`15:30`,
    /// `3:30:05 PM`) and `Z`, `GMT` or an offset.
    static func parse(_ text: String, culture: Culture = .englishUS) -> Timestamp? {
        if let timestamp = Timestamp.parseISO8601(text) { return timestamp }
        return Lenient(text, culture).timestamp
    }

    /// Reads `text` with a .NET format (`'ddMMyyyy'`, `'MM/dd/yyyy HH\h'`, or a standard letter),
    /// as `DateTime.ParseExact` does; nil when the text does not match it.
    static func parse(_ text: String, exactly format: String, culture: Culture) throws(DateTimeFormat.Problem) -> Timestamp? {
        var reader = ExactDateTimeReader(text: Array(text), culture: culture)
        return try reader.read(Array(try DateTimeFormat.pattern(for: format, culture)))
    }

    /// A four-digit year for a two-digit one, as .NET's default window (up to 2049) gives it.
    static func fullYear(_ year: Int, digits: Int) -> Int {
        guard digits <= 2 else { return year }
        return year < 50 ? 2000 + year : 1900 + year
    }

    /// The month (1...12) a name or abbreviation stands for in `culture` or in English.
    static func month(named word: String, _ culture: Culture) -> Int? {
        let lowered = word.lowercased()
        for names in [culture.monthNames, culture.abbreviatedMonthNames, Culture.englishUS.monthNames, Culture.englishUS.abbreviatedMonthNames] {
            if let index = names.firstIndex(where: { $0.lowercased().trimmingCharacters(in: ["."]) == lowered }) { return index + 1 }
        }
        return nil
    }

    static func isDayName(_ word: String, _ culture: Culture) -> Bool {
        let lowered = word.lowercased()
        return [culture.dayNames, culture.abbreviatedDayNames, Culture.englishUS.dayNames, Culture.englishUS.abbreviatedDayNames]
            .contains { $0.contains { $0.lowercased().trimmingCharacters(in: ["."]) == lowered } }
    }
}

/// `DateTime.Parse`'s free reading: numbers, names and a time, in whatever order the culture writes them.
private struct Lenient {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    var tokens: [Token] = []
    let culture: Culture

    init(_ text: String, _ culture: Culture) {
        self.culture = culture
        var characters = Array(text)[...]
        while let first = characters.first {
            if first.isASCIIDigit {
                let digits = characters.prefix { $0.isASCIIDigit }
                characters = characters.dropFirst(digits.count)
                tokens.append(.number(Int(String(digits.prefix(9))) ?? 0, digits: digits.count))
            } else if first.isLetter {
                let word = characters.prefix { $0.isLetter }
                characters = characters.dropFirst(word.count)
                tokens.append(.word(String(word)))
            } else {
                characters = characters.dropFirst()
                if !first.isWhitespace, first != "," { tokens.append(.mark(first)) }
            }
        }
    }

    var timestamp: Timestamp? {
        var rest = tokens
        var hour = 0, minute = 0, second = 0, ticks = 0
        var kind = Timestamp.Kind.unspecified
        var offset = 0
        // The time: h:mm[:ss[.fffffff]], then AM/PM and a zone.
        if let colon = rest.indices.first(where: { rest[$0] == .mark(":") && $0 > 0 }),
            case .number(let h, _) = rest[colon - 1], colon + 1 < rest.count, case .number(let m, _) = rest[colon + 1]
        {
            var end = colon + 2
            hour = h
            minute = m
            if end + 1 < rest.count, rest[end] == .mark(":"), case .number(let s, _) = rest[end + 1] {
                second = s
                end += 2
                if end + 1 < rest.count, rest[end] == .mark("."), case .number(_, let count) = rest[end + 1],
                    case .number(let fraction, _) = rest[end + 1], count <= 7
                {
                    ticks = fraction * Int(pow(10, Double(7 - count)))
                    end += 2
                }
            }
            if end < rest.count, case .word(let word) = rest[end] {
                let lowered = word.lowercased()
                if lowered == culture.amDesignator.lowercased() || lowered == "am" {
                    guard (1...12).contains(hour) else { return nil }
                    hour %= 12
                    end += 1
                } else if lowered == culture.pmDesignator.lowercased() || lowered == "pm" {
                    guard (1...12).contains(hour) else { return nil }
                    hour = hour % 12 + 12
                    end += 1
                }
            }
            if end < rest.count, case .word(let word) = rest[end], ["z", "gmt", "utc"].contains(word.lowercased()) {
                kind = .utc
                end += 1
            } else if end + 1 < rest.count, rest[end] == .mark("+") || rest[end] == .mark("-"), case .number(let hours, _) = rest[end + 1] {
                var minutes = 0
                var last = end + 1
                if last + 2 < rest.count, rest[last + 1] == .mark(":"), case .number(let m, _) = rest[last + 2] {
                    minutes = m
                    last += 2
                }
                offset = (rest[end] == .mark("-") ? -1 : 1) * (hours * 3600 + minutes * 60)
                kind = .utc
                end = last + 1
            }
            rest.removeSubrange((colon - 1)..<end)
        }
        guard let (year, month, day) = date(rest) else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, ticks: ticks, kind: kind)?
            .adding(seconds: -offset)
    }

    /// The date in what is left once the time is taken out.
    private func date(_ tokens: [Token]) -> (Int, Int, Int)? {
        var numbers: [(value: Int, digits: Int)] = []
        var namedMonth: Int?
        let fillers = Set(literals(in: culture.longDatePattern).map { $0.lowercased() } + ["t", "de", "of"])
        for token in tokens {
            switch token {
            case .number(let value, let digits): numbers.append((value, digits))
            case .word(let word):
                if let month = DateTimeText.month(named: word, culture) {
                    guard namedMonth == nil else { return nil }
                    namedMonth = month
                } else if !DateTimeText.isDayName(word, culture), !fillers.contains(word.lowercased()) {
                    return nil
                }
            case .mark: break
            }
        }
        if let month = namedMonth {
            guard numbers.count == 2 else { return nil }
            // The year is the number that cannot be a day.
            let yearFirst = numbers[0].digits > 2 || numbers[0].value > 31
            let (year, day) = yearFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
            return (DateTimeText.fullYear(year.value, digits: year.digits), month, day.value)
        }
        guard numbers.count == 3 else { return nil }
        if numbers[0].digits > 2 { return (numbers[0].value, numbers[1].value, numbers[2].value) }
        // Day, month and year in the order the culture's short date pattern puts them.
        let order = culture.shortDatePattern.filter { "dMy".contains($0) }.reduce(into: [Character]()) { order, letter in
            if !order.contains(letter) { order.append(letter) }
        }
        guard order.count == 3, let d = order.firstIndex(of: "d"), let m = order.firstIndex(of: "M"), let y = order.firstIndex(of: "y") else {
            return nil
        }
        return (DateTimeText.fullYear(numbers[y].value, digits: numbers[y].digits), numbers[m].value, numbers[d].value)
    }

    /// The words quoted in a pattern (`'de'` in es-ES's long date).
    private func literals(in pattern: String) -> [String] {
        pattern.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
            .flatMap { $0.element.split(separator: " ").map(String.init) }
    }
}
