/// One thing wrong with a definition: where (a JSON Pointer into the definition), what, in
/// words that name the form field (`Subscribe - URI is required`), and how much it matters.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// Errors block a save and a publish; warnings are shown and block nothing (SPEC §1: a
    /// missing unsubscribe is a warning, every other problem of §2's validation an error).
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public let pointer: JSONPointer
    public let message: String
    public let severity: Severity

    public init(pointer: JSONPointer, message: String, severity: Severity = .error) {
        self.pointer = pointer
        // One line whatever the definition holds: names and values quoted in it are escaped.
        self.message = message.oneLine
        self.severity = severity
    }

    public var isError: Bool { severity == .error }
    public var isWarning: Bool { severity == .warning }

    /// The pointer as printed: `/` for the definition itself, control characters escaped.
    public var location: String { pointer.description.isEmpty ? "/" : pointer.description.oneLine }

    /// `/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required`, or for a warning
    /// `/triggers/Webhook/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: …`.
    public var description: String { "\(location): \(severity == .warning ? "warning: " : "")\(message)" }

    /// Whether the problem lies inside the given step (for the red count on a card).
    public func belongs(to step: Step) -> Bool { pointer.hasPrefix(step.pointer) }
}

extension Array where Element == ValidationProblem {
    /// The problems that block a save or a publish.
    public var errors: [ValidationProblem] { filter(\.isError) }
    /// The problems that are shown and block nothing.
    public var warnings: [ValidationProblem] { filter(\.isWarning) }
}
