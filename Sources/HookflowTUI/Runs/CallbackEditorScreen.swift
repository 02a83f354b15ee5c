/// The test callback box over a run's detail (`s` on a waiting webhook action).
struct CallbackEditorScreen: Screen {
    enum Action: Sendable {
        case type, switchField, send, close
    }

    static let keyMap = KeyMap<Action>(.callback, [
        .note("type", "the JSON body; in the headers box, one Name: value a line", action: .type),
        KeyBinding([.tab, .backTab], "next field", label: "Tab", help: "the body / the headers", action: .switchField),
        KeyBinding([.ctrl("s")], "send", help: "send it (the body must be JSON); here Ctrl-S sends instead of saving the app", action: .send),
        KeyBinding([.escape], "back", help: "close the box; nothing is sent", action: .close),
    ])

    var editor: CallbackEditor

    init(_ editor: CallbackEditor) {
        self.editor = editor
    }

    var keyHelp: KeyHelp { Self.keyMap.help }
    var isOverlay: Bool { true }
    var isTyping: Bool { true }
    var wantsTicks: Bool { editor.isSending }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { Self.keyMap.hints { _ in true } }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        switch Self.keyMap.action(for: key) {
        case .send?:
            if case .send(let callback) = editor.send() { return [.sendCallback(callback)] }
        case .close?:
            context.close()
        case .switchField?, .type?, nil:
            return editor.type(key) ? [] : nil
        }
        return []
    }

    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .callbackSent(let url, let result) = event, url == editor.url, editor.isSending else { return [] }
        editor.isSending = false
        switch result {
        case .success(let answer) where answer.isAccepted:
            context.say("Callback accepted (\(answer.status)); the run resumes")
            context.close()
        case .success(let answer):
            let why = "The engine answered \(answer.status) to the callback; the action did not take it" + (answer.reason.map { " (\($0))" } ?? "")
            editor.error = why
            context.say(why, isError: true)
        case .failure(let failure):
            editor.error = failure.message
            context.say("Could not send the callback: \(failure.message)", isError: true)
        }
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        editor.render(into: &buffer, area: area, glyphs: glyphs, tick: context.tick)
    }
}
