/// Multi-line editable text with a cursor: a form's JSON body, a test callback's body.
///
/// Enter splits the line, Backspace at the start of a line joins it to the one above, the arrows
/// move across lines, Home/End (Ctrl-A/Ctrl-E) go to the ends of the line. The area shows
/// `visibleRows` lines and scrolls so the cursor stays inside them.
///
/// ```swift
/// var area = TextArea("{\n}")
/// area.handle(.up)
/// area.handle(.end)
/// area.handle(.character("1"))
/// area.text  // "{1\n}"
/// ```
///
/// Tab is not an editing key here: a form uses it to leave the area.
public struct TextArea: Hashable, Sendable {
    /// The lines, without their newlines; never empty.
    public private(set) var lines: [String]
    /// The cursor's line.
    public private(set) var row: Int
    /// The cursor, as a count of characters before it on its line.
    public private(set) var column: Int
    /// The first line shown.
    public private(set) var scrollRow = 0
    /// How many lines the area shows.
    public let visibleRows: Int
    /// The display column Up and Down try to keep (so moving through a short line does not lose it).
    private var goalColumn: Int?

    /// An area holding `text`, with the cursor at its end.
    public init(_ text: String = "", visibleRows: Int = 6) {
        self.visibleRows = max(1, visibleRows)
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.isEmpty { lines = [""] }
        self.row = lines.count - 1
        self.column = lines[lines.count - 1].count
        scrollToCursor()
    }

    /// The whole text, lines joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// Whether the cursor is on the first line (Up would leave the area).
    public var isOnFirstLine: Bool { row == 0 }
    /// Whether the cursor is on the last line (Down would leave the area).
    public var isOnLastLine: Bool { row == lines.count - 1 }

    /// Applies an editing key; returns whether it was one. Up on the first line and Down on the
    /// last are not, so the caller can move to the field above or below.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        var keepsGoal = false
        switch key {
        case .character(let character): insert(character)
        case .enter: insertNewline()
        case .backspace: deleteBackward()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .up, .ctrl("p"):
            guard row > 0 else { return false }
            moveVertically(by: -1)
            keepsGoal = true
        case .down, .ctrl("n"):
            guard row < lines.count - 1 else { return false }
            moveVertically(by: 1)
            keepsGoal = true
        case .pageUp:
            moveVertically(by: -min(row, visibleRows))
            keepsGoal = true
        case .pageDown:
            moveVertically(by: min(lines.count - 1 - row, visibleRows))
            keepsGoal = true
        case .home, .ctrl("a"): column = 0
        case .end, .ctrl("e"): column = lines[row].count
        case .ctrl("k"): lines[row] = String(lines[row].prefix(column))
        case .ctrl("u"):
            lines[row] = String(lines[row].dropFirst(column))
            column = 0
        default: return false
        }
        if !keepsGoal { goalColumn = nil }
        scrollToCursor()
        return true
    }

    /// Inserts one character at the cursor (a newline splits the line).
    public mutating func insert(_ character: Character) {
        if character == "\n" || character == "\r\n" || character == "\r" {
            insertNewline()
            return
        }
        var characters = Array(lines[row])
        characters.insert(character, at: column)
        lines[row] = String(characters)
        column += 1
        scrollToCursor()
    }

    /// Moves the cursor to a line and a display column (a mouse click), clamped to the text.
    public mutating func moveCursor(row newRow: Int, displayColumn: Int) {
        row = min(max(0, newRow), lines.count - 1)
        column = Self.characterIndex(in: lines[row], atDisplayColumn: displayColumn)
        goalColumn = nil
        scrollToCursor()
    }

    /// What to draw in `width` columns: the visible lines (all cut at the same horizontal offset, so
    /// columns line up) and the cursor's position among them.
    public func visible(width: Int) -> (lines: [String], cursorColumn: Int, cursorRow: Int) {
        guard width > 0 else { return ([], 0, row - scrollRow) }
        let before = TextLayout.width(String(lines[row].prefix(column)))
        // Scroll right only as far as the cursor needs, keeping one column for it at the end.
        let offset = max(0, before - (width - 1))
        let shown = lines[scrollRow..<min(lines.count, scrollRow + visibleRows)].map { line in
            TextLayout.truncate(Self.dropColumns(offset, from: line), to: width, ellipsis: "")
        }
        return (shown, before - offset, row - scrollRow)
    }

    // MARK: Editing

    private mutating func insertNewline() {
        let characters = Array(lines[row])
        lines[row] = String(characters[..<column])
        lines.insert(String(characters[column...]), at: row + 1)
        row += 1
        column = 0
    }

    private mutating func deleteBackward() {
        if column > 0 {
            var characters = Array(lines[row])
            characters.remove(at: column - 1)
            lines[row] = String(characters)
            column -= 1
        } else if row > 0 {
            let joined = lines.remove(at: row)
            row -= 1
            column = lines[row].count
            lines[row] += joined
        }
    }

    private mutating func deleteForward() {
        if column < lines[row].count {
            var characters = Array(lines[row])
            characters.remove(at: column)
            lines[row] = String(characters)
        } else if row < lines.count - 1 {
            lines[row] += lines.remove(at: row + 1)
        }
    }

    // MARK: Moving

    private mutating func moveLeft() {
        if column > 0 {
            column -= 1
        } else if row > 0 {
            row -= 1
            column = lines[row].count
        }
    }

    private mutating func moveRight() {
        if column < lines[row].count {
            column += 1
        } else if row < lines.count - 1 {
            row += 1
            column = 0
        }
    }

    private mutating func moveVertically(by delta: Int) {
        guard delta != 0 else { return }
        let goal = goalColumn ?? TextLayout.width(String(lines[row].prefix(column)))
        row = min(max(0, row + delta), lines.count - 1)
        column = Self.characterIndex(in: lines[row], atDisplayColumn: goal)
        goalColumn = goal
    }

    private mutating func scrollToCursor() {
        if row < scrollRow { scrollRow = row }
        if row >= scrollRow + visibleRows { scrollRow = row - visibleRows + 1 }
        // Never leave empty rows under the text while there is text above to show.
        scrollRow = max(0, min(scrollRow, lines.count - visibleRows))
    }

    /// The character index whose start is nearest to `displayColumn` without passing it.
    private static func characterIndex(in line: String, atDisplayColumn displayColumn: Int) -> Int {
        var used = 0
        var index = 0
        for character in line {
            let width = CellWidth.of(character)
            if used + width > displayColumn { break }
            used += width
            index += 1
        }
        return index
    }

    /// `line` without its first `columns` display columns (a wide character cut in half goes entirely).
    private static func dropColumns(_ columns: Int, from line: String) -> String {
        guard columns > 0 else { return line }
        var dropped = 0
        var rest = Substring(line)
        while dropped < columns, let first = rest.first {
            dropped += CellWidth.of(first)
            rest = rest.dropFirst()
        }
        return String(rest)
    }
}
