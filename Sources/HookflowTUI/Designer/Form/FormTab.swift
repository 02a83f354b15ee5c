/// The two tabs of a step form.
enum FormTab: String, CaseIterable, Sendable {
    /// The step's inputs (the fields of SPEC §1 for a webhook).
    case parameters = "Parameters"
    /// Timeout, retry policy, run after, secure inputs/outputs.
    case settings = "Settings"

    /// The other tab (Ctrl-T switches to it).
    var other: FormTab { self == .parameters ? .settings : .parameters }
}
