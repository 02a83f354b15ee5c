/// A key the user pressed, independent of how the terminal encoded it.
///
/// ```swift
/// switch key {
/// case .ctrl("s"): save()
/// case .character("j"), .down: moveDown()
/// case .enter: open()
/// default: break
/// }
/// ```
///
/// Some control keys are indistinguishable from named keys on a terminal: Ctrl-I is ``tab``,
/// Ctrl-M and Ctrl-J are ``enter``, Ctrl-H is ``backspace`` and Ctrl-[ is ``escape``.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (letters, digits, punctuation, space, any script).
    case character(Character)
    case enter
    case escape
    case tab
    /// Shift-Tab.
    case backTab
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case backspace
    case delete
    case insert
    /// F1-F63.
    case function(Int)
    /// Control plus a letter or symbol, in lower case: `.ctrl("s")` is Ctrl-S.
    case ctrl(Character)

    /// The key's name as help text shows it: `Ctrl-S`, `Enter`, `Shift-Tab`, `PgDn`, `F5`, `q`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .function(let number): "F\(number)"
        case .ctrl(" "): "Ctrl-Space"
        case .ctrl(let character): "Ctrl-" + character.uppercased()
        }
    }
}
