/// Writes a ``Timestamp`` with a .NET date and time format string, in the invariant culture.
///
/// Logic Apps passes its format argument to .NET's `DateTime.ToString`, so definitions use .NET
/// patterns ("o", "yyyy-MM-dd", "dddd, dd MMMM"). All timestamps here are UTC, so `K` is `Z` and
/// `zzz` is `+00:00`.
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

    /// The patterns behind the one-letter standard formats (invariant culture).
    static let standardFormats: [Character: String] = [
        "d": "MM/dd/yyyy",
        "D": "dddd, dd MMMM yyyy",
        "f": "dddd, dd MMMM yyyy HH:mm",
        "F": "dddd, dd MMMM yyyy HH:mm:ss",
        "g": "MM/dd/yyyy HH:mm",
        "G": "MM/dd/yyyy HH:mm:ss",
        "m": "MMMM dd", "M": "MMMM dd",
        "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
        "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "t": "HH:mm",
        "T": "HH:mm:ss",
        "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        "U": "dddd, dd MMMM yyyy HH:mm:ss",
        "y": "yyyy MMMM", "Y": "yyyy MMMM",
    ]

    /// Formats `timestamp`; an empty format means "o", the Logic Apps default.
    static func format(_ timestamp: Timestamp, _ format: String) throws(Problem) -> String {
        if format.isEmpty { return try custom(timestamp, Array(standardFormats["o"] ?? "")) }
        if format.count == 1, let letter = format.first {
            // .NET reads any one-character format as a standard format, never as a custom pattern.
            guard let pattern = standardFormats[letter] else {
                throw Problem(message: "'\(format)' is not a standard date and time format (use one of d D f F g G m o r s t T u U y, or a custom pattern)")
            }
            return try custom(timestamp, Array(pattern))
        }
        return try custom(timestamp, Array(format))
    }

    private static func custom(_ timestamp: Timestamp, _ pattern: [Character]) throws(Problem) -> String {
        let fields = timestamp.fields
        var out = ""
        var index = 0
        while index < pattern.count {
            let character = pattern[index]
            // How many times the same letter repeats decides the width ("MM" vs "MMMM").
            var run = 1
            while index + run < pattern.count, pattern[index + run] == character { run += 1 }
            switch character {
            case "y":
                let year = fields.year
                out += run == 1 ? String(year % 100) : padded(run == 2 ? year % 100 : year, to: run)
            case "M":
                switch run {
                case 1: out += String(fields.month)
                case 2: out += padded(fields.month, to: 2)
                case 3: out += String(monthNames[fields.month - 1].prefix(3))
                default: out += monthNames[fields.month - 1]
                }
            case "d":
                switch run {
                case 1: out += String(fields.day)
                case 2: out += padded(fields.day, to: 2)
                case 3: out += String(dayNames[fields.weekday].prefix(3))
                default: out += dayNames[fields.weekday]
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
                guard run <= 7 else { throw Problem(message: "'\(String(repeating: character, count: run))' asks for more than 7 fraction digits") }
                var digits = String(padded(fields.ticks, to: 7).prefix(run))
                if character == "F" {
                    // "F" drops trailing zeros, and with them a '.' that would be left dangling.
                    while digits.last == "0" { digits.removeLast() }
                    if digits.isEmpty, out.last == "." { out.removeLast() }
                }
                out += digits
            case "t":
                let designator = fields.hour < 12 ? "AM" : "PM"
                out += run == 1 ? String(designator.prefix(1)) : designator
            case "K":
                out += String(repeating: "Z", count: run)
            case "z":
                out += run == 1 ? "+0" : (run == 2 ? "+00" : "+00:00")
            case "g":
                out += "A.D."
            case "'", "\"":
                // Quoted literal text; the same quote closes it, and \ escapes a character inside.
                var closing = index + 1
                var literal = ""
                while closing < pattern.count, pattern[closing] != character {
                    if pattern[closing] == "\\", closing + 1 < pattern.count { closing += 1 }
                    literal.append(pattern[closing])
                    closing += 1
                }
                guard closing < pattern.count else { throw Problem(message: "the format has an unclosed \(character) quote") }
                out += literal
                index = closing + 1
                continue
            case "\\":
                guard index + 1 < pattern.count else { throw Problem(message: "the format ends with a lone '\\'") }
                out.append(pattern[index + 1])
                index += 2
                continue
            case "%":
                // "%d" is the custom "d" on its own (a bare "d" would be the standard short date).
                guard index + 1 < pattern.count, pattern[index + 1] != "%" else {
                    throw Problem(message: "'%' must be followed by a format letter")
                }
                index += 1
                continue
            default:
                out += String(repeating: character, count: run)
            }
            index += run
        }
        return out
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
