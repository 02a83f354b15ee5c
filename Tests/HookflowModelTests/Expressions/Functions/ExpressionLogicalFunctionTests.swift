import Testing
@testable import HookflowModel

@Suite struct ExpressionLogicalFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@and(true, true)", true),
        ("@and(false, true)", false),
        ("@and(false, false)", false),
        ("@and(equals(1, 1), equals(2, 2))", true),
        ("@and(equals(1, 1), equals(1, 2))", false),
        ("@and(equals(1, 2), equals(1, 3))", false),
        ("@equals(true, 1)", true),
        ("@equals('abc', 'abcd')", false),
        ("@if(equals(1, 1), 'yes', 'no')", "yes"),
        ("@not(false)", true),
        ("@not(true)", false),
        ("@not(equals(1, 2))", true),
        ("@not(equals(1, 1))", false),
        ("@or(true, false)", true),
        ("@or(false, false)", false),
        ("@or(equals(1, 1), equals(1, 2))", true),
        ("@or(equals(1, 2), equals(1, 3))", false),
        ("@coalesce(null, true, false)", true),
        ("@coalesce(null, 'hello', 'world')", "hello"),
        ("@coalesce(null, null, null)", nil),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    /// The conversions the reference documents for comparisons: null is the empty string, and a
    /// boolean equals its number.
    @Test(arguments: [
        ("@equals(null, '')", true),
        ("@equals('', null)", true),
        ("@equals(null, null)", true),
        ("@equals(null, 'a')", false),
        ("@equals(false, 0)", true),
        ("@equals(1.0, true)", true),
        ("@equals(true, 2)", false),
        ("@equals('1', 1)", false),
        ("@coalesce('', 'x')", ""),
    ] as [(String, JSONValue)])
    func comparisonConversions(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@equals(1, 1)", true),
        ("@equals(1, 1.0)", true),
        ("@equals(1, 2)", false),
        ("@equals('a', 'a')", true),
        ("@equals('a', 'A')", false),
        ("@equals(1, '1')", false),
        ("@equals(null, null)", true),
        ("@equals(parameters('nothing'), null)", true),
        ("@equals(createArray(1, 2), createArray(1, 2))", true),
        ("@equals(createArray(1, 2), createArray(2, 1))", false),
        (#"@equals(json('{"a":1,"b":[true]}'), json('{"b":[true],"a":1.0}'))"#, true),
        (#"@equals(json('{"a":1}'), json('{"a":1,"b":2}'))"#, false),
    ])
    func equals(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    @Test func not() {
        Support.expectValue("@not(true)", false)
        Support.expectValue("@not(equals(1, 2))", true)
        Support.expectError(.init("@not('true')", .type, "function 'not' expects a boolean as argument 1 but got string", at: 6))
    }

    @Test func and() {
        Support.expectValue("@and(true, true, true)", true)
        Support.expectValue("@and(true, false)", false)
        Support.expectValue("@and(false, false)", false)
        // Every argument is checked, even after a false.
        Support.expectError(.init("@and(false, 1)", .type, "function 'and' expects a boolean as argument 2 but got integer", at: 13))
    }

    @Test func or() {
        Support.expectValue("@or(false, false)", false)
        Support.expectValue("@or(false, true, false)", true)
        Support.expectError(.init("@or(true, null)", .type, "function 'or' expects a boolean as argument 2 but got null", at: 11))
    }

    @Test func ifChoosesABranch() {
        Support.expectValue("@if(true, 'yes', 'no')", "yes")
        Support.expectValue("@if(equals(1, 2), 'yes', parameters('n'))", 42)
        Support.expectValue("@{if(parameters('flag'), 'on', 'off')}", "on")
        Support.expectError(.init("@if('x', 1, 2)", .type, "function 'if' expects a boolean as argument 1 but got string", at: 5))
    }

    @Test func ifEvaluatesOnlyTheChosenBranch() {
        Support.expectValue("@if(true, 'ok', parameters('nope'))", "ok")
        Support.expectValue("@if(false, toUpper(1), 'fallback')", "fallback")
        Support.expectError(.init("@if(true, parameters('nope'), 1)", .reference, "parameter 'nope' is not defined", at: 22))
    }

    @Test func coalesce() {
        Support.expectValue("@coalesce(null, parameters('nothing'), 'x', 'y')", "x")
        Support.expectValue("@coalesce(null)", nil)
        Support.expectValue("@coalesce('', 'x')", "")
        Support.expectValue("@coalesce(null, 0)", 0)
        Support.expectError(.init("@coalesce()", .arity, "function 'coalesce' expects at least 1 argument but got 0", at: 2))
    }
}
