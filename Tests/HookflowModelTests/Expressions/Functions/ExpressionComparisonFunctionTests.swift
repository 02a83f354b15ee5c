import Testing
@testable import HookflowModel

@Suite struct ExpressionComparisonFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@greater(10, 5)", true),
        ("@greater('apple', 'banana')", false),
        ("@greaterOrEquals(5, 5)", true),
        ("@greaterOrEquals('apple', 'banana')", false),
        ("@less(5, 10)", true),
        ("@less('banana', 'apple')", false),
        ("@lessOrEquals(10, 10)", true),
        ("@lessOrEquals('apply', 'apple')", false),
    ])
    func documentedExamples(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    /// "If you use logical functions or conditions to compare values, null values are converted to empty string values."
    @Test func nullComparesAsTheEmptyString() {
        Support.expectValue("@less(null, 'a')", true)
        Support.expectValue("@greater(null, 'a')", false)
        Support.expectValue("@greaterOrEquals('', null)", true)
        Support.expectError(.init("@greater(null, 5)", .type, "function 'greater' expects a string as argument 2 but got integer", at: 16))
        Support.expectError(.init("@greater(5, null)", .type, "function 'greater' expects a number as argument 2 but got string", at: 13))
    }

    @Test(arguments: [
        ("@greater(2, 1)", true),
        ("@greater(1, 1)", false),
        ("@greater(1.5, 1)", true),
        ("@greater(-2, -1)", false),
        ("@greater('b', 'a')", true),
        ("@greater('B', 'a')", false),
        ("@greaterOrEquals(1, 1.0)", true),
        ("@greaterOrEquals(0, 1)", false),
        ("@greaterOrEquals('abc', 'abc')", true),
        ("@less(1, 2)", true),
        ("@less(2, 2)", false),
        ("@less('apple', 'banana')", true),
        ("@lessOrEquals(2, 2)", true),
        ("@lessOrEquals(2.5, 2)", false),
        ("@lessOrEquals('b', 'a')", false),
    ])
    func comparisons(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    @Test func comparisonsNeedTwoNumbersOrTwoStrings() {
        Support.expectError(.init("@greater(1, 'a')", .type, "function 'greater' expects a number as argument 2 but got string", at: 13))
        Support.expectError(.init("@less('a', 1)", .type, "function 'less' expects a string as argument 2 but got integer", at: 12))
        Support.expectError(.init(
            "@lessOrEquals(true, 1)", .type, "function 'lessOrEquals' expects a number or a string as argument 1 but got boolean", at: 15))
    }
}
