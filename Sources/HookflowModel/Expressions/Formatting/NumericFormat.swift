/// Writes a number with a .NET numeric format string (`'C2'`, `'N0'`, `'#,##0.00'`, `'0.0%'`),
/// as `formatNumber()` does with `number.ToString(format, culture)` in Logic Apps.
enum NumericFormat {
    /// Why a format cannot be used, for the error message.
    struct Problem: Error {
        let message: String
    }

    static func format(_ number: DecimalDigits, isInteger: Bool, _ format: String, culture: Culture) throws(Problem) -> String {
        let characters = Array(format)
        // One letter, optionally followed by a precision of up to two digits, is a standard format.
        if let letter = characters.first, letter.isLetter, characters.count <= 3, characters.dropFirst().allSatisfy(\.isASCIIDigit) {
            let precision = characters.count > 1 ? Int(String(characters.dropFirst())) : nil
            return try standard(number, isInteger: isInteger, letter, precision, culture)
        }
        return CustomNumericFormat(pattern: characters, culture: culture).format(number)
    }

    private static func standard(
        _ number: DecimalDigits, isInteger: Bool, _ letter: Character, _ precision: Int?, _ culture: Culture
    ) throws(Problem) -> String {
        var value = number
        switch letter {
        case "C", "c":
            value.round(fractionDigits: precision ?? 2)
            let amount = fixed(value, decimals: precision ?? 2, grouped: true, culture)
            let text = culture.currencyPattern.replacingOccurrences(of: "n", with: amount)
            return value.isNegative && !value.isZero ? "-" + text : text
        case "D", "d":
            guard isInteger else { throw Problem(message: "'\(letter)' formats integers only; use 'F' or 'N' for this number") }
            let digits = value.integerDigits.map(String.init).joined()
            let padded = String(repeating: "0", count: max(0, (precision ?? 0) - digits.count)) + (digits.isEmpty ? "0" : digits)
            return sign(value) + padded
        case "E", "e":
            return sign(value) + scientific(value, decimals: precision ?? 6, letter: letter, exponentDigits: 3, culture)
        case "F", "f", "N", "n":
            value.round(fractionDigits: precision ?? 2)
            return sign(value) + fixed(value, decimals: precision ?? 2, grouped: letter == "N" || letter == "n", culture)
        case "G", "g", "R", "r":
            return general(value, isInteger: isInteger, precision: letter == "R" || letter == "r" ? nil : precision, letter, culture)
        case "P", "p":
            value.point += 2
            value.round(fractionDigits: precision ?? 2)
            return sign(value) + fixed(value, decimals: precision ?? 2, grouped: true, culture) + "%"
        case "X", "x":
            guard isInteger, let int = Int(sign(value) + (value.integerDigits.isEmpty ? "0" : value.integerDigits.map(String.init).joined())) else {
                throw Problem(message: "'\(letter)' formats integers only")
            }
            // Negative numbers as 64-bit two's complement, as .NET writes a long.
            var hex = String(UInt64(bitPattern: Int64(int)), radix: 16, uppercase: letter == "X")
            if hex.count < (precision ?? 0) { hex = String(repeating: "0", count: (precision ?? 0) - hex.count) + hex }
            return hex
        default:
            throw Problem(message: "'\(letter)' is not a standard numeric format (use one of C D E F G N P R X, or a custom pattern such as '#,##0.00')")
        }
    }

    private static func sign(_ value: DecimalDigits) -> String { value.isNegative && !value.isZero ? "-" : "" }

    /// The absolute value with exactly `decimals` digits after the point (already rounded).
    static func fixed(_ value: DecimalDigits, decimals: Int, grouped: Bool, _ culture: Culture) -> String {
        let integer = value.integerDigits.map(String.init).joined()
        var text = integer.isEmpty ? "0" : integer
        if grouped { text = group(text, culture.groupSeparator) }
        guard decimals > 0 else { return text }
        let fraction = value.fractionDigits.map(String.init).joined()
        return text + culture.decimalSeparator + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }

    /// Digits in groups of three from the right.
    static func group(_ digits: String, _ separator: String) -> String {
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }

    private static func scientific(_ number: DecimalDigits, decimals: Int, letter: Character, exponentDigits: Int, _ culture: Culture) -> String {
        var value = number
        value.round(significantDigits: decimals + 1)
        let exponent = value.isZero ? 0 : value.point - 1
        let digits = value.digits + Array(repeating: 0, count: max(0, decimals + 1 - value.digits.count))
        var text = String(digits.first ?? 0)
        if decimals > 0 { text += culture.decimalSeparator + digits.dropFirst().prefix(decimals).map(String.init).joined() }
        let magnitude = String(abs(exponent))
        let e = letter.isUppercase ? "E" : "e"
        return text + e + (exponent < 0 ? "-" : "+") + String(repeating: "0", count: max(0, exponentDigits - magnitude.count)) + magnitude
    }

    /// 'G' and 'R': the shortest form, switching to an exponent for very large or small numbers.
    private static func general(_ number: DecimalDigits, isInteger: Bool, precision: Int?, _ letter: Character, _ culture: Culture) -> String {
        var value = number
        if let precision, precision > 0 { value.round(significantDigits: precision) }
        let exponent = value.isZero ? 0 : value.point - 1
        // Integers print every digit; floats switch at 1E+15 (or the precision) and below 1E-05, as .NET does.
        let limit = precision.flatMap { $0 > 0 ? $0 : nil } ?? (isInteger ? Int.max : 15)
        if exponent >= limit || exponent < -5 {
            let decimals = max(0, value.digits.count - 1)
            let mantissa = scientific(value, decimals: decimals, letter: letter == "g" ? "e" : "E", exponentDigits: 2, culture)
            return sign(value) + mantissa
        }
        let fraction = value.fractionDigits.count
        return sign(value) + fixed(value, decimals: fraction, grouped: false, culture)
    }
}
