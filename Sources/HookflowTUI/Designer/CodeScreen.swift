import HookflowModel

/// The code view: the definition as pretty JSON, scrollable; `e` edits it in `$EDITOR` and
/// re-imports it (an undoable edit). Text that does not import is kept for the next `e`.
struct CodeScreen: Screen {
    enum Action: Sendable {
        case scroll, page, ends, edit, undo, redo, close, code
    }

    static let keyMap = KeyMap<Action>(.code, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓", help: "scroll a line", action: .scroll),
        KeyBinding([.pageUp, .pageDown, .character(" ")], "page", label: "PgUp PgDn  Space", help: "scroll a page", footer: false, action: .page),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End", help: "the top / the end",
                   footer: false, action: .ends),
        KeyBinding([.character("e")], "edit", help: "edit the definition in $VISUAL / $EDITOR (else vi) and re-import it", action: .edit),
        KeyBinding([.character("u")], "undo", help: "undo the last edit", footer: false, action: .undo),
        KeyBinding([.ctrl("r")], "redo", help: "redo what u undid", footer: false, action: .redo),
        KeyBinding([.character("v")], "code", help: "the canvas again (v toggles the code view)", footer: false, action: .code),
        KeyBinding([.escape], "back", help: "back to the canvas", action: .close),
    ])

    var code = CodeView()
    private var area = Rect(width: 80, height: 21)

    var keyHelp: KeyHelp { Self.keyMap.help }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { Self.keyMap.hints { _ in true } }

    mutating func layout(area: Rect, _ context: WorkbenchContext) { self.area = area }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        let lineCount = CodeView.text(of: context.designer.definition).split(separator: "\n", omittingEmptySubsequences: false).count
        let page = max(1, area.height - 2)
        switch action {
        case .scroll: code.scroll(by: key == .up || key == .character("k") ? -1 : 1, lineCount: lineCount, pageHeight: page)
        case .page: code.scroll(by: key == .pageUp ? -page : page, lineCount: lineCount, pageHeight: page)
        case .ends:
            if key == .character("g") || key == .home { code.scroll = 0 } else { code.scroll(by: lineCount, lineCount: lineCount, pageHeight: page) }
        case .edit:
            return [.editExternally(code.pendingText ?? CodeView.text(of: context.designer.definition))]
        case .undo:
            if let label = context.designer.undo() { context.say("Undid \(label) (Ctrl-R redoes it)") } else { context.say("Nothing to undo") }
        case .redo:
            if let label = context.designer.redo() { context.say("Redid \(label)") } else { context.say("Nothing to redo") }
        case .close, .code:
            context.close()
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        let lineCount = CodeView.text(of: context.designer.definition).split(separator: "\n", omittingEmptySubsequences: false).count
        if button == .wheelDown { code.scroll(by: 3, lineCount: lineCount, pageHeight: area.height - 2) }
        if button == .wheelUp { code.scroll(by: -3, lineCount: lineCount, pageHeight: area.height - 2) }
        return []
    }

    /// `$EDITOR` closed: imports the text (an undoable edit), or keeps it for the next `e`.
    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .edited(let result) = event else { return [] }
        switch result {
        case .failure(let failure):
            context.say(failure.message, isError: true)
        case .success(let text):
            switch CodeView.importing(text) {
            case .success(let edited):
                code.pendingText = nil
                code.error = nil
                guard !edited.value.isIdentical(to: context.designer.definition.value) else {
                    context.say("No changes")
                    return []
                }
                context.designer.apply(edited, label: "the edit in $EDITOR")
                context.say("Imported the edited definition (not saved yet; u undoes it)")
            case .failure(let failure):
                code.pendingText = text
                code.error = failure.message
                context.say("\(failure.message); e reopens your text", isError: true)
            }
        }
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        guard area.height > 2 else { return }
        buffer.fill(area, role: .normal)
        buffer.drawBox(area, role: .border, glyphs: glyphs, title: "Code view \(glyphs.separator) \(context.designer.appName)", titleRole: .title)
        let inner = area.inset(by: 1)
        var top = inner
        if let error = code.error {
            buffer.put(TextLayout.truncate("\(glyphs.statusFailed) \(error)", to: inner.width - 2, ellipsis: glyphs.ellipsis), at: inner.x + 1, y: inner.y, role: .errorMark)
            top = inner.inset(top: 1)
        }
        let lines = CodeView.text(of: context.designer.definition).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let numberWidth = String(lines.count).count
        let first = max(0, min(code.scroll, lines.count - top.height))
        for (row, line) in lines.dropFirst(first).prefix(top.height).enumerated() {
            let y = top.y + row
            let number = String(first + row + 1)
            buffer.put(String(repeating: " ", count: numberWidth - number.count) + number, at: top.x + 1, y: y, role: .dim)
            var x = top.x + 2 + numberWidth
            for span in JSONLineHighlighter.spans(line) {
                guard x < top.maxX else { break }
                x += buffer.put(span.text, at: x, y: y, role: span.role, maxWidth: top.maxX - x)
            }
        }
        let position = "\(first + 1)-\(min(lines.count, first + top.height)) of \(lines.count) "
        buffer.put(position, at: area.maxX - 1 - TextLayout.width(position), y: area.maxY - 1, role: .dim)
    }
}
