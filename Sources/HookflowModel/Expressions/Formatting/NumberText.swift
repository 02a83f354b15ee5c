/// Reads numbers written as text the way .NET's `Double.Parse` and `Int64.Parse` do, which is
/// what `float()`, `isFloat()`, `int()` and `isInt()` follow in Logic Apps.
///
/// .NET is lenient in ways the reference documents: `float('12,3,4,5678')` is 12345678 (group
/// separators anywhere after the first digit), `float('12345678.-')` is -12345678 (a trailing
/// sign), `float('.5')` is 0.5.
enum NumberText {
    /// The number in `text` as a JSON number literal (`-12345678`, `0.5`, `1.5e3`), or nil when
    /// the text is not one: surrounding white space, a leading or trailing sign, parentheses for a
    /// negative number, the culture's group separators after the first digit, its decimal
    /// separator and an exponent are allowed (.NET's `NumberStyles.Any` without currency). Not
    /// `lenient`, the trailing sign and the parentheses are not (`NumberStyles.Float | AllowThousands`).
    static func decimalLiteral(_ text: String, culture: Culture = .invariant, lenient: Bool = true) -> String? {
        var scanner = Scanner(Array(text))
        scanner.skipWhite()
        var negative = false
        var signSeen = false
        var parenthesis = false
        if scanner.take("-") { negative = true; signSeen = true }
        else if scanner.take("+") { signSeen = true }
        else if lenient, scanner.take("(") { negative = true; parenthesis = true }
        var integer = "", fraction = ""
        var pointSeen = false
        let decimal = Array(culture.decimalSeparator), group = Array(culture.groupSeparator)
        // Where the separator is a no-break space (fr-FR), people type a plain one; .NET takes both.
        let spaceGroups = culture.groupSeparator == "\u{00A0}" || culture.groupSeparator == "\u{202F}"
        while !scanner.isAtEnd {
            if let digit = scanner.digit() {
                if pointSeen { fraction.append(digit) } else { integer.append(digit) }
            } else if !pointSeen, scanner.take(decimal) {
                pointSeen = true
            } else if !pointSeen, !integer.isEmpty, !group.isEmpty, scanner.take(group) || (spaceGroups && scanner.take(" ")) {
                continue
            } else {
                break
            }
        }
        guard !(integer.isEmpty && fraction.isEmpty) else { return nil }
        var exponent = ""
        if scanner.take("e") || scanner.take("E") {
            if scanner.take("-") { exponent = "-" } else { _ = scanner.take("+") }
            var digits = ""
            while let digit = scanner.digit() { digits.append(digit) }
            guard !digits.isEmpty else { return nil }
            exponent += digits
        }
        scanner.skipWhite()
        if lenient, !signSeen, !parenthesis {
            if scanner.take("-") { negative = true } else { _ = scanner.take("+") }
            scanner.skipWhite()
        }
        if parenthesis {
            guard scanner.take(")") else { return nil }
            scanner.skipWhite()
        }
        guard scanner.isAtEnd else { return nil }
        let whole = integer.drop { $0 == "0" }
        var literal = (negative ? "-" : "") + (whole.isEmpty ? "0" : String(whole))
        if !fraction.isEmpty { literal += "." + fraction }
        if !exponent.isEmpty { literal += "e" + exponent }
        return literal
    }

    /// An integer as .NET's `NumberStyles.Integer` reads it: white space around an optional
    /// leading sign and digits; nil when it is not one or does not fit in 64 bits.
    static func integer(_ text: String) -> Int? {
        var scanner = Scanner(Array(text))
        scanner.skipWhite()
        var digits = scanner.take("-") ? "-" : ""
        if digits.isEmpty { _ = scanner.take("+") }
        var count = 0
        while let digit = scanner.digit() {
            digits.append(digit)
            count += 1
        }
        scanner.skipWhite()
        guard count > 0, scanner.isAtEnd else { return nil }
        return Int(digits)
    }

    private struct Scanner {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) { self.characters = characters }

        var isAtEnd: Bool { index == characters.count }

        mutating func skipWhite() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        mutating func take(_ character: Character) -> Bool { take([character]) }

        mutating func take(_ text: [Character]) -> Bool {
            guard !text.isEmpty, index + text.count <= characters.count,
                characters[index..<index + text.count].elementsEqual(text)
            else { return false }
            index += text.count
            return true
        }

        /// An ASCII digit, consumed.
        mutating func digit() -> Character? {
            guard index < characters.count, let ascii = characters[index].asciiValue, (48...57).contains(ascii) else { return nil }
            index += 1
            return characters[index - 1]
        }
    }
}
