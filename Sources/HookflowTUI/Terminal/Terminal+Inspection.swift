import CNcursesw

/// Reading back what curses holds, for tests that run the real curses layer headlessly (tig style).
extension Terminal {
    /// One cell as curses' model of the terminal (`curscr`) holds it after the last update.
    struct ScreenCell: Equatable {
        var text: String
        var attributes: attr_t
        var pair: Int16
    }

    /// The rows curses believes the terminal shows, wide characters once each (like ``CellBuffer/lines``).
    func screenLines() -> [String] {
        (0..<size.height).map { y in
            var line = ""
            var x = 0
            while x < size.width {
                let cell = screenCell(x: x, y: y)
                line += cell.text
                x += max(1, CellWidth.of(cell.text))
            }
            return line
        }
    }

    /// The cell at (x, y) of curses' model of the terminal.
    func screenCell(x: Int, y: Int) -> ScreenCell {
        var text = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        guard screen != nil, hf_read_cell(hf_curscr(), Int32(y), Int32(x), &text, Int32(text.count), &attributes, &pair) == OK else {
            return ScreenCell(text: "", attributes: 0, pair: 0)
        }
        let scalars = text.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return ScreenCell(text: String(String.UnicodeScalarView(scalars)), attributes: attributes, pair: pair)
    }

    /// The attributes and pair the theme gives `role` here, to compare with ``screenCell(x:y:)``.
    func expectedCell(_ role: StyleRole) -> (attributes: attr_t, pair: Int16) {
        resolvedStyle(role)
    }

    /// Resizes curses as a SIGWINCH would; the next ``nextEvent(timeout:)`` reports it.
    func simulateResize(width: Int, height: Int) {
        guard screen != nil else { return }
        resizeterm(Int32(height), Int32(width))
    }
}
