/// Writes a ``Timestamp`` with a .NET date and time format string in a culture (en-US unless
/// a function is given a locale, as in Logic Apps).
///
/// Logic Apps passes its format argument to .NET's `DateTime.ToString(format, culture)`, so
/// definitions use .NET patterns ("o", "yyyy-MM-dd", "dddd, dd MMMM"). A UTC timestamp writes
/// `K` as `Z`; one without a zone writes nothing for `K`. `z`, `zz` and `zzz` write the offset
/// of the server's zone for .NET, which for Hookflow, as for Logic Apps' servers, is UTC.
struct DateTimeFormat {
    /// Why a format cannot be used (an unknown standard format, an unclosed quote...).
    struct Problem: Error {
        let message: String
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The culture-independent standard formats.
    static let roundTripPattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"
    static let rfc1123Pattern = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
    static let sortablePattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
    static let universalSortablePattern = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"

    /// The pattern behind a one-letter standard format in `culture`, or nil for an unknown letter.
    static func standardPattern(_ letter: Character, _ culture: Culture) -> String? {
        switch letter {
        case "d": culture.shortDatePattern
        case "D": culture.longDatePattern
        case "f": culture.longDatePattern + " " + culture.shortTimePattern
        case "F", "U": culture.longDatePattern + " " + culture.longTimePattern
        case "g": culture.shortDatePattern + " " + culture.shortTimePattern
        case "G": culture.shortDatePattern + " " + culture.longTimePattern
        case "m", "M": culture.monthDayPattern
        case "o", "O": roundTripPattern
        case "r", "R": rfc1123Pattern
        case "s": sortablePattern
        case "t": culture.shortTimePattern
        case "T": culture.longTimePattern
        case "u": universalSortablePattern
        case "y", "Y": culture.yearMonthPattern
        default: nil
        }
    }

    /// The pattern a format stands for: a standard format's, or the format itself.
    static func pattern(for format: String, _ culture: Culture) throws(Problem) -> String {
        if format.isEmpty { return roundTripPattern }
        // .NET reads any one-character format as a standard format, never as a custom pattern.
        guard format.count == 1, let letter = format.first else { return format }
        guard let pattern = standardPattern(letter, culture) else {
            throw Problem(message: "'\(format)' is not a standard date and time format (use one of d D f F g G m o r s t T u U y, or a custom pattern)")
        }
        return pattern
    }

    /// Formats `timestamp`; an empty format means "o", the Logic Apps default.
    static func format(_ timestamp: Timestamp, _ format: String, culture: Culture = .englishUS) throws(Problem) -> String {
        // The culture-independent formats use invariant names whatever the locale.
        let letter = format.count == 1 ? format.first : nil
        let names = letter.map { "oOrRsu".contains($0) } == true ? Culture.invariant : culture
        return try custom(timestamp, Array(try pattern(for: format, culture)), names)
    }

    private static func custom(_ timestamp: Timestamp, _ pattern: [Character], _ culture: Culture) throws(Problem) -> String {
        let fields = timestamp.fields
        var out = ""
        for token in try DateTimePattern.tokens(pattern) {
            guard case .field(let letter, let run) = token else {
                if case .literal(let text) = token { out += text }
                continue
            }
            // How many times the letter repeats decides the width ("MM" vs "MMMM").
            switch letter {
            case "y":
                let year = fields.year
                out += run == 1 ? String(year % 100) : padded(run == 2 ? year % 100 : year, to: run)
            case "M":
                switch run {
                case 1: out += String(fields.month)
                case 2: out += padded(fields.month, to: 2)
                case 3: out += culture.abbreviatedMonthNames[fields.month - 1]
                default: out += culture.monthNames[fields.month - 1]
                }
            case "d":
                switch run {
                case 1: out += String(fields.day)
                case 2: out += padded(fields.day, to: 2)
                case 3: out += culture.abbreviatedDayNames[fields.weekday]
                default: out += culture.dayNames[fields.weekday]
                }
            case "H":
                out += run == 1 ? String(fields.hour) : padded(fields.hour, to: 2)
            case "h":
                let hour = fields.hour % 12 == 0 ? 12 : fields.hour % 12
                out += run == 1 ? String(hour) : padded(hour, to: 2)
            case "m":
                out += run == 1 ? String(fields.minute) : padded(fields.minute, to: 2)
            case "s":
                out += run == 1 ? String(fields.second) : padded(fields.second, to: 2)
            case "f", "F":
                guard run <= 7 else { throw Problem(message: "'\(String(repeating: letter, count: run))' asks for more than 7 fraction digits") }
                var digits = String(padded(fields.ticks, to: 7).prefix(run))
                if letter == "F" {
                    // "F" drops trailing zeros, and with them a '.' that would be left dangling.
                    while digits.last == "0" { digits.removeLast() }
                    if digits.isEmpty, out.last == "." { out.removeLast() }
                }
                out += digits
            case "t":
                let designator = fields.hour < 12 ? culture.amDesignator : culture.pmDesignator
                out += run == 1 ? String(designator.prefix(1)) : designator
            case "K":
                if timestamp.kind == .utc { out += "Z" }
            case "z":
                out += run == 1 ? "+0" : (run == 2 ? "+00" : "+00:00")
            default:
                out += "A.D." // "g", the era.
            }
        }
        return out
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
