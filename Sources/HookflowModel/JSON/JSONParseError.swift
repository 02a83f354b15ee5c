/// Malformed JSON, with where it went wrong (1-based line and column, columns in characters).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    /// Byte offset into the input.
    public let offset: Int

    public var description: String { "line \(line), column \(column): \(message)" }
}
