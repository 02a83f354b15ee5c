/// Something that happened at the terminal: a key, a mouse click or wheel step, or a new size.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// A button press or wheel step at column `x`, row `y` (0-based, screen coordinates).
    case mouse(x: Int, y: Int, button: MouseButton)
    /// The terminal now has this size; the next frame should be drawn at it.
    case resize(width: Int, height: Int)
}
