import Testing
@testable import HookflowModel

/// Foreach, Until and Workflow as validation reads them: Logic Apps' shapes pass, its limits are named.
struct LoopValidationTests {
    private func problems(_ actions: String) throws -> [String] {
        let text = #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": "# + actions + "}"
        return WorkflowValidator().validate(try WorkflowDocument.read(text).definition).map(\.description)
    }

    @Test func logicAppsShapesAreValid() throws {
        #expect(try problems(#"{"Loop": {"type": "Foreach", "foreach": "@triggerBody()?['items']", "actions": {"Say": {"type": "Compose", "inputs": "@items('Loop')", "runAfter": {}}}, "runAfter": {}, "runtimeConfiguration": {"concurrency": {"repetitions": 10}}}}"#) == [])
        #expect(try problems(#"{"Loop": {"type": "Foreach", "foreach": [1, 2], "actions": {}, "runAfter": {}, "operationOptions": "Sequential"}}"#) == [])
        #expect(try problems(#"{"Poll": {"type": "Until", "expression": "@equals(1, 1)", "limit": {"count": 60, "timeout": "PT1H"}, "actions": {}, "runAfter": {}}}"#) == [])
        #expect(try problems(#"{"Poll": {"type": "Until", "expression": {"and": [{"equals": [1, 1]}]}, "limit": {"count": "@triggerBody()?['n']"}, "actions": {}, "runAfter": {}}}"#) == [])
        #expect(try problems(#"{"Call": {"type": "Workflow", "inputs": {"host": {"workflow": {"id": "child"}}, "body": "@triggerBody()"}, "runAfter": {}}}"#) == [])
        #expect(try problems(#"{"Call": {"type": "Workflow", "inputs": {"host": {"triggerName": "manual", "id": "/subscriptions/x/providers/Microsoft.Logic/workflows/child"}}, "runAfter": {}}}"#) == [])
    }

    @Test func limitsAndMissingPartsAreNamed() throws {
        #expect(try problems(#"{"Loop": {"type": "Foreach", "actions": {}, "runAfter": {}}}"#)
            == [#"/actions/Loop/foreach: For each needs the array to go over ("foreach": an expression such as @triggerBody()?['items'], or an array)"#])
        #expect(try problems(#"{"Loop": {"type": "Foreach", "foreach": "items", "actions": {}, "runAfter": {}}}"#)
            == [#"/actions/Loop/foreach: For each must be an expression giving an array (starting with @), not the text "items""#])
        #expect(try problems(#"{"Loop": {"type": "Foreach", "foreach": [], "actions": {}, "runAfter": {}, "runtimeConfiguration": {"concurrency": {"repetitions": 51}}}}"#)
            == ["/actions/Loop/runtimeConfiguration/concurrency/repetitions: Repetitions must be a whole number from 1 to 50 (iterations run at once; 20 by default)"])
        #expect(try problems(#"{"Poll": {"type": "Until", "limit": {"count": 6000}, "runAfter": {}}}"#) == [
            "/actions/Poll/limit/count: Count must be a whole number from 1 to 5000 (iterations at most; 60 by default)",
            #"/actions/Poll/expression: Until needs the condition that ends the loop ("expression")"#,
            "/actions/Poll/actions: Actions is required (an object, possibly empty)",
        ])
        #expect(try problems(#"{"Call": {"type": "Workflow", "inputs": {"host": {}}, "runAfter": {}}}"#)
            == ["/actions/Call/inputs/host/workflow/id: The workflow to call is required (host.workflow.id: the name of an app of this engine)"])
    }

    @Test func expressionsInsideLoopsAreChecked() throws {
        let result = try problems(#"{"Loop": {"type": "Foreach", "foreach": "@triggerBody()", "actions": {"Say": {"type": "Compose", "inputs": "@nosuchfunction()", "runAfter": {}}}, "runAfter": {}}}"#)
        #expect(result.count == 1 && result[0].hasPrefix("/actions/Loop/actions/Say/inputs"), "\(result)")
    }
}
