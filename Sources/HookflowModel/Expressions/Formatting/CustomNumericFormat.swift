/// A .NET custom numeric format such as `'#,##0.00'`, `'0.0%'`, `'(###) ###-####'` or
/// `'#,##0;(#,##0);zero'`, applied the way .NET applies it.
///
/// Digits fill the `0` and `#` placeholders from the decimal point outwards; integer digits
/// beyond the placeholders all go where the first one is; a `,` between placeholders groups by
/// thousands and one right before the point divides by 1,000; `%` multiplies by 100; literal text
/// stays where it is written. Up to three sections separated by `;` format positive, negative and
/// zero values.
struct CustomNumericFormat {
    let pattern: [Character]
    let culture: Culture

    func format(_ number: DecimalDigits) -> String {
        let sections = split(pattern)
        var value = number
        var section = sections[0]
        var writesSign = value.isNegative
        if value.isNegative, sections.count > 1, !sections[1].isEmpty {
            section = sections[1]
            writesSign = false // The negative section writes its own sign, if any.
        }
        let layout = Layout(section)
        value.point += layout.scale
        value.round(fractionDigits: layout.maximumDecimals)
        if value.isZero, sections.count > 2 {
            return Self(pattern: sections[2], culture: culture).format(DecimalDigits(0))
        }
        let text = write(value, section, layout)
        return writesSign && !value.isZero ? "-" + text : text
    }

    /// Splits at unquoted `;` (at most three sections).
    private func split(_ pattern: [Character]) -> [[Character]] {
        var sections: [[Character]] = [[]]
        var quote: Character?
        var index = 0
        while index < pattern.count {
            let character = pattern[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "\\", index + 1 < pattern.count {
                sections[sections.count - 1].append(character)
                index += 1
            } else if character == ";", sections.count < 3 {
                sections.append([])
                index += 1
                continue
            }
            sections[sections.count - 1].append(pattern[index])
            index += 1
        }
        return sections
    }

    /// What a section asks for, read before any digit is written.
    private struct Layout {
        var integerPlaceholders = 0
        /// Index (among the integer placeholders) of the first `0`: from there on, zeros are written.
        var firstZero = Int.max
        var minimumDecimals = 0
        var maximumDecimals = 0
        var grouped = false
        /// Powers of ten the value is multiplied by (`%` +2, `‰` +3, each scaling `,` -3).
        var scale = 0

        init(_ section: [Character]) {
            var afterPoint = false
            var pendingCommas = 0
            var index = 0
            while index < section.count {
                let character = section[index]
                switch character {
                case "0", "#":
                    if afterPoint {
                        maximumDecimals += 1
                        if character == "0" { minimumDecimals = maximumDecimals }
                    } else {
                        if pendingCommas > 0 { grouped = true }
                        pendingCommas = 0
                        if character == "0", firstZero == .max { firstZero = integerPlaceholders }
                        integerPlaceholders += 1
                    }
                case ",":
                    if !afterPoint, integerPlaceholders > 0 { pendingCommas += 1 }
                case ".":
                    if !afterPoint { scale -= 3 * pendingCommas }
                    pendingCommas = 0
                    afterPoint = true
                case "%": scale += 2
                case "‰": scale += 3
                case "'", "\"":
                    index += 1
                    while index < section.count, section[index] != character { index += 1 }
                case "\\": index += 1
                default: break
                }
                index += 1
            }
            if !afterPoint { scale -= 3 * pendingCommas }
        }
    }

    private func write(_ value: DecimalDigits, _ section: [Character], _ layout: Layout) -> String {
        let integer = value.integerDigits
        var fraction = value.fractionDigits
        if fraction.count < layout.minimumDecimals { fraction += Array(repeating: 0, count: layout.minimumDecimals - fraction.count) }
        var out = ""
        var placeholder = 0 // Integer placeholders written so far.
        var decimalIndex = 0
        var afterPoint = false
        var index = 0
        func writeDigit(at position: Int) {
            // `position` counts from the right of the integer part, 0 being the units.
            if position < integer.count {
                out += String(integer[integer.count - 1 - position])
            } else {
                out += "0"
            }
            if layout.grouped, position > 0, position % 3 == 0 { out += culture.groupSeparator }
        }
        while index < section.count {
            let character = section[index]
            switch character {
            case "0", "#":
                if afterPoint {
                    if decimalIndex < fraction.count { out += String(fraction[decimalIndex]) }
                    decimalIndex += 1
                    break
                }
                let position = layout.integerPlaceholders - 1 - placeholder
                if placeholder == 0 {
                    // Digits beyond the placeholders all go where the first one is.
                    for extra in stride(from: integer.count - 1, to: position, by: -1) { writeDigit(at: extra) }
                }
                if position < integer.count || placeholder >= layout.firstZero {
                    writeDigit(at: position)
                }
                placeholder += 1
            case ".":
                if !afterPoint, !fraction.isEmpty { out += culture.decimalSeparator }
                afterPoint = true
            case ",":
                break
            case "%": out += "%"
            case "‰": out += "‰"
            case "'", "\"":
                index += 1
                while index < section.count, section[index] != character {
                    out.append(section[index])
                    index += 1
                }
            case "\\":
                if index + 1 < section.count {
                    index += 1
                    out.append(section[index])
                }
            default:
                out.append(character)
            }
            index += 1
        }
        return out
    }
}
