/// A parsed string value: plain text, a whole-value expression (keeps its JSON type), or text with @{...} parts (always a string).
///
/// The rules follow the Workflow Definition Language:
/// - a value that starts with `@` (but not `@@` or `@{`) is one expression, and its result
///   keeps its JSON type: `"@parameters('n')"` → `42`;
/// - `@{...}` anywhere (including a value that is only `"@{...}"`) is written into the
///   surrounding text, so the result is always a string;
/// - `@@` stands for a literal `@` anywhere in the value: `"@@"` → `"@"`,
///   `"mail@@example.com"` → `"mail@example.com"`, `"@@{x}"` → `"@{x}"`;
/// - any other `@` is plain text: `"a@b.com"` and `" @x"` (leading space) stay as they are.
public enum Template: Sendable, Equatable {
    /// No expression; `@@` escapes already resolved.
    case literal(String)
    /// `"@fn(...)"`: the result keeps its type.
    case expression(Expression)
    /// `"a @{x} b"` or `"@{x}"`: the result is a string.
    case interpolation([TemplateSegment])

    /// Parses one JSON string value; function names and argument counts are checked against the
    /// function catalog (``ExpressionFunction``) as the calls are read.
    public static func parse(_ value: String) throws(ExpressionError) -> Template {
        let characters = Array(value)
        if characters.first == "@", characters.count == 1 || (characters[1] != "@" && characters[1] != "{") {
            return .expression(try parseWholeExpression(characters, source: value))
        }

        var segments: [TemplateSegment] = []
        var text = ""
        var index = 0
        var sawExpression = false
        while index < characters.count {
            let character = characters[index]
            if character == "@", index + 1 < characters.count {
                if characters[index + 1] == "@" {
                    text.append("@")
                    index += 2
                    continue
                }
                if characters[index + 1] == "{" {
                    let (expression, end) = try parseInterpolation(characters, source: value, at: index)
                    if !text.isEmpty { segments.append(.text(text)) }
                    text = ""
                    segments.append(.expression(expression))
                    sawExpression = true
                    index = end
                    continue
                }
            }
            text.append(character)
            index += 1
        }
        guard sawExpression else { return .literal(text) }
        if !text.isEmpty { segments.append(.text(text)) }
        return .interpolation(segments)
    }

    /// True when ``parse(_:)`` would not return the value unchanged as a `.literal`: the value
    /// is an expression, holds an `@{`, or holds an `@@` escape (or would fail to parse).
    ///
    /// Cheap check used on every string: it looks at UTF-8 bytes only and never allocates, so
    /// callers can skip parsing for the vast majority of strings and still get the same result.
    public static func containsExpression(_ value: String) -> Bool {
        var utf8 = value.utf8.makeIterator()
        guard let first = utf8.next() else { return false }
        var previous = first
        if first == UInt8(ascii: "@") {
            // "@" alone, "@x", "@@", "@{": none of them is plain text.
            return true
        }
        while let byte = utf8.next() {
            if previous == UInt8(ascii: "@"), byte == UInt8(ascii: "@") || byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    /// Every function call in the template, in source order, with its lowercased name, its position and its arguments.
    public var functionCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        switch self {
        case .literal:
            break
        case .expression(let expression):
            expression.collectCalls(into: &calls)
        case .interpolation(let segments):
            for case .expression(let expression) in segments { expression.collectCalls(into: &calls) }
        }
        return calls
    }

    /// The text after a leading `@`, which must be exactly one expression.
    private static func parseWholeExpression(_ characters: [Character], source: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(characters: characters, source: source, offset: 1)
        if case .end = try parser.peek().kind {
            throw ExpressionError(
                kind: .syntax, message: "empty expression after '@' (write '@@' for a literal '@')",
                expression: source, position: 1)
        }
        let expression = try parser.parseExpression()
        let trailing = try parser.next()
        guard case .end = trailing.kind else {
            throw ExpressionError(
                kind: .syntax,
                message: "unexpected \(trailing.displayText) after the end of the expression (use '@{...}' to mix text and expressions)",
                expression: source, position: trailing.position)
        }
        return expression
    }

    /// Parses `@{ expression }` whose `@` is at `start`; returns the expression and the index after `}`.
    private static func parseInterpolation(
        _ characters: [Character], source: String, at start: Int
    ) throws(ExpressionError) -> (Expression, Int) {
        var parser = ExpressionParser(characters: characters, source: source, offset: start + 2)
        switch try parser.peek().kind {
        case .rightBrace:
            throw ExpressionError(kind: .syntax, message: "empty expression in '@{}'", expression: source, position: start + 1)
        case .end:
            throw unterminated(source: source, at: start)
        default:
            break
        }
        let expression = try parser.parseExpression()
        let close = try parser.next()
        switch close.kind {
        case .rightBrace:
            return (expression, parser.offset)
        case .end:
            throw unterminated(source: source, at: start)
        default:
            throw ExpressionError(
                kind: .syntax,
                message: "expected '}' to close the '@{' at position \(start + 1) but found \(close.displayText)",
                expression: source, position: close.position)
        }
    }

    private static func unterminated(source: String, at start: Int) -> ExpressionError {
        ExpressionError(kind: .syntax, message: "unterminated '@{': missing '}'", expression: source, position: start + 1)
    }
}
