import Testing
@testable import HookflowModel

@Suite struct ExpressionMathFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@add(1, 1.5)", 2.5),
        ("@div(10,5)", 2),
        ("@div(11,5)", 2),
        ("@div(11,5.0)", 2.2),
        ("@div(11.0,5)", 2.2),
        ("@max(1, 2, 3)", 3),
        ("@max(createArray(1, 2, 3))", 3),
        ("@min(1, 2, 3)", 1),
        ("@min(createArray(1, 2, 3))", 1),
        ("@mod(3, 2)", 1),
        ("@mod(-5, 2)", -1),
        ("@mod(4, -3)", 1),
        ("@mul(1, 2)", 2),
        ("@mul(1.5, 2)", 3.0),
        ("@range(1, 4)", [1, 2, 3, 4]),
        ("@sub(10.3, .3)", 10.0),
        // decimal(): "use the result as a number" and "convert it to a string for precision preservation".
        ("@decimal('1.2345678912312131')", .number(JSONNumber(validLiteral: "1.2345678912312131"))),
        ("@string(decimal('1.2345678912312131'))", "1.2345678912312131"),
        ("@string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))", "2.4691357824624262"),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func decimalArithmeticAsANumberIsTheDoubleTheReferenceShows() throws {
        let sum = try Support.evaluate("@add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))")
        #expect(sum.numberValue?.doubleValue == 2.469135782462426)
        // Numbers a double holds exactly as written still compute as doubles, as in Logic Apps.
        #expect(try Support.evaluate("@string(add(0.1, 0.2))") == "0.30000000000000004")
        #expect(try Support.evaluate("@string(sub(decimal('10.00000000000000001'), 10))") == "0.00000000000000001")
    }

    @Test func randStaysInItsRangeAndExcludesTheMaximum() throws {
        var context = Support.context()
        context.randomInteger = { range in
            #expect(range == 1..<5)
            return range.upperBound - 1
        }
        #expect(try Support.evaluate("@rand(1, 5)", in: context) == 4)
        for _ in 0..<50 {
            let value = try #require(try Support.evaluate("@rand(1, 5)").intValue)
            #expect((1..<5).contains(value))
        }
        Support.expectError(.init("@rand(5, 5)", .runtime, "function 'rand' needs a minimum below the maximum but got 5 and 5", at: 10))
        Support.expectError(.init("@rand(1, 'x')", .type, "function 'rand' expects an integer as argument 2 but got string", at: 10))
    }

    @Test func rangeLimits() throws {
        Support.expectValue("@range(-2, 3)", [-2, -1, 0])
        Support.expectValue("@range(5, 0)", [])
        #expect(try Support.evaluate("@length(range(0, 100000))") == 100_000)
        Support.expectError(.init("@range(0, 100001)", .runtime, "function 'range' needs a count from 0 to 100000 but got 100001", at: 11))
        Support.expectError(.init("@range(0, -1)", .runtime, "function 'range' needs a count from 0 to 100000 but got -1", at: 11))
        Support.expectError(.init(
            "@range(2147483647, 2)", .runtime, "function 'range' needs the start plus the count to stay within 2147483647", at: 8))
    }

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
