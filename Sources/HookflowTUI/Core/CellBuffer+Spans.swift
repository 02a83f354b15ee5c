/// A piece of text in one role, for lines that mix roles (`Order_events: ` then a coloured status).
struct TextSpan: Equatable, Sendable {
    var text: String
    var role: StyleRole
    /// Hookflow's own words (`· took `), spelled in ASCII with ASCII glyphs; the user's text is drawn as it is.
    var isOwn: Bool

    init(_ text: String, _ role: StyleRole, own: Bool = false) {
        self.text = text
        self.role = role
        self.isOwn = own
    }
}

extension CellBuffer {
    /// Writes spans one after another within `maxWidth` columns; when they do not all fit, the
    /// last visible one ends with `ellipsis`. Returns the columns used.
    @discardableResult
    mutating func put(spans: [TextSpan], at x: Int, y: Int, maxWidth: Int, glyphs: Glyphs, override role: StyleRole? = nil) -> Int {
        guard maxWidth > 0 else { return 0 }
        let ellipsis = glyphs.ellipsis
        let spans = spans.map { span in span.isOwn ? TextSpan(glyphs.adapt(span.text), span.role) : span }
        let total = spans.reduce(0) { $0 + TextLayout.width($1.text) }
        var used = 0
        if total <= maxWidth {
            for span in spans { used += put(span.text, at: x + used, y: y, role: role ?? span.role) }
            return used
        }
        // Cut: keep room for the ellipsis and put it in the role of the span it cuts.
        let room = maxWidth - TextLayout.width(ellipsis)
        for span in spans {
            let width = TextLayout.width(span.text)
            if used + width <= room {
                used += put(span.text, at: x + used, y: y, role: role ?? span.role)
                continue
            }
            var kept = TextLayout.prefix(span.text, width: max(0, room - used))
            while kept.last?.isWhitespace == true { kept.removeLast() }
            used += put(kept + ellipsis, at: x + used, y: y, role: role ?? span.role, maxWidth: maxWidth - used)
            break
        }
        return used
    }
}
