import HookflowModel

/// The form of one step (the designer's Enter): its parameters and settings as fields that edit
/// the definition directly.
///
/// The form keeps no copy of the step: fields are rebuilt from the definition whenever they are
/// needed, and every key that changes a value writes it with ``WorkflowDefinition/setValue(_:at:)``
/// at once, so keys the form does not know survive and validation follows the typing. The only
/// text it keeps is what is being typed and cannot live in the definition as it is: the focused
/// field's cursor, a JSON body that does not parse yet, header rows without a name.
///
/// ```swift
/// var form = StepForm(address: .trigger("HTTP_Webhook"), definition: definition)
/// form.handle(.tab, definition: &definition)             // to Subscribe - URI
/// form.handle(.character("h"), definition: &definition)  // .edited: uri is now "h"
/// ```
struct StepForm: Sendable {
    let address: StepAddress
    var tab: FormTab = .parameters
    var focus = FormFocus(id: FormFocus.tabsID)
    /// Where the focused field was, for when its id disappears (its row was removed).
    var focusIndex = 0
    /// The focused single-line field's text and cursor.
    var editor: TextField?
    /// Multi-line fields' text as typed, by field id.
    var drafts: [String: JSONDraft] = [:]
    /// Header and query rows as typed, by group id.
    var pairDrafts: [String: [KeyValueRow]] = [:]
    /// Optional parameters added with `+ Add new parameter` that have no value yet.
    var addedParameters: Set<String> = []
    /// The open dropdown list, if any.
    var list: DropdownList?
    /// Whether the focused secret is shown in clear (Ctrl-O).
    var isRevealed = false
    /// The trigger's callback URL as the engine gave it (for Request and HTTP Webhook triggers).
    var callbackURL: TriggerURLs.State?
    /// A one-line message about the last key (why it did nothing), cleared by the next key.
    var notice: String?
    /// Whether the focused field takes printable keys as text.
    var focusTakesText = false

    init(address: StepAddress, definition: WorkflowDefinition) {
        self.address = address
        let fields = self.fields(for: .parameters, in: definition)
        setFocus(Self.firstField(in: fields), in: fields)
    }

    /// Where the focus starts: the first field to fill (past the tab bar and the callback URL).
    static func firstField(in fields: [FormField]) -> Int {
        fields.indices.first { index in
            guard index > 0, fields[index].isFocusable else { return false }
            if case .callbackURL = fields[index].kind { return false }
            return true
        } ?? 0
    }

    /// Whether printable keys go into a field (or an open list), so the designer does not take `q` or `?`.
    var isEditingText: Bool {
        list != nil || focusTakesText
    }

    /// Problems only the form sees: multi-line text that looks like JSON but does not parse.
    var problems: [ValidationProblem] {
        drafts.values.compactMap(\.problem).sorted { $0.pointer < $1.pointer }
    }

    /// The step, or nil when it is gone from the definition.
    func step(in definition: WorkflowDefinition) -> Step? {
        definition.step(at: address)
    }

    /// The fields of a tab: the tab bar first, then the tab's rows.
    func fields(for tab: FormTab, in definition: WorkflowDefinition) -> [FormField] {
        var builder = FormFieldBuilder(form: self, definition: definition)
        builder.fields.append(FormField(id: FormFocus.tabsID, label: "", kind: .tabs))
        guard let step = step(in: definition) else { return builder.fields }
        switch tab {
        case .parameters: builder.addParameters(of: step)
        case .settings: builder.addSettings(of: step)
        }
        return builder.fields
    }
}

/// A multi-line field's text as typed, with what the form needs to report it.
struct JSONDraft: Hashable, Sendable {
    var area: TextArea
    /// The field's label, for the message (`Subscribe - Body is not valid JSON ...`).
    var label: String
    var pointer: JSONPointer

    /// The parse error of text that looks like JSON and is not.
    var problem: ValidationProblem? {
        guard let error = JSONText.value(of: area.text).error else { return nil }
        return ValidationProblem(pointer: pointer, message: "\(label) is not valid JSON (line \(error.line), column \(error.column)): \(error.message)")
    }
}

/// What a key did to a form.
enum FormOutcome: Equatable, Sendable {
    /// The form used the key and the definition is unchanged (focus moved, a dropdown opened).
    case handled
    /// The form changed the definition.
    case edited
    /// The user left the form.
    case close
    /// Put this text (the trigger's callback URL) on the clipboard.
    case copy(String)
    /// Not a form key: the designer's global keys may use it.
    case notHandled
}
