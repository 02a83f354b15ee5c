import Testing
@testable import HookflowModel

/// addProperty, setProperty and removeProperty; results are compared as text so property order counts.
@Suite struct ExpressionObjectFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        (#"@string(addProperty(json('{ "firstName": "Sophia", "lastName": "Owen" }'), 'middleName', 'Anne'))"#,
         #"{"firstName":"Sophia","lastName":"Owen","middleName":"Anne"}"#),
        (#"@string(setProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }'), 'customerName', addProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }')['customerName'], 'middleName', 'Anne')))"#,
         #"{"customerName":{"firstName":"Sophia","surName":"Owen","middleName":"Anne"}}"#),
        (#"@string(removeProperty(json('{ "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" }'), 'middleName'))"#,
         #"{"firstName":"Sophia","surName":"Owen"}"#),
        (#"@string(removeProperty(json('{ "customerName": { "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" } }')['customerName'], 'middleName'))"#,
         #"{"firstName":"Sophia","surName":"Owen"}"#),
        (#"@string(setProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'surName', 'Hartnett'))"#,
         #"{"firstName":"Sophia","surName":"Hartnett"}"#),
        (#"@string(setProperty(json('{ "customerName": { "firstName": "Sophie", "surName": "Owen" } }'), 'customerName', setProperty(json('{ "customerName": { "firstName": "Sophie", "surName": "Owen" } }')['customerName'], 'surName', 'Hartnett')))"#,
         #"{"customerName":{"firstName":"Sophie","surName":"Hartnett"}}"#),
    ])
    func documentedExamples(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func valuesOfAnyTypeAndMissingProperties() {
        Support.expectValue("@setProperty(json('{}'), 'list', createArray(1, 2))", ["list": [1, 2]])
        Support.expectValue("@addProperty(json('{}'), 'nothing', null)", ["nothing": nil])
        // A property that is not there leaves the object as it was.
        Support.expectValue(#"@removeProperty(json('{"a":1}'), 'b')"#, ["a": 1])
        // Names are exact: 'A' is another property than 'a'.
        Support.expectValue(#"@addProperty(json('{"a":1}'), 'A', 2)"#, ["a": 1, "A": 2])
    }

    @Test func errors() {
        Support.expectError(.init(
            #"@addProperty(json('{"a":1}'), 'a', 2)"#, .runtime,
            "function 'addProperty' cannot add the property 'a': the object already has it (use setProperty() to change it)", at: 31))
        Support.expectError(.init(
            "@setProperty(createArray(1), 'a', 2)", .type, "function 'setProperty' expects an object as argument 1 but got array", at: 14))
        Support.expectError(.init(
            "@removeProperty(json('{}'), 1)", .type, "function 'removeProperty' expects a string as argument 2 but got integer", at: 29))
    }
}
