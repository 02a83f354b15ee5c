/// A screen's worth of cells that views draw into; the terminal shows it with ``Terminal/present(_:)``.
///
/// Drawing is clipped to the buffer (and to `maxWidth`), so a view never needs to check bounds.
/// Wide characters always occupy a cell and its continuation: writing over either half of one
/// turns the other half into a space, and a wide character that would be cut by the right edge
/// becomes a space.
///
/// ```swift
/// var buffer = CellBuffer(width: 20, height: 3)
/// buffer.drawBox(buffer.bounds, role: .border, glyphs: .unicode, title: "Step")
/// buffer.put("GET 世界", at: 2, y: 1, role: .cardSummary, maxWidth: 16)
/// buffer.lines  // ["╭─ Step ───────────╮", "│ GET 世界         │", "╰──────────────────╯"]
/// ```
public struct CellBuffer: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Where the terminal shows its cursor (for text fields); `nil` hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { CursorPosition(x: $0.x, y: $0.y) } }
    }

    private(set) var cells: [Cell]
    private var cursorPosition: CursorPosition?

    /// A buffer of spaces in the given role.
    public init(width: Int, height: Int, role: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank() }
        return cells[y * width + x]
    }

    /// Writes `text` from column `x` on row `y`, clipped to the buffer and to `maxWidth` columns.
    ///
    /// Control characters (tab, newline) are drawn as spaces so they can never move the terminal's
    /// cursor; a lone combining mark joins the character before it. Text starting left of the buffer
    /// is clipped too, which makes horizontal scrolling a matter of a negative `x`.
    ///
    /// - Returns: the columns used from `x` (the clipped display width), so the next text goes at `x + used`.
    @discardableResult
    public mutating func put(_ text: String, at x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        var lastLead: Int?
        for character in text {
            // ASCII is most of any screen: decide it without Unicode property lookups.
            let isControl = if let ascii = character.asciiValue { ascii < 0x20 || ascii == 0x7F } else {
                character.unicodeScalars.first?.properties.generalCategory == .control
            }
            let cellText = isControl ? " " : String(character)
            let cellWidth = isControl ? 1 : CellWidth.of(character)
            if cellWidth == 0 {
                if let lastLead { cells[y * width + lastLead].text += cellText }
                continue
            }
            if column >= limit { break }
            if column + cellWidth > limit {
                // A wide character cut by the edge: its visible half becomes a space.
                if column >= 0 { set(.blank(role), x: column, y: y) }
                column = limit
                break
            }
            if column < 0 {
                // Cut by the left edge: the visible half becomes a space.
                if column + cellWidth > 0 { set(.blank(role), x: 0, y: y) }
                column += cellWidth
                continue
            }
            if cellWidth == 2 {
                breakWideCharacter(at: column + 1, y: y)
                set(Cell(text: cellText, width: 2, role: role), x: column, y: y)
                cells[y * width + column + 1] = .continuation(role)
            } else {
                set(Cell(text: cellText, width: 1, role: role), x: column, y: y)
            }
            lastLead = column
            column += cellWidth
        }
        return max(0, column - x)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole, with character: Character = " ") {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let characterWidth = max(1, CellWidth.of(character))
        if characterWidth == 1, character.unicodeScalars.first?.properties.generalCategory != .control {
            // One cell per column: write the cells directly, breaking only wide characters cut at the edges.
            let cell = Cell(text: String(character), width: 1, role: role)
            for y in area.y..<area.maxY {
                breakWideCharacter(at: area.x, y: y)
                breakWideCharacter(at: area.maxX - 1, y: y)
                let start = y * width
                for x in area.x..<area.maxX { cells[start + x] = cell }
            }
            return
        }
        let row = String(repeating: character, count: area.width / characterWidth + 1)
        for y in area.y..<area.maxY {
            let used = put(row, at: area.x, y: y, role: role, maxWidth: area.width)
            if used < area.width { put(" ", at: area.x + used, y: y, role: role) }
        }
    }

    /// Draws a border around the inside edge of `rect`, with an optional title on the top edge (`╭─ Title ──╮`).
    ///
    /// The inside is left as it is; fill it first for an opaque box. A title too long for the edge is
    /// truncated with the glyph set's ellipsis. Rectangles smaller than 2×2 draw nothing.
    public mutating func drawBox(_ rect: Rect, role: StyleRole, glyphs: Glyphs, title: String? = nil, titleRole: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let inner = rect.width - 2
        let edge = String(repeating: glyphs.horizontal, count: inner)
        put(glyphs.topLeft + edge + glyphs.topRight, at: rect.x, y: rect.y, role: role, maxWidth: rect.width)
        put(glyphs.bottomLeft + edge + glyphs.bottomRight, at: rect.x, y: rect.maxY - 1, role: role, maxWidth: rect.width)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, at: rect.x, y: y, role: role)
            put(glyphs.vertical, at: rect.maxX - 1, y: y, role: role)
        }
        if let title, !title.isEmpty, inner >= 5 {
            let label = " " + TextLayout.truncate(title, to: inner - 4, ellipsis: glyphs.ellipsis) + " "
            put(label, at: rect.x + 2, y: rect.y, role: titleRole ?? role, maxWidth: inner - 2)
        }
    }

    /// Writes one cell, first breaking any wide character it overlaps.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        breakWideCharacter(at: x, y: y)
        cells[y * width + x] = cell
    }

    /// If (x, y) is half of a wide character, turns the other half into a space so no half-character survives.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].role)
            cells[index] = .blank(cells[index].role)
        } else if cells[index].width == 2, x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].role)
        }
    }

    private struct CursorPosition: Hashable, Sendable {
        var x: Int
        var y: Int
    }
}
