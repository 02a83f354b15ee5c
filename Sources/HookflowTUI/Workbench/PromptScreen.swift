/// A question over the screen that asked it: a letter per answer, the arrows and Enter, Esc to
/// leave things as they are. The answer goes back to the screen below (``Screen/answered(_:_:)``).
struct PromptScreen: Screen {
    enum Action: Sendable {
        case choose(Character)
        case move
        case confirm
        case cancel
    }

    var prompt: ScreenPrompt

    init(_ prompt: ScreenPrompt) {
        self.prompt = prompt
    }

    /// This question's keys: its answers' letters, then the ones every question has.
    var keyMap: KeyMap<Action> {
        KeyMap(.question, prompt.choices.map { choice in
            KeyBinding([.character(choice.key), .character(Character(choice.key.uppercased()))], choice.label.lowercased(),
                       label: String(choice.key), help: choice.label, action: .choose(choice.key))
        } + Self.common)
    }

    /// The keys of every question, for the help.
    static let common: [KeyBinding<Action>] = [
        KeyBinding([.left, .right, .tab, .backTab], "choose", label: "← →  Tab", help: "move between the answers", footer: false, action: .move),
        KeyBinding([.enter], "answer", help: "the highlighted answer", footer: false, action: .confirm),
        KeyBinding([.escape], "back", help: "leave the question; nothing changes", action: .cancel),
    ]

    /// What the help lists for questions in general, and the answers to the one a save that met
    /// a newer version of the app asks (from the table that question is made of).
    static let generalHelp = KeyMap<Action>(.question, [
        KeyBinding.note("y n …", "the letter of an answer (each question shows its own)", action: .move),
        KeyBinding.note("r s o c", "when a save met a newer version of the app in the engine (saved from elsewhere meanwhile):", action: .move),
    ] + VersionConflict.answers.map { answer in
        KeyBinding([.character(answer.key)], answer.label.lowercased(), label: String(answer.key), help: "\(answer.label): \(answer.help)",
                   action: .choose(answer.key))
    } + common).help

    var keyHelp: KeyHelp { keyMap.help }
    var isOverlay: Bool { true }
    /// Letters answer the question: none of them is a command here.
    var isTyping: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        keyMap.hints { _ in true }.map { hint in hint.action == "back" ? KeyHint(key: hint.key, action: "cancel") : hint }
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let binding = keyMap.binding(for: key) else {
            // Other letters do nothing; Ctrl-C and Ctrl-S still reach the workbench.
            if case .character = key { return [] }
            return nil
        }
        switch binding.action {
        case .choose(let letter): if let answer = prompt.answer(for: letter) { context.answer(answer) }
        case .move: prompt.move(by: key == .left || key == .backTab ? -1 : 1)
        case .confirm: context.answer(prompt.highlightedAnswer)
        case .cancel: context.answer(prompt.escape)
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        if button == .left, let answer = prompt.click(x: x, y: y, area: context.screenArea) { context.answer(answer) }
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        prompt.render(into: &buffer, area: area, glyphs: glyphs)
    }
}
