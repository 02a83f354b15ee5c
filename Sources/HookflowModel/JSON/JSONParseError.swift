/// Malformed JSON, with where it went wrong (1-based line and column, columns in characters).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    /// Byte offset into the input.
    public let offset: Int
    /// The text was well formed as far as it was read, but nested deeper than the limit
    /// (``JSONValue/maximumDepth``): a callback answers `400` for this rather than keeping the text.
    public let isTooDeep: Bool

    public init(message: String, line: Int, column: Int, offset: Int, isTooDeep: Bool = false) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.isTooDeep = isTooDeep
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
