/// One token of expression text, with the 1-based column where it starts.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A single-quoted string with `''` already turned into `'`.
        case string(String)
        /// A number literal, already checked to be valid JSON number text.
        case number(String)
        case leftParenthesis, rightParenthesis
        case leftBracket, rightBracket
        case comma, dot, question
        /// Closes an `@{` interpolation; only meaningful there.
        case rightBrace
        case end
    }

    let kind: Kind
    let position: Int

    /// How the token reads in an error message ("')'", "name 'foo'", "the end of the expression").
    var displayText: String {
        switch kind {
        case .identifier(let name): "name '\(name)'"
        case .string(let text): "string '\(text.replacingOccurrences(of: "'", with: "''"))'"
        case .number(let literal): "number \(literal)"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .dot: "'.'"
        case .question: "'?'"
        case .rightBrace: "'}'"
        case .end: "the end of the expression"
        }
    }
}
