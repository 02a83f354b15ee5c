import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// `Workflow` through the engine: another app of the same engine is called through its Request
/// trigger; its Response is the action's outputs (202 without one); the three forms of naming it.
@Suite(.serialized)
struct WorkflowActionTests {
    static let child: JSONValue = [
        "triggers": ["manual": ["type": "Request", "kind": "Http", "inputs": ["schema": [:]]]],
        "actions": [
            "Answer": ["type": "Response", "inputs": [
                "statusCode": "@if(equals(triggerBody()?['n'], 0), 400, 200)",
                "headers": ["x-child": "@{triggerOutputs()?['headers']?['x-caller']}"],
                "body": ["doubled": "@mul(triggerBody()?['n'], 2)", "caller": "@{triggerOutputs()?['headers']?['x-ms-workflow-caller-run-id']}"],
            ], "runAfter": [:]],
        ],
    ]

    static func parent(host: JSONValue, body: JSONValue = ["n": "@triggerBody()?['n']"]) -> JSONValue {
        EngineHarness.manual([
            "Call": ["type": "Workflow", "inputs": ["host": host, "headers": ["x-caller": "parent"], "body": body], "runAfter": [:]],
            "Got": ["type": "Compose", "inputs": "@body('Call')?['doubled']", "runAfter": ["Call": ["Succeeded"]]],
            "Refused": ["type": "Compose", "inputs": "@outputs('Call')?['statusCode']", "runAfter": ["Call": ["Failed"]]],
        ])
    }

    @Test func theCalledAppsResponseIsTheActionsOutputs() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "child", definition: Self.child, state: nil)
            _ = try await harness.engine.save(name: "parent", definition: Self.parent(host: ["workflow": ["id": "child"]]), state: nil)
            let run = try await harness.fire("parent", trigger: "manual", body: ["n": 21])
            let detail = try await harness.waitForRun("parent", run.id, .succeeded)
            let call = try #require(detail.action("Call"))
            #expect(call.status == "Succeeded")
            #expect(call.outputs?["statusCode"] == 200)
            #expect(call.outputs?["headers"]?["x-child"] == "parent")
            #expect(call.outputs?["body"]?["caller"]?.stringValue == run.id, "the called run hears who called it")
            #expect(detail.action("Got")?.outputs == 42)
            // The called app has its own run, succeeded.
            let childRuns = try await harness.engine.runs(workflow: "child", status: nil, top: 10, skipToken: nil).runs
            #expect(childRuns.count == 1 && childRuns.first?.status == .succeeded)
        }
    }

    @Test func aNonSuccessAnswerFailsTheActionWithTheStatusName() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "child", definition: Self.child, state: nil)
            // The Consumption form: host.id is the app's resource id, its last segment the name.
            let host: JSONValue = ["id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Logic/workflows/child", "triggerName": "manual"]
            _ = try await harness.engine.save(name: "parent", definition: Self.parent(host: host), state: nil)
            let run = try await harness.fire("parent", trigger: "manual", body: ["n": 0])
            let detail = try await harness.waitForRun("parent", run.id, .succeeded)
            #expect(detail.action("Call")?.status == "Failed")
            #expect(detail.action("Call")?.code == "BadRequest")
            #expect(detail.action("Refused")?.outputs == 400)
        }
    }

    @Test func anAppWithoutResponseAnswers202AndAMissingAppFailsClearly() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "quiet", definition: EngineHarness.manual([
                "Note": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]],
            ]), state: nil)
            _ = try await harness.engine.save(name: "parent", definition: Self.parent(host: ["workflow": ["name": "quiet"]]), state: nil)
            let run = try await harness.fire("parent", trigger: "manual", body: ["n": 1])
            let detail = try await harness.waitForRun("parent", run.id, .succeeded)
            #expect(detail.action("Call")?.status == "Succeeded")
            #expect(detail.action("Call")?.outputs?["statusCode"] == 202)

            _ = try await harness.engine.save(name: "orphan", definition: Self.parent(host: ["workflow": ["id": "nowhere"]]), state: nil)
            let missing = try await harness.fire("orphan", trigger: "manual", body: ["n": 1])
            let failed = try await harness.waitForRun("orphan", missing.id, .succeeded)
            #expect(failed.action("Call")?.status == "Failed")
            #expect(failed.action("Call")?.code == "WorkflowNotFound")
            #expect(failed.action("Call")?.error?["message"]?.stringValue?.contains("there is no app named \"nowhere\"") == true)
        }
    }
}
