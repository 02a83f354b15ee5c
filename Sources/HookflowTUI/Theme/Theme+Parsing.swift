extension Theme {
    /// Parses a theme file's text; `file` names it in errors (`Themes/bad.theme:7: ...`).
    ///
    /// The format, one setting per line, `#` starts a comment:
    ///
    /// ```text
    /// name = default
    /// normal       = default
    /// card.border  = 244 on default, bold
    /// status.failed = red
    /// selection    = reverse, bold
    /// ```
    ///
    /// A style is `FOREGROUND [on BACKGROUND]` followed by comma-separated attributes, or attributes alone.
    /// Colours are `default`, the 16 ANSI names (`red`, `bright-black`, ...) or 0-255; attributes are
    /// `bold`, `dim`, `italic`, `underline` and `reverse`. Keys are the raw values of ``StyleRole``.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var name: String?
        var styles: [StyleRole: Style] = [:]
        var firstLines: [StyleRole: Int] = [:]
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            let content = trimmed(rawLine.prefix { $0 != "#" })
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: number, problem: .malformedLine(content))
            }
            let key = trimmed(content[..<equals])
            let value = trimmed(content[content.index(after: equals)...])
            guard !key.isEmpty else { throw ThemeError(file: file, line: number, problem: .malformedLine(content)) }
            switch key {
            case "name":
                guard !value.isEmpty else { throw ThemeError(file: file, line: number, problem: .malformedLine(content)) }
                name = value
            case "description":
                continue
            default:
                guard let role = StyleRole(rawValue: key) else {
                    throw ThemeError(file: file, line: number, key: key, problem: .unknownRole(key))
                }
                if let first = firstLines[role] {
                    throw ThemeError(file: file, line: number, key: key, problem: .duplicate(firstLine: first))
                }
                do {
                    styles[role] = try parseStyle(value)
                } catch {
                    throw ThemeError(file: file, line: number, key: key, problem: error)
                }
                firstLines[role] = number
            }
        }
        return Theme(name: name ?? defaultName(for: file), styles: styles)
    }

    /// Parses one style value (`244 on default, bold`).
    static func parseStyle(_ value: String) throws(ThemeError.Problem) -> Style {
        let parts = value.split(separator: ",").map { trimmed($0) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw .emptyStyle }
        var style = Style()
        var colourSeen = false
        for (index, part) in parts.enumerated() {
            let words = part.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.count == 1, let attribute = attribute(named: words[0]) {
                style.attributes.insert(attribute)
                continue
            }
            if index > 0 || colourSeen {
                // Colours come first; anything else after a comma is meant as an attribute.
                if words.count == 1, words[0].lowercased() != "on", TerminalColor(name: words[0]) == nil {
                    throw .unknownAttribute(words[0])
                }
                throw .unexpectedWord(part)
            }
            var rest = words[...]
            if rest.first?.lowercased() != "on", let word = rest.popFirst() {
                style.foreground = try colour(named: word)
            }
            if let word = rest.popFirst() {
                guard word.lowercased() == "on" else { throw .unexpectedWord(word) }
                guard let background = rest.popFirst() else { throw .missingBackground }
                style.background = try colour(named: background)
            }
            if let extra = rest.first { throw .unexpectedWord(extra) }
            colourSeen = true
        }
        return style
    }

    private static func colour(named word: String) throws(ThemeError.Problem) -> TerminalColor {
        if let colour = TerminalColor(name: word) { return colour }
        // An attribute where a colour belongs (`bold red`): explain the order instead of calling it a colour.
        if attribute(named: word) != nil { throw .unexpectedWord(word) }
        throw .unknownColour(word)
    }

    private static func attribute(named word: String) -> Style.Attributes? {
        Style.Attributes.named.first { $0.name == word.lowercased() }?.attribute
    }

    private static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    private static func defaultName(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".theme") ? String(base.dropLast(".theme".count)) : base
    }
}
