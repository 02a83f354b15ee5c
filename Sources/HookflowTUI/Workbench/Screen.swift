/// One screen of the workbench: the designer's canvas, a step form, the palette, the app list,
/// the runs, a run's detail, a question, the help. The workbench keeps them in one stack (the
/// designer at the bottom, the screen the keys go to on top) and talks to each through this
/// protocol only.
///
/// Screens are pure: keys, clicks and host answers in, effects out, drawn into a buffer. What
/// they share — the app being designed, the message line, the engine's state — is the
/// ``WorkbenchContext`` passed to every call; they move between screens through it
/// (``WorkbenchContext/show(_:)``, ``WorkbenchContext/close()``).
protocol Screen: Sendable {
    /// The screen's keys, for the help and the key tests (dispatch uses the screen's own typed map).
    var keyHelp: KeyHelp { get }
    /// The footer's hints now, most useful first; the workbench adds `Ctrl-S save  ? help  q quit`.
    func hints(_ context: WorkbenchContext) -> [KeyHint]
    /// The header's title (`Runs · orders`); `nil` shows the designer's header (app, unsaved mark, state).
    var title: String? { get }
    /// Whether a text box has the keys, so printable keys are text rather than commands.
    var isTyping: Bool { get }
    /// Whether a spinner turns (the host then sends ticks).
    var wantsTicks: Bool { get }
    /// Drawn over the screen below it (a dialog, the palette, the help) rather than instead of it.
    var isOverlay: Bool { get }

    /// Shown (pushed, or uncovered when the full screen above it closed): load what it shows.
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect]
    /// Ctrl-L: load what it shows again (by default as when it appears).
    mutating func reload(_ context: inout WorkbenchContext) -> [WorkbenchEffect]
    /// The area it draws in changed (a resize), for paging and scrolling.
    mutating func layout(area: Rect, _ context: WorkbenchContext)
    /// Brings derived state up to date after the context changed (the designer's layout after an edit).
    mutating func sync(_ context: inout WorkbenchContext)
    /// A key; `nil` when the screen has no use for it, so the workbench's own keys may take it.
    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]?
    /// A click or wheel step at a screen point.
    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect]
    /// A host answer or an engine event; screens ignore what is not theirs.
    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect]
    /// The answer to a question this screen asked (see ``PromptScreen``).
    mutating func answered(_ answer: DialogAnswer, _ context: inout WorkbenchContext) -> [WorkbenchEffect]
    /// What a search box opened from this screen found to look for (`nil`: the search was left).
    mutating func search(_ query: String?, _ context: inout WorkbenchContext) -> [WorkbenchEffect]
    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs)
}

extension Screen {
    var title: String? { nil }
    var isTyping: Bool { false }
    var wantsTicks: Bool { false }
    var isOverlay: Bool { false }
    var helpSection: HelpSection { keyHelp.section }
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] { [] }
    mutating func reload(_ context: inout WorkbenchContext) -> [WorkbenchEffect] { appear(&context) }
    mutating func layout(area: Rect, _ context: WorkbenchContext) {}
    mutating func sync(_ context: inout WorkbenchContext) {}
    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] { [] }
    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] { [] }
    mutating func answered(_ answer: DialogAnswer, _ context: inout WorkbenchContext) -> [WorkbenchEffect] { [] }
    mutating func search(_ query: String?, _ context: inout WorkbenchContext) -> [WorkbenchEffect] { [] }
}
