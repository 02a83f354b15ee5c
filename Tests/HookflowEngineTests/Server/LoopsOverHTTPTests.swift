import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Foreach, Until and Workflow end to end over the engine's HTTP server: a caller posts an order to
/// a Request trigger; each line is sent to a service by an Http action in a Foreach, an Until polls
/// the service until it answers 200, a Workflow action asks another app for the tax, and the
/// Response answers the caller with what all of that gave.
@Suite(.serialized)
struct LoopsOverHTTPTests {
    @Test func anOrderGoesThroughLoopsAndANestedWorkflow() async throws {
        try await ServerHarness.with { harness in
            let manual: JSONValue = ["type": "Request", "kind": "Http", "inputs": ["schema": [:]]]
            _ = try await harness.engine.save(name: "tax", definition: [
                "triggers": ["manual": manual],
                "actions": ["Answer": ["type": "Response", "inputs": ["statusCode": 200, "body": ["tax": "@mul(triggerBody()?['total'], 0.2)"]], "runAfter": [:]]],
            ], state: nil)
            harness.fake.respond(to: "/status", with: [202, 202, 200], body: #"{"state": "ready"}"#)
            _ = try await harness.engine.save(name: "orders", definition: [
                "triggers": ["manual": manual],
                "actions": [
                    "Each_line": ["type": "Foreach", "foreach": "@triggerBody()?['lines']", "runAfter": [:], "actions": [
                        "Send_line": ["type": "Http", "runAfter": [:], "inputs": [
                            "method": "POST", "uri": .string(harness.fake.url("/lines")),
                            "body": ["sku": "@items('Each_line')?['sku']", "position": "@iterationIndexes('Each_line')"]]],
                    ]],
                    "Wait_until_ready": ["type": "Until", "expression": "@equals(outputs('Poll')?['statusCode'], 200)", "limit": ["count": 5, "timeout": "PT5M"],
                                         "runAfter": ["Each_line": ["Succeeded"]], "actions": [
                        "Poll": ["type": "Http", "inputs": ["method": "GET", "uri": .string(harness.fake.url("/status"))], "runAfter": [:]],
                    ]],
                    "Tax": ["type": "Workflow", "runAfter": ["Wait_until_ready": ["Succeeded"]],
                            "inputs": ["host": ["workflow": ["id": "tax"]], "body": ["total": "@triggerBody()?['total']"]]],
                    "Response": ["type": "Response", "runAfter": ["Tax": ["Succeeded"]], "inputs": ["statusCode": 200, "body": [
                        "lines": "@length(result('Each_line'))",
                        "polls": "@actions('Wait_until_ready')?['outputs']?['iterations']",
                        "state": "@body('Poll')?['state']",
                        "tax": "@body('Tax')?['tax']",
                    ]]],
                ],
            ], state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "manual")
            let answer = try await harness.send(.POST, url, body: #"{"total": 50, "lines": [{"sku": "A"}, {"sku": "B"}, {"sku": "C"}]}"#)

            #expect(answer.status == 200)
            #expect(answer.json == ["lines": 3, "polls": 3, "state": "ready", "tax": 10], "\(answer.json ?? nil)")
            let lines = harness.fake.requests(to: "/lines").compactMap(\.json).sorted { ($0["position"]?.intValue ?? 0) < ($1["position"]?.intValue ?? 0) }
            #expect(lines == [["sku": "A", "position": 0], ["sku": "B", "position": 1], ["sku": "C", "position": 2]])
            #expect(harness.fake.requests(to: "/status").count == 3)

            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try await harness.waitForRun("orders", id, .succeeded)
            #expect(run.actions.filter { $0.name == "Send_line" }.map(\.repetition) == ["000000", "000001", "000002"])
            #expect(run.actions.filter { $0.name == "Poll" }.map { $0.outputs?["statusCode"] } == [202, 202, 200])
            #expect(run.actions.first { $0.name == "Tax" }?.outputs?["statusCode"] == 200)
        }
    }
}
