extension Glyphs {
    /// The separator between parts of a line (`HTTP Webhook · POST …`).
    public var separator: String { isASCII ? "-" : "·" }

    /// Hookflow's own text (hints, help, messages) with its few non-ASCII marks spelled in ASCII
    /// when the glyphs are ASCII; never applied to the user's text.
    public func adapt(_ text: String) -> String {
        guard isASCII else { return text }
        var result = ""
        for character in text {
            switch character {
            case "·": result += "-"
            case "…": result += "..."
            case "↑": result += "Up"
            case "↓": result += "Dn"
            case "←": result += "Left"
            case "→": result += "Right"
            case "●": result += "*"
            case "—", "–": result += "-"
            case "▸": result += ">"
            default: result.append(character)
            }
        }
        return result
    }
}
