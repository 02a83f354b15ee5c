import HookflowModel

/// The box that renames a step. Spaces become `_`, as the Logic Apps designer writes names
/// (`Wait for approval` is stored as `Wait_for_approval`); references in expressions follow.
struct RenameScreen: Screen {
    enum Action: Sendable {
        case type
        case rename
        case close
    }

    static let keyMap = KeyMap<Action>(.rename, [
        .note("type", "the new name (Ctrl-A Ctrl-E Ctrl-U Ctrl-W edit it)", action: .type),
        KeyBinding([.enter], "rename", help: "rename the step; runAfter entries and expressions that name it follow", action: .rename),
        KeyBinding([.escape], "back", help: "keep the old name", action: .close),
    ])

    let address: StepAddress
    var field: TextField
    var error: String?

    init(address: StepAddress) {
        self.address = address
        self.field = TextField(address.name)
    }

    var keyHelp: KeyHelp { Self.keyMap.help }
    var isOverlay: Bool { true }
    var isTyping: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { Self.keyMap.hints { _ in true } }

    /// The name a typed text is stored as: spaces become `_` (Logic Apps does the same).
    static func storedName(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_")
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        switch Self.keyMap.action(for: key) {
        case .close?: context.close()
        case .rename?: rename(&context)
        case .type?, nil:
            guard field.handle(key) else { return nil }
            error = nil
        }
        return []
    }

    private mutating func rename(_ context: inout WorkbenchContext) {
        let newName = Self.storedName(field.text)
        guard newName != address.name else {
            context.close()
            return
        }
        var edited = context.designer.definition
        do {
            try edited.renameStep(at: address, to: newName)
        } catch {
            self.error = error.description
            return
        }
        let renamed = StepAddress(container: address.container, name: newName)
        context.designer.apply(edited, label: "rename \(address.name) to \(newName)", focus: (.step(address), .step(renamed)))
        context.close()
        context.say("Renamed \(address.name) to \(newName); references in expressions follow")
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let width = min(60, area.width - 4)
        let errorLines = error.map { TextLayout.wrap($0, width: width - 4) } ?? []
        let stored = Self.storedName(field.text)
        let note = stored != field.text.trimmingCharacters(in: .whitespaces) ? TextLayout.wrap("stored as \(stored)", width: width - 4) : []
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, area.height / 2 - 3), width: width,
                        height: 5 + errorLines.count + note.count)
        buffer.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height), role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: "Rename \(address.isTrigger ? "trigger" : "action")", titleRole: .title)
        let label = "New name: "
        buffer.put(label, at: rect.x + 2, y: rect.y + 2, role: .label)
        let fieldX = rect.x + 2 + TextLayout.width(label)
        let fieldWidth = rect.maxX - 2 - fieldX
        let visible = field.visible(width: fieldWidth)
        buffer.fill(Rect(x: fieldX, y: rect.y + 2, width: fieldWidth, height: 1), role: .valueFocused)
        buffer.put(visible.text, at: fieldX, y: rect.y + 2, role: .valueFocused, maxWidth: fieldWidth)
        buffer.cursor = (fieldX + visible.cursorColumn, rect.y + 2)
        for (row, line) in note.enumerated() {
            buffer.put(line, at: rect.x + 2, y: rect.y + 3 + row, role: .dim)
        }
        for (row, line) in errorLines.enumerated() {
            buffer.put(line, at: rect.x + 2, y: rect.y + 3 + note.count + row, role: .errorMark)
        }
    }
}
