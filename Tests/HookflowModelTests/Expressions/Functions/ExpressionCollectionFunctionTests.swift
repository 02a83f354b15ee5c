import Testing
@testable import HookflowModel

@Suite struct ExpressionCollectionFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@contains('hello world', 'world')", true),
        ("@contains('hello world', 'universe')", false),
        ("@empty('')", true),
        ("@empty('abc')", false),
        ("@first('hello')", "h"),
        ("@first(createArray(0, 1, 2))", 0),
        ("@last('abcd')", "d"),
        ("@last(createArray(0, 1, 2, 3))", 3),
        ("@length('abcd')", 4),
        ("@length(createArray(0, 1, 2, 3))", 4),
        ("@join(createArray('a', 'b', 'c'), '.')", "a.b.c"),
        ("@createArray('h', 'e', 'l', 'l', 'o')", ["h", "e", "l", "l", "o"]),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@contains('hello world', 'world')", true),
        ("@contains('hello', 'H')", false),
        ("@contains(createArray(1, 2, 3), 2.0)", true),
        ("@contains(createArray('a'), 'b')", false),
        ("@contains(parameters('list'), 3)", true),
        ("@contains(parameters('config'), 'retries')", true),
        ("@contains(parameters('config'), 'RETRIES')", true),
        ("@contains(parameters('config'), 'nope')", false),
    ])
    func contains(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    @Test func containsNeedsACollection() {
        Support.expectError(.init(
            "@contains(1, 'a')", .type, "function 'contains' expects a string, an array or an object as argument 1 but got integer", at: 11))
        Support.expectError(.init("@contains('abc', 1)", .type, "function 'contains' expects a string as argument 2 but got integer", at: 18))
    }

    @Test(arguments: [
        ("@length('héllo👍🏽')", 6),
        ("@length('')", 0),
        ("@length(createArray(1, 2))", 2),
        ("@length(parameters('config'))", 3),
    ] as [(String, JSONValue)])
    func length(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func lengthNeedsACollection() {
        Support.expectError(.init("@length(5)", .type, "function 'length' expects a string, an array or an object as argument 1 but got integer", at: 9))
        Support.expectError(.init("@length(null)", .type, "function 'length' expects a string, an array or an object as argument 1 but got null", at: 9))
    }

    @Test(arguments: [
        ("@empty('')", true),
        ("@empty('a')", false),
        ("@empty(json('[]'))", true),
        ("@empty(json('{}'))", true),
        ("@empty(null)", true),
        ("@empty(parameters('list'))", false),
        ("@empty(parameters('config'))", false),
    ])
    func empty(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    @Test func emptyRefusesNumbers() {
        Support.expectError(.init(
            "@empty(0)", .type, "function 'empty' expects a string, an array, an object or null as argument 1 but got integer", at: 8))
    }

    @Test(arguments: [
        ("@first('abc')", "a"),
        ("@first('👍🏽x')", "👍🏽"),
        ("@first('')", nil),
        ("@first(createArray(1, 2, 3))", 1),
        ("@first(json('[]'))", nil),
    ] as [(String, JSONValue)])
    func first(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@last('abc')", "c"),
        ("@last('')", nil),
        ("@last(createArray(1, 2, 3))", 3),
        ("@last(json('[]'))", nil),
    ] as [(String, JSONValue)])
    func last(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func firstAndLastNeedAStringOrArray() {
        Support.expectError(.init("@first(5)", .type, "function 'first' expects a string or an array as argument 1 but got integer", at: 8))
        Support.expectError(.init("@last(json('{}'))", .type, "function 'last' expects a string or an array as argument 1 but got object", at: 7))
    }

    @Test func join() {
        Support.expectValue("@join(createArray('a', 1, true, null), ', ')", "a, 1, true, ")
        Support.expectValue("@join(parameters('list'), '')", "123")
        Support.expectValue("@join(split('a.b.c', '.'), '/')", "a/b/c")
        Support.expectError(.init("@join('a', ',')", .type, "function 'join' expects an array as argument 1 but got string", at: 7))
        Support.expectError(.init("@join(parameters('list'), 1)", .type, "function 'join' expects a string as argument 2 but got integer", at: 27))
    }

    @Test func createArray() {
        Support.expectValue("@createArray('h', 1, null)", ["h", 1, nil])
        Support.expectValue("@createArray(createArray(1))", [[1]])
        Support.expectValue("@createArray(parameters('config').retries)", [3])
        Support.expectError(.init("@createArray()", .arity, "function 'createArray' expects at least 1 argument but got 0", at: 2))
    }
}
