/// One key binding, as Bubble Tea's `key.Binding` is one value: the keys, the words the footer and
/// the `?` help show for them, and the action they trigger. A screen dispatches through its list of
/// bindings (``KeyMap``) and the help and footer are drawn from the same list, so they cannot drift.
///
/// ```swift
/// KeyBinding([.character("d"), .delete], "delete", help: "delete the step (asks first)", action: .delete)
/// KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j",
///            help: "previous / next step", footer: false, action: .move)
/// ```
///
/// ``name`` is what the key means: a key has one name on every screen where it exists (the help
/// test checks it), except the few keys that answer whatever is focused (Enter, Esc, arrows, the
/// letters of a question's answers).
struct KeyBinding<Action: Sendable>: Sendable {
    /// The keys; empty for a line of help that is not a key (`click`).
    var keys: [Key]
    /// The footer's word for it (`save`, `copy URL`), and the key's meaning across screens.
    var name: String
    /// How the help shows the keys (`↑ ↓  k j`).
    var label: String
    /// How the footer shows the keys (`↑↓`).
    var footerLabel: String
    /// The help line.
    var help: String
    /// Whether the footer lists it (when the screen says it applies).
    var inFooter: Bool
    var action: Action

    init(_ keys: [Key], _ name: String, label: String? = nil, footerLabel: String? = nil, help: String, footer: Bool = true, action: Action) {
        self.keys = keys
        self.name = name
        let shown = label ?? keys.map(\.description).joined(separator: "  ")
        self.label = shown
        self.footerLabel = footerLabel ?? keys.first.map(\.description) ?? shown
        self.help = help
        self.inFooter = footer
        self.action = action
    }

    /// A help line for what is not a key press (the mouse, typing).
    static func note(_ label: String, _ help: String, action: Action) -> KeyBinding {
        KeyBinding([], label, label: label, help: help, footer: false, action: action)
    }
}
