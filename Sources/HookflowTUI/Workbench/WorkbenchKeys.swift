/// The keys that work on every screen (unless the screen on top uses the key itself: a text box
/// takes printable keys, the test callback box takes Ctrl-S to send).
enum WorkbenchKeys {
    enum Action: Sendable {
        case save
        case help
        case quit
        case messages
        case reload
        case suspend
    }

    static let keyMap = KeyMap<Action>(.everywhere, [
        KeyBinding([.ctrl("s")], "save", help: "save: validate, write the file, publish; then each trigger's subscription (asks first when the engine has a newer version)",
                   action: .save),
        KeyBinding([.character("?"), .function(1)], "help", label: "?  F1", help: "this help, open at the keys of the screen it came from", action: .help),
        KeyBinding([.character("q"), .ctrl("c")], "quit", label: "q  Ctrl-C",
                   help: "quit; asks first when there are unsaved changes, or when callbacks would go unanswered", action: .quit),
        KeyBinding([.character("m")], "messages", help: "every message so far, in full (the message line cuts long ones)", footer: false, action: .messages),
        KeyBinding([.ctrl("l")], "reload", help: "load what the screen shows again and redraw it", footer: false, action: .reload),
        KeyBinding([.ctrl("z")], "suspend", help: "suspend to the shell (fg comes back); refused while the engine runs in the designer",
                   footer: false, action: .suspend),
    ])

    /// The footer's end, always shown: the keys that work now for save, help and quit.
    static func fixedHints(typing: Bool) -> [KeyHint] {
        typing
            ? [KeyHint(key: "Ctrl-S", action: "save"), KeyHint(key: "F1", action: "help"), KeyHint(key: "Ctrl-C", action: "quit")]
            : [KeyHint(key: "Ctrl-S", action: "save"), KeyHint(key: "?", action: "help"), KeyHint(key: "q", action: "quit")]
    }
}
