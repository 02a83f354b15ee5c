extension String {
    /// The text with line breaks and other control characters written as escapes (`\n`, `\r`,
    /// `\t`, `\u{2028}`), so a message that quotes input — a key, a step name, an expression —
    /// stays on one line (SPEC §2: problems are one line each).
    var oneLine: String {
        guard unicodeScalars.contains(where: \.breaksMessageLine) else { return self }
        var text = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.breaksMessageLine {
                    text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text
    }
}

extension Unicode.Scalar {
    /// Control characters (C0, DEL, C1 such as U+0085) and the Unicode line and paragraph
    /// separators: what could end or garble a line of a message.
    var breaksMessageLine: Bool {
        properties.generalCategory == .control || value == 0x2028 || value == 0x2029
    }
}
