import Testing
@testable import HookflowModel

@Suite struct ExpressionMathFunctionTests {
    typealias Support = ExpressionTestSupport

    @Test(arguments: [
        ("@add(1, 2)", 3),
        ("@add(1, 2.5)", 3.5),
        ("@add(1.5, 1.5)", 3.0),
        ("@add(-1, -2)", -3),
        ("@add(parameters('n'), 1)", 43),
    ] as [(String, JSONValue)])
    func add(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func sub() {
        Support.expectValue("@sub(5, 7)", -2)
        Support.expectValue("@sub(5.5, 0.5)", 5.0)
    }

    @Test func mul() {
        Support.expectValue("@mul(3, 4)", 12)
        Support.expectValue("@mul(2.5, 2)", 5.0)
        Support.expectValue("@mul(-3, 0)", 0)
    }

    @Test(arguments: [
        ("@div(10, 5)", 2),
        ("@div(11, 5)", 2),
        ("@div(-11, 5)", -2),
        ("@div(7.5, 2.5)", 3.0),
        ("@div(1, 4.0)", 0.25),
    ] as [(String, JSONValue)])
    func div(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@mod(11, 5)", 1),
        ("@mod(-7, 3)", -1),
        ("@mod(5.5, 2)", 1.5),
    ] as [(String, JSONValue)])
    func mod(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func arithmeticErrors() {
        Support.expectError(.init("@div(1, 0)", .runtime, "function 'div' cannot divide by zero", at: 9))
        Support.expectError(.init("@div(1.5, 0.0)", .runtime, "function 'div' cannot divide by zero", at: 11))
        Support.expectError(.init("@mod(1, 0)", .runtime, "function 'mod' cannot divide by zero", at: 9))
        Support.expectError(.init(
            "@add(9223372036854775807, 1)", .runtime, "function 'add' overflows the integer range with 9223372036854775807 and 1", at: 2))
        Support.expectError(.init(
            "@mul(9223372036854775807, 2)", .runtime, "function 'mul' overflows the integer range with 9223372036854775807 and 2", at: 2))
        Support.expectError(.init("@add('1', 2)", .type, "function 'add' expects a number as argument 1 but got string", at: 6))
        Support.expectError(.init("@sub(1, null)", .type, "function 'sub' expects a number as argument 2 but got null", at: 9))
    }

    @Test(arguments: [
        ("@min(3, 1, 2)", 1),
        ("@min(4)", 4),
        ("@min(createArray(4, 2.5, 9))", 2.5),
        ("@min(-1, 0.5)", -1),
    ] as [(String, JSONValue)])
    func min(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@max(3, 1, 2)", 3),
        ("@max(parameters('list'))", 3),
        ("@max(1, 1.5)", 1.5),
    ] as [(String, JSONValue)])
    func max(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func minAndMaxErrors() {
        Support.expectError(.init("@min(json('[]'))", .runtime, "function 'min' needs at least one number but the array is empty", at: 6))
        Support.expectError(.init(
            "@max(createArray(1, 'a'))", .type, "function 'max' expects an array of numbers but element 1 is a string", at: 6))
        Support.expectError(.init("@max(1, 'a')", .type, "function 'max' expects a number as argument 2 but got string", at: 9))
    }
}
