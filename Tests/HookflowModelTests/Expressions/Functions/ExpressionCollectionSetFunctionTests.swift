import Testing
@testable import HookflowModel

@Suite struct ExpressionCollectionSetFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))", [1, 2]),
        ("@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))", [1, 2, 3, 10, 101]),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@union(createArray(1, 1, 2))", [1, 2]),
        ("@union(json('[]'), json('[]'))", []),
        ("@intersection(createArray(1, 1, 2), createArray(1))", [1]),
        ("@intersection(createArray(createArray(1)), createArray(createArray(1), 2))", [[1]]),
        // Objects: properties by name, the last object's value winning.
        (#"@union(json('{"a":1,"b":2}'), json('{"b":3,"c":4}'))"#, ["a": 1, "b": 3, "c": 4]),
        (#"@intersection(json('{"a":1,"b":2}'), json('{"b":3,"c":4}'))"#, ["b": 3]),
    ] as [(String, JSONValue)])
    func arraysAndObjects(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func collectionsMustAllBeArraysOrAllObjects() {
        Support.expectError(.init(
            "@union(createArray(1), json('{}'))", .type, "function 'union' expects an array as argument 2 but got object", at: 24))
        Support.expectError(.init(
            "@intersection(json('{}'), json('[]'))", .type, "function 'intersection' expects an object as argument 2 but got array", at: 27))
        Support.expectError(.init("@union('a', 'b')", .type, "function 'union' expects an array or an object as argument 1 but got string", at: 8))
    }
}
