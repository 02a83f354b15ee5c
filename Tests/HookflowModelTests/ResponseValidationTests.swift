import Testing
@testable import HookflowModel

/// The Response action's checks: it answers a Request trigger's caller, with an HTTP status.
struct ResponseValidationTests {
    private func problems(_ text: String) throws -> [String] {
        WorkflowValidator().validate(try WorkflowDocument.read(text).definition).map(\.description)
    }

    private func withRequest(_ response: String) -> String {
        #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"Response": "# + response + "}}"
    }

    @Test func aResponseAfterARequestTriggerIsValid() throws {
        #expect(try problems(withRequest(#"{"type": "Response", "kind": "Http", "inputs": {"statusCode": 200, "headers": {"X-Id": "@{triggerBody()?['id']}"}, "body": "@triggerBody()"}, "runAfter": {}}"#)) == [])
        #expect(try problems(withRequest(#"{"type": "Response", "inputs": {"statusCode": "@if(true, 201, 400)"}, "runAfter": {}}"#)) == [], "an expression is checked when it runs")
    }

    @Test func aResponseNeedsARequestTrigger() throws {
        let text = #"{"triggers": {"Recurrence": {"type": "Recurrence", "recurrence": {"frequency": "Hour", "interval": 1}}}, "actions": {"Response": {"type": "Response", "inputs": {"statusCode": 200}, "runAfter": {}}}}"#
        #expect(try problems(text) == ["/actions/Response/type: A Response action needs a Request or HTTP Webhook trigger: only a trigger that is called can be answered"])
    }

    @Test(arguments: [
        (#"{}"#, "/actions/Response/inputs/statusCode: Status code is required (for example 200)"),
        (#"{"statusCode": 99}"#, "/actions/Response/inputs/statusCode: Status code 99 is not an HTTP status (a whole number from 100 to 599)"),
        (#"{"statusCode": "OK"}"#, #"/actions/Response/inputs/statusCode: Status code "OK" is not an HTTP status (a whole number from 100 to 599)"#),
        (#"{"statusCode": true}"#, "/actions/Response/inputs/statusCode: Status code must be a number, not a boolean"),
        (#"{"statusCode": 200, "headers": {"X-List": [1]}}"#, "/actions/Response/inputs/headers/X-List: Header X-List must be text, not an array"),
        (#"{"statusCode": 200, "headers": "X-Id: 7"}"#, "/actions/Response/inputs/headers: Headers must be an object of names and text values, not a string"),
    ])
    func badInputsAreNamed(inputs: String, expected: String) throws {
        #expect(try problems(withRequest(#"{"type": "Response", "inputs": "# + inputs + #", "runAfter": {}}"#)) == [expected])
    }

    @Test func aResponseInsideALoopIsRefused() throws {
        let text = #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"Loop": {"type": "Foreach", "foreach": "@triggerBody()", "runAfter": {}, "actions": {"Group": {"type": "Scope", "runAfter": {}, "actions": {"Answer": {"type": "Response", "inputs": {"statusCode": 200}, "runAfter": {}}}}}}}}"#
        #expect(try problems(text) == [#"/actions/Loop/actions/Group/actions/Answer/type: A Response cannot be inside Foreach "Loop": the caller is answered once; move it after the loop"#])
    }
}
