/// One thing wrong with a definition: where (a JSON Pointer into the definition) and what,
/// in words that name the form field (`Subscribe - URI is required`).
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    public let pointer: JSONPointer
    public let message: String

    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer
        // One line whatever the definition holds: names and values quoted in it are escaped.
        self.message = message.oneLine
    }

    /// `/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required`
    public var description: String { "\(pointer.description.isEmpty ? "/" : pointer.description.oneLine): \(message)" }

    /// Whether the problem lies inside the given step (for the red count on a card).
    public func belongs(to step: Step) -> Bool { pointer.hasPrefix(step.pointer) }
}
