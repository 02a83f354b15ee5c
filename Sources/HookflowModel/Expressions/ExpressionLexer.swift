/// Splits expression text into tokens on demand, starting at a given character.
///
/// Tokens are produced one at a time rather than all up front because an `@{...}` part ends
/// wherever the parser finds its `}`; the rest of the string value is plain text.
struct ExpressionLexer {
    let characters: [Character]
    let source: String
    /// 0-based index of the next character to read.
    private(set) var offset: Int
    /// 0-based index of the first character past ``Expression/maximumLength`` from the start.
    private let end: Int

    init(characters: [Character], source: String, offset: Int) {
        self.characters = characters
        self.source = source
        self.offset = offset
        (end, _) = offset.addingReportingOverflow(Expression.maximumLength)
    }

    /// The next token without consuming it.
    func peek() throws(ExpressionError) -> ExpressionToken {
        var copy = self
        return try copy.next()
    }

    mutating func next() throws(ExpressionError) -> ExpressionToken {
        let token = try lexToken()
        // Checked after the token so a long string literal is still read once, in one pass. The
        // `}` that closes an `@{` is not part of the expression.
        let expressionEnd = token.kind == .rightBrace ? offset - 1 : offset
        guard expressionEnd <= end else {
            throw ExpressionError(
                kind: .limit,
                message: "the expression is longer than \(Expression.maximumLength) characters, the limit for one expression",
                expression: source, position: end + 1)
        }
        return token
    }

    private mutating func lexToken() throws(ExpressionError) -> ExpressionToken {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        let start = offset
        let position = start + 1
        guard start < characters.count else { return ExpressionToken(kind: .end, position: position) }
        let character = characters[start]
        offset += 1
        switch character {
        case "(": return ExpressionToken(kind: .leftParenthesis, position: position)
        case ")": return ExpressionToken(kind: .rightParenthesis, position: position)
        case "[": return ExpressionToken(kind: .leftBracket, position: position)
        case "]": return ExpressionToken(kind: .rightBracket, position: position)
        case ",": return ExpressionToken(kind: .comma, position: position)
        case ".": return ExpressionToken(kind: .dot, position: position)
        case "?": return ExpressionToken(kind: .question, position: position)
        case "}": return ExpressionToken(kind: .rightBrace, position: position)
        case "'": return try lexString(startingAt: start)
        case "-" where isDigit(at: offset):
            return try lexNumber(startingAt: start)
        default:
            if Self.isDigit(character) { return try lexNumber(startingAt: start) }
            if Self.isIdentifierStart(character) { return lexIdentifier(startingAt: start) }
            throw unexpected(character, at: position)
        }
    }

    private mutating func lexString(startingAt start: Int) throws(ExpressionError) -> ExpressionToken {
        var text = ""
        while offset < characters.count {
            let character = characters[offset]
            offset += 1
            if character == "'" {
                // Logic Apps escapes a quote inside a string literal by doubling it.
                if offset < characters.count, characters[offset] == "'" {
                    text.append("'")
                    offset += 1
                } else {
                    return ExpressionToken(kind: .string(text), position: start + 1)
                }
            } else {
                text.append(character)
            }
        }
        throw ExpressionError(
            kind: .syntax, message: "unterminated string literal: missing the closing quote",
            expression: source, position: start + 1)
    }

    private mutating func lexNumber(startingAt start: Int) throws(ExpressionError) -> ExpressionToken {
        // `next()` consumed the first character (a digit or the '-' before one).
        skipDigits()
        if offset < characters.count, characters[offset] == ".", isDigit(at: offset + 1) {
            offset += 1
            skipDigits()
        }
        if offset < characters.count, characters[offset] == "e" || characters[offset] == "E" {
            var lookahead = offset + 1
            if lookahead < characters.count, characters[lookahead] == "+" || characters[lookahead] == "-" { lookahead += 1 }
            if isDigit(at: lookahead) {
                offset = lookahead
                skipDigits()
            }
        }
        let literal = String(characters[start..<offset])
        // The literal goes into a JSONNumber, so it must be valid JSON number text ("007" is not).
        guard case .number = try? JSONParser.parse(literal) else {
            throw ExpressionError(
                kind: .syntax, message: "invalid number '\(literal)'", expression: source, position: start + 1)
        }
        return ExpressionToken(kind: .number(literal), position: start + 1)
    }

    private mutating func lexIdentifier(startingAt start: Int) -> ExpressionToken {
        while offset < characters.count, Self.isIdentifierPart(characters[offset]) { offset += 1 }
        return ExpressionToken(kind: .identifier(String(characters[start..<offset])), position: start + 1)
    }

    private mutating func skipDigits() {
        while isDigit(at: offset) { offset += 1 }
    }

    private func isDigit(at index: Int) -> Bool {
        index < characters.count && Self.isDigit(characters[index])
    }

    private func unexpected(_ character: Character, at position: Int) -> ExpressionError {
        let hint: String
        switch character {
        case "\"": hint = "; string literals use single quotes"
        case "@": hint = "; '@' only starts an expression at the beginning of the value or in '@{'"
        case "{": hint = "; '{' is only valid right after '@'"
        default: hint = ""
        }
        return ExpressionError(
            kind: .syntax, message: "unexpected character '\(character)'\(hint)", expression: source, position: position)
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber
    }

    /// `$` is allowed so that common property names such as `$content` work after a `.`.
    static func isIdentifierStart(_ character: Character) -> Bool {
        character.isLetter || character == "_" || character == "$"
    }

    static func isIdentifierPart(_ character: Character) -> Bool {
        isIdentifierStart(character) || character.isNumber
    }
}
