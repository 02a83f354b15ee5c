import Testing
@testable import HookflowModel

@Suite struct ExpressionStringSearchFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@endsWith('hello world', 'world')", true),
        ("@endsWith('hello world', 'universe')", false),
        ("@startsWith('hello world', 'hello')", true),
        ("@startsWith('hello world', 'greetings')", false),
        ("@indexOf('hello world', 'world')", 6),
        ("@lastIndexOf('hello world hello world', 'world')", 18),
        ("@lastIndexOf('hello world hello world', '')", 22),
        ("@nthIndexOf('123456789123465789', '1', 1)", 0),
        ("@nthIndexOf('123456789123465789', '1', 2)", 9),
        ("@nthIndexOf('123456789123465789', '12', 2)", 9),
        ("@nthIndexOf('123456789123465789', '6', 4)", -1),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func startsWithAndEndsWithIgnoreCase() {
        Support.expectValue("@startsWith('Hello', 'he')", true)
        Support.expectValue("@startsWith('Hello', 'lo')", false)
        Support.expectValue("@startsWith('Hello', '')", true)
        Support.expectValue("@endsWith('Hello', 'LO')", true)
        Support.expectValue("@endsWith('Hello', 'He')", false)
        Support.expectError(.init("@startsWith('a', 1)", .type, "function 'startsWith' expects a string as argument 2 but got integer", at: 18))
    }

    @Test(arguments: [
        ("@indexOf('hello world', 'WORLD')", 6),
        ("@indexOf('abc', 'z')", -1),
        ("@indexOf('abc', '')", 0),
        ("@indexOf('👍🏽ab', 'a')", 1),
        // The reference's rules for empty values.
        ("@lastIndexOf('', 'a')", -1),
        ("@lastIndexOf('', '')", 0),
        ("@lastIndexOf('abc', '')", 2),
        ("@lastIndexOf('Hello HELLO', 'hello')", 6),
        ("@lastIndexOf('aaa', 'aa')", 1),
        ("@lastIndexOf('abc', 'z')", -1),
        ("@lastIndexOf('👍🏽a👍🏽a', 'a')", 3),
        ("@nthIndexOf('aXbXc', 'x', 2)", 3),
        ("@nthIndexOf('aaaa', 'aa', 2)", 1),
        ("@nthIndexOf('123412341234', '1', -1)", 8),
        ("@nthIndexOf('123412341234', '1', -3)", 0),
        ("@nthIndexOf('123412341234', '1', -4)", -1),
    ] as [(String, JSONValue)])
    func positions(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func nthIndexOfErrors() {
        Support.expectError(.init(
            "@nthIndexOf('abc', 'a', 0)", .runtime, "function 'nthIndexOf' counts occurrences from 1 (or from -1 at the end), not 0", at: 25))
        Support.expectError(.init("@nthIndexOf('abc', '', 1)", .runtime, "function 'nthIndexOf' cannot look for an empty search text", at: 20))
        Support.expectError(.init("@nthIndexOf('abc', 'a', '1')", .type, "function 'nthIndexOf' expects an integer as argument 3 but got string", at: 25))
        Support.expectError(.init("@lastIndexOf(null, 'a')", .type, "function 'lastIndexOf' expects a string as argument 1 but got null", at: 14))
    }
}
