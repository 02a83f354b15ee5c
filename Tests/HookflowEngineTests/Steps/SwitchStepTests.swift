import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// `Switch` through the engine: the matching case runs, every other case and the default are
/// skipped with `ActionBranchingConditionNotSatisfied`, the Switch records its expression's value
/// and takes the status of what ran inside it.
@Suite(.serialized)
struct SwitchStepTests {
    /// The Logic Apps reference's example (approve/reject with a default), its email actions
    /// replaced by Compose.
    static func approval(after: JSONValue = [:]) -> JSONValue {
        var actions: JSONObject = [
            "Switch": [
                "type": "Switch", "expression": "@triggerBody()?['SelectedOption']", "runAfter": [:],
                "cases": [
                    "Case": ["case": "Approve", "actions": ["Send_an_email": ["type": "Compose", "inputs": "Thank you for your approval.", "runAfter": [:]]]],
                    "Case_2": ["case": "Reject", "actions": [
                        "Send_an_email_2": ["type": "Compose", "inputs": "Thank you for your response.", "runAfter": [:]],
                        "Then_log": ["type": "Compose", "inputs": "@concat(outputs('Send_an_email_2'), ' logged')", "runAfter": ["Send_an_email_2": ["Succeeded"]]],
                    ]],
                ],
                "default": ["actions": ["Send_an_email_3": ["type": "Compose", "inputs": "Please respond with either 'Approve' or 'Reject'.", "runAfter": [:]]]],
            ],
            "After": ["type": "Compose", "inputs": "@actions('Switch')?['status']", "runAfter": ["Switch": ["Succeeded"]]],
        ]
        for (key, value) in after.objectValue?.entries ?? [] { actions[key] = value }
        return EngineHarness.manual(.object(actions))
    }

    @Test func theMatchingCaseRunsAndTheOthersAreSkipped() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: Self.approval(), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["SelectedOption": "Reject"])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let switchAction = try #require(detail.action("Switch"))
            #expect(switchAction.status == "Succeeded")
            #expect(switchAction.type == "Switch")
            #expect(switchAction.outputs == ["expression": "Reject"])
            #expect(detail.action("Send_an_email_2")?.outputs == "Thank you for your response.")
            #expect(detail.action("Then_log")?.outputs == "Thank you for your response. logged")
            for skipped in ["Send_an_email", "Send_an_email_3"] {
                #expect(detail.action(skipped)?.status == "Skipped", "\(skipped)")
                #expect(detail.action(skipped)?.code == "ActionBranchingConditionNotSatisfied", "\(skipped)")
            }
            #expect(detail.action("After")?.outputs == "Succeeded")
        }
    }

    @Test func noMatchRunsTheDefault() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: Self.approval(), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["SelectedOption": "approve"])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Send_an_email_3")?.outputs == "Please respond with either 'Approve' or 'Reject'.")
            #expect(detail.action("Send_an_email")?.status == "Skipped", "case values compare exactly: 'approve' is not 'Approve'")
            #expect(detail.action("Send_an_email_2")?.status == "Skipped")
            #expect(detail.action("Then_log")?.code == "ActionBranchingConditionNotSatisfied")
        }
    }

    @Test func integerCasesAndNoDefault() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Route": ["type": "Switch", "expression": "@add(triggerBody()?['n'], 1)", "runAfter": [:],
                          "cases": ["One": ["case": 1, "actions": ["First": ["type": "Compose", "inputs": "one", "runAfter": [:]]]],
                                    "Two": ["case": 2, "actions": ["Second": ["type": "Compose", "inputs": "two", "runAfter": [:]]]]]],
            ]), state: nil)
            let two = try await harness.fire("flow", trigger: "manual", body: ["n": 1])
            let twoDetail = try await harness.waitForRun("flow", two.id, .succeeded)
            #expect(twoDetail.action("Second")?.outputs == "two")
            #expect(twoDetail.action("First")?.status == "Skipped")
            #expect(twoDetail.action("Route")?.outputs == ["expression": 2])

            // No case matches and there is no default: nothing runs inside, the Switch succeeds.
            let none = try await harness.fire("flow", trigger: "manual", body: ["n": 7])
            let noneDetail = try await harness.waitForRun("flow", none.id, .succeeded)
            #expect(noneDetail.action("Route")?.status == "Succeeded")
            #expect(noneDetail.action("First")?.status == "Skipped")
            #expect(noneDetail.action("Second")?.status == "Skipped")
        }
    }

    @Test func aFailureInsideTheCaseFailsTheSwitchAndTheRun() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Route": ["type": "Switch", "expression": "@triggerBody()?['kind']", "runAfter": [:],
                          "cases": ["Bulk": ["case": "bulk", "actions": ["Count": ["type": "Compose", "inputs": "@int('many')", "runAfter": [:]]]]],
                          "default": ["actions": ["Other": ["type": "Compose", "inputs": "other", "runAfter": [:]]]]],
                "Handle": ["type": "Compose", "inputs": "handled", "runAfter": ["Route": ["Failed"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["kind": "bulk"])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Count")?.code == "InvalidTemplate")
            #expect(detail.action("Route")?.status == "Failed")
            #expect(detail.action("Route")?.code == "ActionFailed")
            #expect(detail.action("Other")?.status == "Skipped")
            #expect(detail.action("Handle")?.outputs == "handled", "the Switch's failure is handled by the step after it")
        }
    }

    @Test func anExpressionThatIsNeitherAStringNorANumberFailsTheSwitch() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Route": ["type": "Switch", "expression": "@triggerBody()", "runAfter": [:],
                          "cases": ["A": ["case": "a", "actions": ["InA": ["type": "Compose", "inputs": "a", "runAfter": [:]]]]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["kind": "a"])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            let route = try #require(detail.action("Route"))
            #expect(route.status == "Failed")
            #expect(route.code == "InvalidTemplate")
            #expect(route.error?["message"] == "/actions/Route/expression: the Switch expression evaluated to Object; it must give a string or a number to compare with the cases")
            #expect(detail.action("InA") == nil, "nothing inside runs")
        }
    }

    /// A case that waits on a webhook action: the run waits with the Switch still running, and
    /// the callback carries it through.
    @Test func aCaseThatWaitsOnAWebhookResumes() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Route": ["type": "Switch", "expression": "@triggerBody()?['kind']", "runAfter": [:],
                          "cases": ["Manual": ["case": "manual", "actions": ["Approve": harness.webhookAction()]]],
                          "default": ["actions": ["Auto": ["type": "Compose", "inputs": "auto", "runAfter": [:]]]]],
                "Done": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Route": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["kind": "manual", "id": 9])
            let waiting = try await harness.waitForRun("flow", run.id, .waiting)
            #expect(waiting.action("Route")?.status == "Running")
            #expect(waiting.action("Auto")?.status == "Skipped")
            let url = try #require(waiting.action("Approve")?.callbackURL)
            _ = try await harness.engine.acceptActionCallback(workflow: "flow", runID: run.id, action: "Approve",
                                                              request: EngineHarness.callback(to: url, body: ["ok": true]))
            let done = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(done.action("Route")?.status == "Succeeded")
            #expect(done.action("Done")?.outputs == ["ok": true])
        }
    }
}
