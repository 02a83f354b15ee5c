import Testing
@testable import HookflowModel

@Suite struct ExpressionCollectionShapeFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@chunk('abcdefghijklmnopqrstuvwxyz', 10)", ["abcdefghij", "klmnopqrst", "uvwxyz"]),
        ("@chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)", [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]),
        ("@reverse(createArray(0, 1, 2, 3))", [3, 2, 1, 0]),
        ("@skip(createArray(0, 1, 2, 3), 1)", [1, 2, 3]),
        ("@take('abcde', 3)", "abc"),
        ("@take(createArray(0, 1, 2, 3, 4), 3)", [0, 1, 2]),
        ("@sort(createArray(2, 1, 0, 3))", [0, 1, 2, 3]),
        (#"@sort(createArray(json('{ "first": "Amalie", "last": "Rose" }'), json('{ "first": "Elise", "last": "Renee" }')), 'last')"#,
         [["first": "Elise", "last": "Renee"], ["first": "Amalie", "last": "Rose"]]),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@chunk('', 3)", []),
        ("@chunk('é👍🏽x', 2)", ["é👍🏽", "x"]),
        ("@skip(createArray(1, 2), 5)", []),
        ("@skip(createArray(1, 2), 0)", [1, 2]),
        ("@take('ab', 5)", "ab"),
        ("@take(createArray(1), 0)", []),
        ("@reverse(json('[]'))", []),
        ("@sort(createArray('b', 'B', 'a'))", ["B", "a", "b"]),
        ("@sort(createArray(2.5, 1, -3))", [-3, 1, 2.5]),
        ("@sort(createArray(true, false))", [false, true]),
        // Equal keys keep their order.
        (#"@sort(createArray(json('{"k":1,"n":"x"}'), json('{"k":0}'), json('{"k":1,"n":"y"}')), 'k')"#,
         [["k": 0], ["k": 1, "n": "x"], ["k": 1, "n": "y"]]),
    ] as [(String, JSONValue)])
    func edges(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func errors() {
        Support.expectError(.init("@chunk('abc', 0)", .runtime, "function 'chunk' needs a chunk length of at least 1 but got 0", at: 15))
        Support.expectError(.init("@chunk(1, 2)", .type, "function 'chunk' expects a string or an array as argument 1 but got integer", at: 8))
        Support.expectError(.init("@skip('abc', 1)", .type, "function 'skip' expects an array as argument 1 but got string", at: 7))
        Support.expectError(.init("@take(createArray(1), -1)", .runtime, "function 'take' needs a count of 0 or more but got -1", at: 23))
        Support.expectError(.init("@reverse('abc')", .type, "function 'reverse' expects an array as argument 1 but got string", at: 10))
        Support.expectError(.init(
            "@sort(createArray(1, 'a'))", .type,
            "function 'sort' can only sort the elements when all are numbers, all strings or all booleans, but element 1 is a string", at: 7))
        Support.expectError(.init(
            "@sort(createArray(json('{\"a\":1}'), 2), 'a')", .runtime,
            "function 'sort' cannot sort by 'a': element 1 is an integer without that property", at: 7))
    }
}
