/// The keys of one screen, in the order the help lists them: what dispatch looks keys up in, and
/// what the `?` help and the footer are drawn from.
///
/// ```swift
/// static let keyMap = KeyMap<Action>(.runs, [
///     KeyBinding([.character("f")], "filter", help: "filter by status: All, Waiting, …", action: .filter),
/// ])
/// if let action = Self.keyMap.action(for: key) { perform(action, key) }
/// ```
struct KeyMap<Action: Sendable>: Sendable {
    let section: HelpSection
    let bindings: [KeyBinding<Action>]

    init(_ section: HelpSection, _ bindings: [KeyBinding<Action>]) {
        self.section = section
        self.bindings = bindings
    }

    /// The first binding that lists `key`.
    func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    func action(for key: Key) -> Action? { binding(for: key)?.action }

    /// The map without its actions: what the help and the key tests read.
    var help: KeyHelp {
        KeyHelp(section: section, lines: bindings.map { KeyHelp.Line(keys: $0.keys, label: $0.label, name: $0.name, help: $0.help) })
    }

    /// Footer hints for the bindings `applies` accepts, in map order; `name(for:)` may reword one (`enable` for `t`).
    func hints(where applies: (Action) -> Bool, name: (KeyBinding<Action>) -> String = { $0.name }) -> [KeyHint] {
        bindings.filter { $0.inFooter && !$0.keys.isEmpty && applies($0.action) }.map { KeyHint(key: $0.footerLabel, action: name($0)) }
    }
}

/// One hint of the footer: `Ctrl-S save`.
struct KeyHint: Equatable, Sendable {
    var key: String
    var action: String
}
