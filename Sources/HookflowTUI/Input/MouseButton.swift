/// What a mouse event was: a button press or a wheel step.
public enum MouseButton: Hashable, Sendable {
    case left
    case middle
    case right
    case wheelUp
    case wheelDown
}
