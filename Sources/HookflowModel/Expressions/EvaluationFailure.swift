/// An expression error inside a JSON value, with the JSON Pointer of the string that failed.
public struct EvaluationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the failing string sits in the evaluated value (`/inputs/subscribe/uri`).
    public let pointer: JSONPointer
    public let error: ExpressionError

    public init(pointer: JSONPointer, error: ExpressionError) {
        self.pointer = pointer
        self.error = error
    }

    public var description: String { "\(pointer): \(error.description)" }
}
