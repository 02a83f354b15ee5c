/// A screen of the workbench besides the designer: the app list, an app's runs, a run's detail.
///
/// Screens are pure like the designer: keys and host answers in, effects out, drawn into a buffer.
/// The workbench draws the header, the message line and the key hints around ``render(into:area:glyphs:tick:)``.
protocol WorkbenchScreen: Sendable {
    /// The header's title (`Runs · orders`).
    var title: String { get }
    /// The key hints for the bottom line, most useful first (they are cut at the screen's width).
    var hints: [(key: String, action: String)] { get }
    /// The message line (results, errors); `nil` leaves it empty.
    var banner: Banner? { get }
    /// Whether a text box has the keys (so `q`, `?` and Esc are not commands).
    var isTyping: Bool { get }
    /// Whether a spinner turns (the host then sends ticks).
    var wantsTicks: Bool { get }

    /// The effects that load the screen's data when it is shown (and shown again after Esc).
    mutating func appear() -> [WorkbenchEffect]
    /// The area the screen draws in changed (a resize), for paging and scrolling.
    mutating func layout(area: Rect)
    mutating func handle(_ key: Key) -> [WorkbenchEffect]
    /// A click or wheel step at a screen point inside the screen's area.
    mutating func click(x: Int, y: Int, button: MouseButton) -> [WorkbenchEffect]
    /// A host answer or an engine event; screens ignore what is not theirs.
    mutating func receive(_ event: WorkbenchEvent) -> [WorkbenchEffect]
    func render(into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs, tick: Int)
}
