import HookflowModel

/// One row of a step form, built from the definition each time it is needed (so it never drifts
/// from it): what it shows, where its value lives, and how keys change it.
struct FormField: Sendable {
    /// Stable identity for focus: usually the JSON pointer of the value.
    var id: String
    var label: String
    var isRequired = false
    /// Columns the label is indented by (the fields of an authentication type).
    var indent = 0
    /// Problems pointing at one of these pointers, or below, show under the field.
    var pointers: [JSONPointer] = []
    var kind: FormFieldKind

    var isFocusable: Bool {
        if case .note = kind { return false }
        return true
    }

    /// Whether printable keys go into this field's text.
    var takesText: Bool {
        switch kind {
        case .text, .json, .pair: true
        default: false
        }
    }
}

/// What a field edits.
enum FormFieldKind: Sendable {
    /// The `[Parameters]  Settings` bar.
    case tabs
    /// Single-line text (a URI, a timeout, a secret).
    case text(TextFieldSpec)
    /// A dropdown (method, authentication type, retry policy).
    case choice(ChoiceSpec)
    /// A multi-line JSON-or-text editor (a body, a schema, a Compose input).
    case json(JSONFieldSpec)
    /// One name/value row of headers or queries.
    case pair(PairSpec)
    /// The `+ Add header` row under a group of pairs.
    case addPair(PairGroup)
    /// A checkbox (secure inputs).
    case toggle(ToggleSpec)
    /// One predecessor's run-after statuses.
    case runAfter(RunAfterSpec)
    /// `+ Add new parameter`, with the optional parameters not shown yet.
    case addParameter([OptionalParameter])
    /// A line of explanation; not focusable.
    case note(String)
    /// The trigger's own callback URL (read-only; `c` copies it).
    case callbackURL(TriggerURLs.State?)
}

struct TextFieldSpec: Sendable {
    /// Where the value is written (`uri` even when it was read from `url`).
    var pointer: JSONPointer
    /// The value as text (numbers as their literal).
    var value: String
    var placeholder: String
    var isSecret = false
    /// Whole numbers are written as JSON numbers; other text (an expression) as a string.
    var isNumber = false
    var isRequired = false
}

struct ChoiceSpec: Sendable {
    var options: [String]
    /// The option matching the value, if any.
    var selected: Int?
    /// The value when it is not one of the options (an expression): shown as it is.
    var rawValue: String?
    var placeholder: String
    var action: ChoiceAction

    /// What the field shows: the selected option, the raw value, or nil (placeholder).
    var shownValue: String? { selected.map { options[$0] } ?? rawValue }
}

/// What choosing an option writes.
enum ChoiceAction: Sendable {
    /// Writes the option as a string; `noneOption` removes the key instead.
    case set(JSONPointer, noneOption: String?)
    /// Rewrites the authentication object for the new type (None removes it).
    case authenticationType(JSONPointer)
    /// Rewrites the retry policy for the new type (Default removes it).
    case retryType(JSONPointer)
    /// Writes the option in lower case (a variable's type: `Integer` is written `integer`, as Logic Apps does).
    case setLowercased(JSONPointer)
    /// A table's columns: Automatic removes `columns`, Custom starts one `{"header", "value"}` row.
    case tableColumns(JSONPointer)
}

struct JSONFieldSpec: Sendable {
    var pointer: JSONPointer
    /// The text of the value when no draft is being typed.
    var text: String
    var placeholder: String
    var isRequired = false
}

/// Headers or queries: an object of strings edited as rows.
struct PairGroup: Sendable, Hashable {
    var pointer: JSONPointer
    /// `header` or `query`, for `+ Add header`.
    var noun: String

    var id: String { pointer.description }
}

struct PairSpec: Sendable {
    var group: PairGroup
    var row: Int
    var name: String
    var value: String
}

struct ToggleSpec: Sendable {
    var isOn: Bool
    var action: ToggleAction

    init(isOn: Bool, secureProperty: String) {
        self.isOn = isOn
        self.action = .secure(secureProperty)
    }

    init(isOn: Bool, action: ToggleAction) {
        self.isOn = isOn
        self.action = action
    }
}

/// What ticking a checkbox changes.
enum ToggleAction: Sendable, Equatable {
    /// `inputs` or `outputs` of `runtimeConfiguration.secureData.properties`.
    case secure(String)
    /// The step's static result (`runtimeConfiguration.staticResult`), On or Off.
    case staticResult
}

struct RunAfterSpec: Sendable {
    var predecessor: String
    /// As written (unknown strings are kept).
    var statuses: [String]

    func isOn(_ status: RunAfterStatus) -> Bool {
        statuses.contains { RunAfterStatus(caseInsensitive: $0) == status }
    }
}
