extension TextSpan {
    /// A line of spans broken into lines of at most `width` cells, so nothing is cut: at the last
    /// space that fits when there is one, else at the width (a URL); lines after the first start
    /// with `indent` spaces.
    ///
    /// ```swift
    /// TextSpan.wrap([TextSpan("code ", .dim), TextSpan("ActionFailed", .normal)], width: 8)
    /// // [[code ], [ActionFa], [iled]]
    /// ```
    static func wrap(_ spans: [TextSpan], width: Int, indent: Int = 0) -> [[TextSpan]] {
        let width = max(1, width)
        let total = spans.reduce(0) { $0 + TextLayout.width($1.text) }
        guard total > width else { return [spans] }
        var pieces: [(character: Character, role: StyleRole, own: Bool)] = []
        for span in spans { for character in span.text { pieces.append((character, span.role, span.isOwn)) } }
        let indent = min(max(0, indent), width / 2)
        var lines: [[TextSpan]] = []
        var start = 0
        var first = true
        while start < pieces.count {
            let room = first ? width : width - indent
            var used = 0
            var end = start
            var lastSpace: Int?
            while end < pieces.count {
                let cells = CellWidth.of(pieces[end].character)
                if used + cells > room { break }
                if pieces[end].character == " " { lastSpace = end }
                used += cells
                end += 1
            }
            if end == start { end = start + 1 }  // A character wider than the line: take it anyway.
            if end < pieces.count, let space = lastSpace, space > start { end = space + 1 }
            var line: [TextSpan] = first || indent == 0 ? [] : [TextSpan(String(repeating: " ", count: indent), .normal)]
            for piece in pieces[start..<end] {
                if let last = line.last, last.role == piece.role, last.isOwn == piece.own {
                    line[line.count - 1].text.append(piece.character)
                } else {
                    line.append(TextSpan(String(piece.character), piece.role, own: piece.own))
                }
            }
            lines.append(line)
            start = end
            first = false
        }
        return lines
    }
}
