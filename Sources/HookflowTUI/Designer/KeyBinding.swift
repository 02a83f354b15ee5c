/// One line of the help overlay: keys, what they do, and where they work.
///
/// The designer's key handling and this list are kept side by side so the help never lies:
/// `KeyBindingTests` presses every listed key and checks it does something.
struct KeyBinding: Equatable, Sendable {
    enum Context: String, CaseIterable, Sendable {
        case steps = "Steps"
        case form = "Step form"
        case palette = "Add-step palette"
        case code = "Code view"
        case apps = "App list (L)"
        case runs = "Runs (R)"
        case runDetail = "Run detail (Enter on a run)"
        case everywhere = "Everywhere"
    }

    var keys: String
    var action: String
    var context: Context

    /// Every key, the screens' own lists included.
    static var all: [KeyBinding] {
        let screens: [(Context, [(keys: String, action: String)])] = [
            (.apps, AppListScreen.keys), (.runs, RunsScreen.keys), (.runDetail, RunDetailScreen.keys),
        ]
        return designer + screens.flatMap { context, keys in keys.map { KeyBinding(keys: $0.keys, action: $0.action, context: context) } }
    }

    private static let designer: [KeyBinding] = [
        KeyBinding(keys: "↑ ↓  k j", action: "previous / next step", context: .steps),
        KeyBinding(keys: "← →  h l", action: "step in the branch beside", context: .steps),
        KeyBinding(keys: "g G  Home End", action: "first step / + New step", context: .steps),
        KeyBinding(keys: "PgUp PgDn", action: "scroll a page", context: .steps),
        KeyBinding(keys: "Enter", action: "open the step's form; on a + button, the palette", context: .steps),
        KeyBinding(keys: "a  +", action: "add an action after the step (the + under it)", context: .steps),
        KeyBinding(keys: "r", action: "rename the step", context: .steps),
        KeyBinding(keys: "d  Delete", action: "delete the step (asks first)", context: .steps),
        KeyBinding(keys: "K J", action: "move the step up / down", context: .steps),
        KeyBinding(keys: "y", action: "duplicate the step", context: .steps),
        KeyBinding(keys: "c", action: "code view (the definition as JSON)", context: .steps),
        KeyBinding(keys: "t", action: "enable / disable the app", context: .steps),
        KeyBinding(keys: "R", action: "this app's runs (live)", context: .steps),
        KeyBinding(keys: "L", action: "all apps, with their subscriptions", context: .steps),
        KeyBinding(keys: "click", action: "select; click again to open; a + inserts there", context: .steps),
        KeyBinding(keys: "Tab  Shift-Tab", action: "next / previous field", context: .form),
        KeyBinding(keys: "↓ ↑  j k", action: "next / previous field (j k when not typing)", context: .form),
        KeyBinding(keys: "Enter  Space", action: "open a dropdown, tick a box, press a button", context: .form),
        KeyBinding(keys: "← →", action: "change a dropdown; switch tab on the tab bar", context: .form),
        KeyBinding(keys: "letters", action: "jump to a dropdown choice (post → POST)", context: .form),
        KeyBinding(keys: "Ctrl-T  [ ]", action: "Parameters / Settings tab", context: .form),
        KeyBinding(keys: "Ctrl-R", action: "show / hide the focused secret", context: .form),
        KeyBinding(keys: "Delete  Ctrl-D", action: "remove an empty header row", context: .form),
        KeyBinding(keys: "PgUp PgDn", action: "five fields; a page in a JSON editor", context: .form),
        KeyBinding(keys: "Ctrl-A Ctrl-E Ctrl-U", action: "start / end of text, clear to the start", context: .form),
        KeyBinding(keys: "Esc", action: "close the open list, else the form (edits stay)", context: .form),
        KeyBinding(keys: "type", action: "search steps", context: .palette),
        KeyBinding(keys: "↑ ↓  Tab", action: "choose", context: .palette),
        KeyBinding(keys: "Enter", action: "add the step", context: .palette),
        KeyBinding(keys: "↑ ↓  k j  PgUp PgDn", action: "scroll", context: .code),
        KeyBinding(keys: "e", action: "edit in $EDITOR and re-import", context: .code),
        KeyBinding(keys: "Ctrl-S", action: "save: validate, publish, show the subscriptions", context: .everywhere),
        KeyBinding(keys: "?", action: "this help", context: .everywhere),
        KeyBinding(keys: "Esc", action: "close what is open", context: .everywhere),
        KeyBinding(keys: "q", action: "quit (asks when there are unsaved changes)", context: .everywhere),
    ]
}
