/// Recursive-descent parser for one expression (the text after `@` or inside `@{...}`).
///
/// Function names and argument counts are checked here, not only at run time, so that the
/// validator reports an unknown function or a wrong arity when a definition is loaded. So are
/// the limits of ``Expression/maximumDepth`` and ``Expression/maximumLength``: an expression
/// that parses can be walked recursively by anyone.
struct ExpressionParser {
    private var lexer: ExpressionLexer
    /// How many `parseExpression` calls enclose the current one: bounds the parser's own recursion.
    private var depth = 0
    init(characters: [Character], source: String, offset: Int) {
        lexer = ExpressionLexer(characters: characters, source: source, offset: offset)
    }

    /// 0-based index of the first character the parser has not consumed.
    var offset: Int { lexer.offset }

    private var source: String { lexer.source }

    func peek() throws(ExpressionError) -> ExpressionToken { try lexer.peek() }

    mutating func next() throws(ExpressionError) -> ExpressionToken { try lexer.next() }

    /// expression := primary ( '.' name | '?' '.' name | '[' expression ']' | '?' '[' expression ']' )*
    mutating func parseExpression() throws(ExpressionError) -> Expression {
        try parseTree().expression
    }

    /// An expression with the depth of its tree (``Expression/depth``), computed as it is built:
    /// an accessor chain makes the tree deeper without any nested parsing, so the recursion
    /// guard alone would not see it.
    private mutating func parseTree() throws(ExpressionError) -> (expression: Expression, depth: Int) {
        depth += 1
        defer { depth -= 1 }
        var (expression, treeDepth) = try parsePrimary()
        while true {
            let token = try peek()
            switch token.kind {
            case .dot:
                _ = try next()
                treeDepth = try deeper(treeDepth, at: token.position)
                expression = .member(expression, name: try parseMemberName(after: "."), nullSafe: false, position: token.position)
            case .leftBracket:
                _ = try next()
                let index = try parseIndex()
                treeDepth = try deeper(max(treeDepth, index.depth), at: token.position)
                expression = .index(expression, index.expression, nullSafe: false, position: token.position)
            case .question:
                _ = try next()
                let accessor = try next()
                switch accessor.kind {
                case .dot:
                    treeDepth = try deeper(treeDepth, at: token.position)
                    expression = .member(expression, name: try parseMemberName(after: "?."), nullSafe: true, position: token.position)
                case .leftBracket:
                    let index = try parseIndex()
                    treeDepth = try deeper(max(treeDepth, index.depth), at: token.position)
                    expression = .index(expression, index.expression, nullSafe: true, position: token.position)
                default:
                    throw syntaxError("expected '.' or '[' after '?' but found \(accessor.displayText)", at: accessor.position)
                }
            default:
                return (expression, treeDepth)
            }
        }
    }

    /// The depth of a node one level above `childDepth`, or the limit error at the node.
    private func deeper(_ childDepth: Int, at position: Int) throws(ExpressionError) -> Int {
        guard childDepth < Expression.maximumDepth else { throw tooDeep(at: position) }
        return childDepth + 1
    }

    private func tooDeep(at position: Int) -> ExpressionError {
        ExpressionError(
            kind: .limit,
            message: "the expression is nested more than \(Expression.maximumDepth) levels deep, the limit "
                + "(each function call, '[...]' index and '.' or '?.' member access is one level)",
            expression: source, position: position)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> (expression: Expression, depth: Int) {
        guard depth <= Expression.maximumDepth else { throw tooDeep(at: try peek().position) }
        let token = try next()
        switch token.kind {
        case .string(let text):
            return (.string(text, position: token.position), 1)
        case .number(let literal):
            return (.number(JSONNumber(validLiteral: literal), position: token.position), 1)
        case .dot:
            // `.3` where a value is expected is 0.3, as in the reference's `sub(10.3, .3)`.
            let digits = try peek()
            if case .number(let literal) = digits.kind, digits.position == token.position + 1,
                literal.allSatisfy({ $0.isASCIIDigit || $0 == "e" || $0 == "E" || $0 == "+" })
            {
                _ = try next()
                return (.number(JSONNumber(validLiteral: "0." + literal), position: token.position), 1)
            }
            throw syntaxError("expected a value or a function call but found \(token.displayText)", at: token.position)
        case .identifier(let name):
            if case .leftParenthesis = try peek().kind {
                _ = try next()
                let (call, depth) = try parseCall(name: name, position: token.position)
                return (.call(call), depth)
            }
            switch name.lowercased() {
            case "true": return (.bool(true, position: token.position), 1)
            case "false": return (.bool(false, position: token.position), 1)
            case "null": return (.null(position: token.position), 1)
            default:
                throw syntaxError(
                    "unexpected name '\(name)': a function call needs parentheses and text needs single quotes",
                    at: token.position)
            }
        default:
            throw syntaxError("expected a value or a function call but found \(token.displayText)", at: token.position)
        }
    }

    /// Parses the arguments after `name(`, then checks the name and the argument count.
    private mutating func parseCall(name: String, position: Int) throws(ExpressionError) -> (FunctionCall, depth: Int) {
        // The name comes first in the text, so an unknown name is reported before argument errors.
        let function = ExpressionFunction.named(name.lowercased())
        if function == nil {
            throw ExpressionError(kind: .unknownFunction, message: "unknown function '\(name)'", expression: source, position: position)
        }
        var arguments: [Expression] = []
        var deepestArgument = 0
        if case .rightParenthesis = try peek().kind {
            _ = try next()
        } else {
            argumentLoop: while true {
                let argument = try parseTree()
                arguments.append(argument.expression)
                deepestArgument = max(deepestArgument, argument.depth)
                let separator = try next()
                switch separator.kind {
                case .comma:
                    continue
                case .rightParenthesis:
                    break argumentLoop
                case .end:
                    throw syntaxError("missing ')' to close the call to '\(name)' at position \(position)", at: separator.position)
                default:
                    throw syntaxError(
                        "expected ',' or ')' in the call to '\(name)' but found \(separator.displayText)", at: separator.position)
                }
            }
        }
        if let problem = function?.arityProblem(argumentCount: arguments.count) {
            throw ExpressionError(kind: .arity, message: problem, expression: source, position: position)
        }
        return (FunctionCall(name: name, position: position, arguments: arguments), try deeper(deepestArgument, at: position))
    }

    private mutating func parseMemberName(after accessor: String) throws(ExpressionError) -> String {
        let token = try next()
        guard case .identifier(let name) = token.kind else {
            throw syntaxError("expected a property name after '\(accessor)' but found \(token.displayText)", at: token.position)
        }
        return name
    }

    /// Parses `expression ']'` after a `[`.
    private mutating func parseIndex() throws(ExpressionError) -> (expression: Expression, depth: Int) {
        let index = try parseTree()
        let close = try next()
        guard case .rightBracket = close.kind else {
            throw syntaxError("expected ']' but found \(close.displayText)", at: close.position)
        }
        return index
    }

    private func syntaxError(_ message: String, at position: Int) -> ExpressionError {
        ExpressionError(kind: .syntax, message: message, expression: source, position: position)
    }
}
