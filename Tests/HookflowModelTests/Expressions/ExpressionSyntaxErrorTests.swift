import Testing
@testable import HookflowModel

@Suite struct ExpressionSyntaxErrorTests {
    static let cases: [ExpectedExpressionError] = [
        .init("@toUpperr('a')", .unknownFunction, "unknown function 'toUpperr'", at: 2),
        .init("Hi @{Foo()}", .unknownFunction, "unknown function 'Foo'", at: 6),
        .init("@substring('abc')", .arity, "function 'substring' expects 2 or 3 arguments but got 1", at: 2),
        .init("@toUpper()", .arity, "function 'toUpper' expects 1 argument but got 0", at: 2),
        .init("@trigger(1)", .arity, "function 'trigger' expects no arguments but got 1", at: 2),
        .init("@and(true)", .arity, "function 'and' expects at least 2 arguments but got 1", at: 2),
        .init("@utcNow('o', 'x')", .arity, "function 'utcNow' expects 0 or 1 arguments but got 2", at: 2),
        .init("@concat('abc", .syntax, "unterminated string literal: missing the closing quote", at: 9),
        .init("text @{concat('x')", .syntax, "unterminated '@{': missing '}'", at: 6),
        .init("@concat('a', 'b'", .syntax, "missing ')' to close the call to 'concat' at position 2", at: 17),
        .init("@", .syntax, "empty expression after '@' (write '@@' for a literal '@')", at: 1),
        .init("@   ", .syntax, "empty expression after '@' (write '@@' for a literal '@')", at: 1),
        .init("@{}", .syntax, "empty expression in '@{}'", at: 1),
        .init("x @{ }", .syntax, "empty expression in '@{}'", at: 3),
        .init(
            "@concat('a') x", .syntax,
            "unexpected name 'x' after the end of the expression (use '@{...}' to mix text and expressions)", at: 14),
        .init("@concat(\"a\")", .syntax, "unexpected character '\"'; string literals use single quotes", at: 9),
        .init("@foo", .syntax, "unexpected name 'foo': a function call needs parentheses and text needs single quotes", at: 2),
        .init("@{x}", .syntax, "unexpected name 'x': a function call needs parentheses and text needs single quotes", at: 3),
        .init("@parameters('a').", .syntax, "expected a property name after '.' but found the end of the expression", at: 18),
        .init("@parameters('a')?x", .syntax, "expected '.' or '[' after '?' but found name 'x'", at: 18),
        .init("@parameters('list')[0", .syntax, "expected ']' but found the end of the expression", at: 22),
        .init("@add(007, 1)", .syntax, "invalid number '007'", at: 6),
        .init("@concat('a' 'b')", .syntax, "expected ',' or ')' in the call to 'concat' but found string 'b'", at: 13),
        .init("a @{guid() x}", .syntax, "expected '}' to close the '@{' at position 3 but found name 'x'", at: 12),
        .init("@concat(,)", .syntax, "expected a value or a function call but found ','", at: 9),
        .init("@concat('a',)", .syntax, "expected a value or a function call but found ')'", at: 13),
        .init("@guid() + 1", .syntax, "unexpected character '+'", at: 9),
    ]

    @Test(arguments: cases)
    func reportsKindMessageAndPosition(expected: ExpectedExpressionError) throws {
        let error = try #require(ExpressionTestSupport.parseFailure(expected.expression))
        #expect(error.kind == expected.kind)
        #expect(error.message == expected.message)
        #expect(error.position == expected.position)
        #expect(error.expression == expected.expression)
        #expect(error.description.contains("\"\(expected.expression)\""))
        // Evaluation reports the same error: it parses first.
        #expect(ExpressionTestSupport.failure(expected.expression) == error)
    }

    @Test func descriptionNamesMessagePositionAndExpression() throws {
        let error = try #require(ExpressionTestSupport.parseFailure("@toUpperr('a')"))
        #expect(error.description == "unknown function 'toUpperr' at position 2 in expression \"@toUpperr('a')\"")
    }

    @Test func positionsCountCharactersNotBytes() throws {
        // "é" is two UTF-8 bytes and "👍🏽" is eight, but each is one column.
        let error = try #require(ExpressionTestSupport.parseFailure("é👍🏽 @{nope()}"))
        #expect(error.kind == .unknownFunction)
        #expect(error.position == 6)
    }

    @Test func deepNestingIsRefusedNotCrashing() throws {
        let depth = Expression.maximumDepth + 10
        let text = "@" + String(repeating: "string(", count: depth) + "1" + String(repeating: ")", count: depth)
        let error = try #require(ExpressionTestSupport.parseFailure(text))
        #expect(error.kind == .limit)
        #expect(error.message == "the expression is nested more than 128 levels deep, the limit "
            + "(each function call, '[...]' index and '.' or '?.' member access is one level)")
        // Within the limit the same shape parses and evaluates.
        let fine = "@" + String(repeating: "string(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try ExpressionTestSupport.evaluate(fine) == "1")
    }
}
