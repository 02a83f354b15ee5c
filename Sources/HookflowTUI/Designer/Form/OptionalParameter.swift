import HookflowModel

/// A parameter the form shows only when it has a value or the user added it with
/// `+ Add new parameter` (a body, headers, authentication).
struct OptionalParameter: Sendable, Equatable {
    /// The pointer of the value, as text; also the id of its first field.
    var id: String { pointer.description }
    var label: String
    var pointer: JSONPointer
    var editor: Editor

    enum Editor: Sendable, Equatable {
        case text(placeholder: String)
        case json(placeholder: String)
        case pairs(noun: String)
        case authentication
    }
}
