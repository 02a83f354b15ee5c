/// A single line of editable text with a cursor: the search box, the rename box, a form's text fields.
///
/// Keys follow readline where terminals agree on them: Ctrl-A/Home and Ctrl-E/End, Ctrl-U clears
/// to the start, Ctrl-K to the end, Ctrl-W deletes the word before the cursor.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// The cursor, as a count of characters before it.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    /// Applies an editing key; returns whether the key was one (so the caller can use the rest).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert(character)
        case .backspace:
            guard cursor > 0 else { return true }
            remove(from: cursor - 1, to: cursor)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            remove(from: cursor, to: cursor + 1)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            remove(from: 0, to: cursor)
            cursor = 0
        case .ctrl("k"): remove(from: cursor, to: text.count)
        case .ctrl("w"):
            let characters = Array(text)
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            remove(from: start, to: cursor)
            cursor = start
        default: return false
        }
        return true
    }

    public mutating func insert(_ character: Character) {
        let index = text.index(text.startIndex, offsetBy: cursor)
        text.insert(character, at: index)
        cursor += 1
    }

    private mutating func remove(from start: Int, to end: Int) {
        guard start < end else { return }
        let lower = text.index(text.startIndex, offsetBy: start)
        let upper = text.index(text.startIndex, offsetBy: end)
        text.removeSubrange(lower..<upper)
    }

    /// What to draw in `width` columns so the cursor stays visible, and the cursor's column in it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let characters = Array(text)
        let before = TextLayout.width(String(characters[..<cursor]))
        // Scroll so the cursor sits inside the field, keeping one column for it at the end.
        var start = 0
        var offset = before
        while offset > width - 1, start < characters.count {
            offset -= CellWidth.of(characters[start])
            start += 1
        }
        let shown = TextLayout.truncate(String(characters[start...]), to: width, ellipsis: "")
        return (shown, offset)
    }
}
