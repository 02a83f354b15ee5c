import HookflowModel

/// A step's form over the canvas (Enter on a card): the fields of its type, each key written to
/// the definition at once (and undoable from the canvas, one field at a time).
///
/// The form itself (``StepForm``) handles the keys of its fields; this screen adds what the
/// workbench needs: closing, the callback URL of a trigger, the fields whose text is not JSON yet
/// (they block a save until fixed, form closed or not).
struct FormScreen: Screen {
    enum Action: Sendable {
        case field, nextField, otherTab, secret, removeRow, page, copyURL, close, note
    }

    static let keyMap = KeyMap<Action>(.form, [
        KeyBinding([.tab, .backTab], "next field", label: "Tab  Shift-Tab", help: "next / previous field (round to the tab bar)", action: .nextField),
        KeyBinding([.down, .up], "move", label: "↓ ↑", footerLabel: "↑↓", help: "next / previous field; in a JSON editor, the next / previous line",
                   footer: false, action: .field),
        KeyBinding([.enter, .character(" ")], "choose", label: "Enter  Space",
                   help: "open a dropdown, tick a box, press + Add; in a text field Enter goes to the next field", footer: false, action: .field),
        KeyBinding([.left, .right], "change", label: "← →", help: "change a dropdown's value; switch tab on the tab bar; move between run-after statuses",
                   footer: false, action: .field),
        .note("type", "type into the field; on a closed dropdown, letters jump to a choice (post → POST)", action: .note),
        KeyBinding([.ctrl("t"), .character("["), .character("]")], "other tab", label: "Ctrl-T  [ ]",
                   help: "Parameters / Settings tab, where the static result is ([ ] when the field is not a text)", action: .otherTab),
        KeyBinding([.ctrl("o")], "show secret", help: "show / hide the focused secret", footer: false, action: .secret),
        KeyBinding([.delete, .ctrl("d")], "delete", label: "Delete  Ctrl-D", help: "delete the character at the cursor; on an empty header row, the row",
                   footer: false, action: .removeRow),
        KeyBinding([.pageUp, .pageDown], "page", label: "PgUp PgDn", help: "five fields; a page in a JSON editor", footer: false, action: .page),
        .note("Ctrl-A Ctrl-E Ctrl-U Ctrl-K Ctrl-W", "in text: start / end, clear to the start / the end, delete a word", action: .note),
        KeyBinding([.character("c")], "copy URL", help: "on the trigger's Callback URL: copy it (OSC 52)", footer: false, action: .copyURL),
        KeyBinding([.escape], "back", help: "close the open list, else the form (the edits stay; u on the canvas undoes them)", action: .close),
        .note("click", "focus a field, open a dropdown, tick a box", action: .note),
    ])

    var form: StepForm

    init(address: StepAddress, definition: WorkflowDefinition) {
        form = StepForm(address: address, definition: definition)
    }

    var keyHelp: KeyHelp { Self.keyMap.help }
    var isTyping: Bool { form.isEditingText }

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        Self.keyMap.hints(where: { action in
            switch action {
            case .nextField, .otherTab, .close: true
            default: false
            }
        }, name: { binding in
            switch binding.action {
            case .nextField: "next"
            case .otherTab: form.tab.other.rawValue
            case .close: "close"
            default: binding.name
            }
        })
    }

    /// A trigger's form asks the engine for the trigger's callback URL.
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        sync(&context)
        return loadCallbackURL(&context)
    }

    /// Saved (perhaps published for the first time, or the trigger renamed): its URL is asked again.
    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .saved = event else { return [] }
        sync(&context)
        return loadCallbackURL(&context)
    }

    private mutating func loadCallbackURL(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard form.address.isTrigger, context.designer.published != nil,
              let step = context.designer.definition.step(at: form.address), step.kind == .request || step.kind == .httpWebhook,
              context.triggerURLs.request(app: context.designer.appName, trigger: form.address.name)
        else { return [] }
        form.callbackURL = .loading
        return [.loadTriggerURL(app: context.designer.appName, trigger: form.address.name)]
    }

    mutating func sync(_ context: inout WorkbenchContext) {
        form.callbackURL = context.designer.published == nil ? nil : context.triggerURLs[context.designer.appName, form.address.name]
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        if Self.keyMap.action(for: key) == .close, form.list == nil {
            keepDrafts(&context)
            context.close()
            return []
        }
        var edited = context.designer.definition
        let outcome = form.handle(key, definition: &edited)
        switch outcome {
        case .edited:
            context.designer.apply(edited, label: "the edit of \(form.address.name)'s \(focusedLabel(in: edited))",
                                   focus: (.step(form.address), .step(form.address)), coalescing: "\(form.address.pointer)#\(form.focus.id)")
        case .close:
            keepDrafts(&context)
            context.close()
        case .copy(let url):
            context.say("Copied \(form.address.name)'s callback URL")
            return [.copyToClipboard(url)]
        case .handled:
            break
        case .notHandled:
            return nil
        }
        keepDrafts(&context)
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        var edited = context.designer.definition
        let outcome = form.click(x: x, y: y, area: context.screenArea, definition: &edited, problems: context.designer.allProblems)
        switch outcome {
        case .edited:
            context.designer.apply(edited, label: "the edit of \(form.address.name)'s \(focusedLabel(in: edited))",
                                   focus: (.step(form.address), .step(form.address)), coalescing: "\(form.address.pointer)#\(form.focus.id)")
        case .copy(let url):
            context.say("Copied \(form.address.name)'s callback URL")
            return [.copyToClipboard(url)]
        default:
            break
        }
        keepDrafts(&context)
        return []
    }

    /// The focused field's label, for the undo message (`Subscribe - URI`).
    private func focusedLabel(in definition: WorkflowDefinition) -> String {
        let fields = form.fields(for: form.tab, in: definition)
        let index = form.focusedIndex(in: fields)
        let label = fields.indices.contains(index) ? fields[index].label : ""
        return label.isEmpty ? "fields" : label
    }

    /// Tells the designer which fields hold text that is not JSON yet (and which are fine again).
    private func keepDrafts(_ context: inout WorkbenchContext) {
        for draft in form.drafts.values {
            let problem = draft.problem.map { DraftProblem(problem: $0, text: draft.area.text) }
            context.designer.noteDraft(at: draft.pointer, problem)
        }
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        form.render(into: &buffer, area: area, definition: context.designer.definition, problems: context.designer.allProblems, glyphs: glyphs)
    }
}
