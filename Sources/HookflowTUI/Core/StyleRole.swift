/// What a cell means on screen (a card title, a failed status, a focused button), which a ``Theme`` turns into colours.
///
/// Views draw with roles, never with colours, so every screen follows the user's theme and stays
/// testable. The raw value is the role's key in a theme file (`card.title = bold`).
public enum StyleRole: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Ordinary text on the terminal's own background.
    case normal
    /// Secondary text: hints, counters, timestamps.
    case dim
    /// A panel or dialog title.
    case title
    /// The header bar (app name, file, enabled state).
    case header
    /// Something that stands out in the header bar (the unsaved mark, the disabled state).
    case headerAccent = "header.accent"
    /// A box border.
    case border
    /// The border of the focused box or card.
    case borderFocused = "border.focused"
    /// A step card's border (the focused card uses ``borderFocused``).
    case cardBorder = "card.border"
    /// A step card's name.
    case cardTitle = "card.title"
    /// A step card's type (`HTTP Webhook`).
    case cardType = "card.type"
    /// A step card's one-line summary (method and URI).
    case cardSummary = "card.summary"
    /// The connectors between cards and the insert points.
    case connector
    /// The red mark with the count of validation problems.
    case errorMark = "error.mark"
    /// A warning beside a field or on a card (a missing unsubscribe): shown, never blocking a save.
    case warningMark = "warning.mark"
    /// The `*` on a required field.
    case required
    /// A form field's label.
    case label
    /// A form field's value.
    case value
    /// The value of the field being edited.
    case valueFocused = "value.focused"
    /// The hint shown in an empty field.
    case placeholder
    /// A button or a dropdown.
    case button
    /// The focused button.
    case buttonFocused = "button.focused"
    /// The selected row or card.
    case selection
    /// The run or step status `Succeeded`.
    case statusSucceeded = "status.succeeded"
    /// The run or step status `Failed`.
    case statusFailed = "status.failed"
    /// The run or step status `Running`.
    case statusRunning = "status.running"
    /// The run or step status `Waiting`.
    case statusWaiting = "status.waiting"
    /// The run or step status `Cancelled`.
    case statusCancelled = "status.cancelled"
    /// The run or step status `Skipped`.
    case statusSkipped = "status.skipped"
    /// The run or step status `TimedOut`.
    case statusTimedOut = "status.timed-out"
    /// A message bar (saved, published, copied).
    case banner
    /// A message bar reporting a failure.
    case bannerError = "banner.error"
    /// The key-hint line and the help overlay's text.
    case help
    /// A key name in help text (`Ctrl-S`).
    case key
    /// A search box.
    case search
    /// The part of a result that matches the search.
    case match
    /// A key in the code view's JSON.
    case codeKey = "code.key"
    /// A string in the code view's JSON.
    case codeString = "code.string"
    /// A number in the code view's JSON.
    case codeNumber = "code.number"
    /// `true`, `false` and `null` in the code view's JSON.
    case codeLiteral = "code.literal"
    /// A disabled step, app or control.
    case disabled

    /// The theme-file key (`card.title`).
    public var description: String { rawValue }

    /// The role whose style is used when a theme does not set this one; `nil` for the roots of the chain.
    public var fallback: StyleRole? {
        switch self {
        case .normal, .dim, .title, .selection: nil
        case .header, .banner, .search: .selection
        case .headerAccent: .header
        case .cardBorder: .border
        case .border, .connector, .placeholder, .help, .disabled, .cardType, .statusCancelled, .statusSkipped: .dim
        case .borderFocused, .cardTitle, .key, .match: .title
        case .cardSummary, .label, .value, .button, .codeKey, .codeString, .codeNumber, .codeLiteral: .normal
        case .statusSucceeded, .statusRunning, .statusWaiting: .normal
        case .statusFailed, .statusTimedOut, .required: .errorMark
        case .errorMark, .warningMark: .title
        case .valueFocused, .buttonFocused: .selection
        case .bannerError: .banner
        }
    }
}
