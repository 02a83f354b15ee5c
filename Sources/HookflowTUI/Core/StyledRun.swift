/// A stretch of one row drawn in one role: what a test asserts to check colours without a terminal.
public struct StyledRun: Hashable, Sendable, CustomStringConvertible {
    /// The first column.
    public var x: Int
    /// The text, as ``CellBuffer/lines`` shows it.
    public var text: String
    public var role: StyleRole

    public init(x: Int, text: String, role: StyleRole) {
        self.x = x
        self.text = text
        self.role = role
    }

    public var description: String { "\(x):\(role)\"\(text)\"" }
}
