/// Lines of text in a box, scrolled by the reader: the help and the message log.
///
/// The lines are laid out for the box's width by whoever owns them (wrapped, never cut); the
/// pager keeps the scroll and draws the box, with `↓ more` or `end` at the bottom edge.
struct TextPager: Equatable, Sendable {
    var scroll = 0

    /// What the reader's keys do.
    enum Move: Sendable {
        case line(Int)
        case page(Int)
        case top
        case bottom
    }

    mutating func move(_ move: Move, lineCount: Int, height: Int) {
        let page = max(1, height - 1)
        switch move {
        case .line(let count): scroll += count
        case .page(let count): scroll += count * page
        case .top: scroll = 0
        case .bottom: scroll = lineCount
        }
        scroll = max(0, min(scroll, lineCount - height))
    }

    /// A mouse wheel step: three lines up or down; other buttons do nothing.
    mutating func wheel(_ button: MouseButton, lineCount: Int, height: Int) {
        if button == .wheelDown { move(.line(3), lineCount: lineCount, height: height) }
        if button == .wheelUp { move(.line(-3), lineCount: lineCount, height: height) }
    }

    /// The box in `area`: its whole width and height.
    static func frame(in area: Rect) -> Rect { area }

    /// Rows of text the box holds.
    static func textHeight(in area: Rect) -> Int { max(0, frame(in: area).height - 2) }

    /// Width of the text inside the box (one column of margin on each side).
    static func textWidth(in area: Rect) -> Int { max(1, frame(in: area).width - 4) }

    func render(_ lines: [[TextSpan]], title: String, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        let rect = Self.frame(in: area)
        guard rect.height > 2, rect.width > 4 else { return }
        buffer.fill(rect, role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: title, titleRole: .title)
        let text = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        let first = max(0, min(scroll, lines.count - text.height))
        for (row, spans) in lines.dropFirst(first).prefix(text.height).enumerated() {
            buffer.put(spans: spans, at: text.x, y: text.y + row, maxWidth: text.width, glyphs: glyphs)
        }
        if lines.count > text.height {
            let mark = glyphs.adapt(first + text.height < lines.count ? " ↓ more " : " end ")
            buffer.put(mark, at: rect.maxX - 2 - TextLayout.width(mark), y: rect.maxY - 1, role: .dim)
        }
    }
}

/// The keys of the help and the message log.
enum PagerKeys {
    enum Action: Sendable {
        case scroll
        case page
        case ends
        case close
    }

    static let keyMap = KeyMap<Action>(.reading, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓", help: "scroll a line", action: .scroll),
        KeyBinding([.pageUp, .pageDown, .character(" ")], "page", label: "PgUp PgDn  Space", help: "scroll a page", footer: false, action: .page),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End", help: "the top / the end",
                   footer: false, action: .ends),
        KeyBinding([.escape], "back", help: "close", action: .close),
    ])

    /// What a pager key does, for `key` (whose binding is `action`).
    static func move(for action: Action, key: Key) -> TextPager.Move? {
        switch action {
        case .scroll: (key == .up || key == .character("k")) ? .line(-1) : .line(1)
        case .page: key == .pageUp ? .page(-1) : .page(1)
        case .ends: (key == .character("g") || key == .home) ? .top : .bottom
        case .close: nil
        }
    }
}
