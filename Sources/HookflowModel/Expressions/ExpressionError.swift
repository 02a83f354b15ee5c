/// A problem in a workflow expression, found while parsing or evaluating it.
///
/// Where in the string value an error is: 1-based column counted in Characters of the whole
/// JSON string value (including the leading '@'), so an editor can put the cursor on it.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, so callers can react differently (the validator skips `.unavailable`).
    public enum Kind: Sendable, Equatable {
        /// The text is not a well-formed expression.
        case syntax
        /// A function name that is not in the catalog.
        case unknownFunction
        /// A function called with too few or too many arguments.
        case arity
        /// A value of the wrong JSON type for a function argument, member access or index.
        case type
        /// A name that does not resolve: a missing parameter, property or array element.
        case reference
        /// Something the evaluation context does not provide (yet): no trigger, no callback URL,
        /// an action that has not run. Not a mistake in the expression itself.
        case unavailable
        /// A well-typed call that still cannot produce a value (division by zero, bad base64...).
        case runtime
        /// Beyond a documented limit: nesting (``Expression/maximumDepth``), length
        /// (``Expression/maximumLength``) or the size of a result (``Expression/maximumResultLength``).
        case limit
    }

    public let kind: Kind
    /// What went wrong, without the location (e.g. "unknown function 'toUpperr'").
    public let message: String
    /// The whole string value as written, e.g. "@toUpperr('a')".
    public let expression: String
    /// 1-based column in ``expression``, counted in Characters.
    public let position: Int

    public init(kind: Kind, message: String, expression: String, position: Int) {
        self.kind = kind
        // Messages quote the text they are about; a line break in it must not split the message.
        self.message = message.oneLine
        self.expression = expression
        self.position = position
    }

    public var description: String {
        "\(message) at position \(position) in expression \"\(expression.oneLine)\""
    }
}
