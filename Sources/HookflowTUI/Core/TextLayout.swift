/// Measuring, truncating, padding and wrapping text by display width (cells), not by characters.
///
/// ```swift
/// TextLayout.truncate("Send approval email", to: 10)                    // "Send appr…"
/// TextLayout.truncate("Send approval email", to: 10, ellipsis: "...")   // "Send ap..."
/// TextLayout.pad("GET", to: 6, alignment: .trailing)                    // "   GET"
/// TextLayout.wrap("Waits for a callback from the service", width: 16)
/// // ["Waits for a", "callback from", "the service"]
/// ```
public enum TextLayout {
    /// Where padding puts the text.
    public enum Alignment: Sendable {
        case leading, center, trailing
    }

    /// The display width of `text` in cells.
    public static func width(_ text: String) -> Int {
        CellWidth.of(text)
    }

    /// `text` cut to at most `width` cells, ending with `ellipsis` when something was cut.
    ///
    /// Pass ``Glyphs/ellipsis`` so ASCII terminals get `...`. When even the ellipsis does not fit,
    /// the text is cut without one. Spaces before the ellipsis are dropped.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if self.width(text) <= width { return text }
        let ellipsisWidth = self.width(ellipsis)
        guard ellipsisWidth < width else { return prefix(text, width: width) }
        var kept = prefix(text, width: width - ellipsisWidth)
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + ellipsis
    }

    /// `text` padded with spaces to exactly `width` cells; text already as wide or wider is returned unchanged.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        let missing = width - self.width(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .leading: return text + String(repeating: " ", count: missing)
        case .trailing: return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }

    /// `text` truncated and then padded: exactly `width` cells (one less only when a wide character would be cut).
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .leading, ellipsis: String = "…") -> String {
        pad(truncate(text, to: width, ellipsis: ellipsis), to: width, alignment: alignment)
    }

    /// `text` broken into lines of at most `width` cells, at spaces where possible.
    ///
    /// Newlines start a new line; runs of spaces between words collapse to one; a word wider than
    /// the line is split across lines. Empty text gives one empty line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var wordWidth = self.width(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let head = prefix(word, width: width)
                    // A wide character in a one-cell line: take it anyway rather than loop forever.
                    let taken = head.isEmpty ? String(word.prefix(1)) : head
                    word.removeFirst(taken.count)
                    if word.isEmpty {
                        word = taken
                        wordWidth = self.width(taken)
                        break
                    }
                    lines.append(taken)
                    wordWidth = self.width(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// The longest prefix of `text` that fits in `width` cells.
    static func prefix(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = CellWidth.of(character)
            if used + characterWidth > width { break }
            result.append(character)
            used += characterWidth
        }
        return result
    }
}
