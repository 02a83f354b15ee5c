/// The `/` search box, on the last line of the screen that opened it (vim and less put it there):
/// Enter looks for the text, and `n` / `N` on that screen go to the next and previous match.
struct SearchScreen: Screen {
    enum Action: Sendable {
        case search
        case cancel
    }

    static let keyMap = KeyMap<Action>(.search, [
        KeyBinding.note("type", "the text to look for (any part of a name or id, upper or lower case)", action: .search),
        KeyBinding([.enter], "search", help: "go to the first match; n N then go to the next / previous one", action: .search),
        KeyBinding([.escape], "back", help: "leave the search", action: .cancel),
    ])

    /// What is looked for (`steps`, `runs by id`).
    let what: String
    var field: TextField

    init(what: String, query: String = "") {
        self.what = what
        self.field = TextField(query)
    }

    var keyHelp: KeyHelp { Self.keyMap.help }
    var isOverlay: Bool { true }
    var isTyping: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { Self.keyMap.hints { _ in true } }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        switch Self.keyMap.action(for: key) {
        case .search?: context.finishSearch(field.text)
        case .cancel?: context.finishSearch(nil)
        case nil: return field.handle(key) ? [] : nil
        }
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        guard area.height > 0 else { return }
        let y = area.maxY - 1
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .search)
        let label = "/ search \(what): "
        let used = buffer.put(label, at: area.x, y: y, role: .search)
        let width = max(1, area.width - used - 1)
        let visible = field.visible(width: width)
        buffer.put(visible.text, at: area.x + used, y: y, role: .search, maxWidth: width)
        buffer.cursor = (area.x + used + visible.cursorColumn, y)
    }
}
