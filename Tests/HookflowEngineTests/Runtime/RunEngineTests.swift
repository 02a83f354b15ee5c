import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Whole runs through the engine: actions, branches, webhook actions that wait, timers, cancel.
@Suite(.serialized)
struct RunEngineTests {
    @Test func composeChainPassesOutputsAlong() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Double": ["type": "Compose", "inputs": "@mul(triggerBody()?['n'], 2)", "runAfter": [:]],
                "Describe": ["type": "Compose", "inputs": "n×2 = @{outputs('Double')} for run @{workflow().run.name}", "runAfter": ["Double": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["n": 21])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Double")?.outputs == 42)
            #expect(detail.action("Describe")?.outputs == .string("n×2 = 42 for run \(run.id)"))
            #expect(detail.summary.endTime != nil)
        }
    }

    @Test func anExpressionErrorFailsTheActionNamingTheExpression() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Bad": ["type": "Compose", "inputs": ["value": "@int(triggerBody()?['word'])"], "runAfter": [:]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["word": "seven"])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            let action = try #require(detail.action("Bad"))
            #expect(action.status == "Failed")
            #expect(action.code == "InvalidTemplate")
            let message = action.error?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix("/actions/Bad/inputs/value: "))
            #expect(message.contains("@int(triggerBody()?['word'])"))
            #expect(detail.summary.error?["code"] == "ActionFailed")
        }
    }

    @Test func httpActionFailureHandledByAFailedBranch() async throws {
        try await EngineHarness.with { harness in
            harness.fake.respond(to: "/orders/42", with: [500], body: #"{"error": "boom"}"#)
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Fetch": ["type": "Http", "inputs": ["method": "GET", "uri": .string(harness.fake.url("/orders/@{triggerBody()?['id']}")),
                                                     "queries": ["expand": "lines"], "retryPolicy": ["type": "none"]], "runAfter": [:]],
                "Use": ["type": "Compose", "inputs": "@body('Fetch')", "runAfter": ["Fetch": ["Succeeded"]]],
                "Recover": ["type": "Compose", "inputs": "status @{outputs('Fetch')?['statusCode']}", "runAfter": ["Fetch": ["Failed"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["id": 42])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Fetch")?.status == "Failed")
            #expect(detail.action("Fetch")?.code == "InternalServerError")
            #expect(detail.action("Fetch")?.outputs?["statusCode"] == 500)
            #expect(detail.action("Fetch")?.outputs?["body"] == ["error": "boom"])
            #expect(detail.action("Use")?.status == "Skipped")
            #expect(detail.action("Recover")?.outputs == "status 500")
            #expect(harness.fake.requests(to: "/orders/42").first?.query["expand"] == "lines")
        }
    }

    @Test func ifElseAndParallelBranches() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Check": ["type": "If", "expression": ["and": [["greater": ["@triggerBody()?['amount']", 100]]]], "runAfter": [:],
                          "actions": ["Big": ["type": "Compose", "inputs": "big", "runAfter": [:]]],
                          "else": ["actions": ["Small": ["type": "Compose", "inputs": "small", "runAfter": [:]]]]],
                "Audit": ["type": "Compose", "inputs": "audited", "runAfter": [:]],
                "Done": ["type": "Compose", "inputs": "@concat(outputs('Audit'), '+', string(actions('Check')?['status']))",
                         "runAfter": ["Check": ["Succeeded"], "Audit": ["Succeeded"]]],
            ]), state: nil)
            let big = try await harness.fire("flow", trigger: "manual", body: ["amount": 500])
            let bigDetail = try await harness.waitForRun("flow", big.id, .succeeded)
            #expect(bigDetail.action("Big")?.status == "Succeeded")
            #expect(bigDetail.action("Small")?.status == "Skipped")
            #expect(bigDetail.action("Small")?.code == "ActionBranchingConditionNotSatisfied")
            #expect(bigDetail.action("Check")?.outputs == ["expression": true])
            #expect(bigDetail.action("Done")?.outputs == "audited+Succeeded")

            let small = try await harness.fire("flow", trigger: "manual", body: ["amount": 5])
            let smallDetail = try await harness.waitForRun("flow", small.id, .succeeded)
            #expect(smallDetail.action("Big")?.status == "Skipped")
            #expect(smallDetail.action("Small")?.outputs == "small")
        }
    }

    @Test func terminateEndsTheRunWithItsStatus() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Stop": ["type": "Terminate", "inputs": ["runStatus": "Failed", "runError": ["code": "Rejected", "message": "order @{triggerBody()?['id']} rejected"]], "runAfter": [:]],
                "Never": ["type": "Compose", "inputs": 1, "runAfter": ["Stop": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["id": 7])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            #expect(detail.summary.error == ["code": "Rejected", "message": "order 7 rejected"])
            #expect(detail.action("Stop")?.status == "Succeeded")
            #expect(detail.action("Never") == nil, "nothing runs after a Terminate")
        }
    }

    @Test func delayWaitsForItsDurableTimer() async throws {
        try await EngineHarness.with { harness in
            await harness.engine.start()
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Pause": ["type": "Wait", "inputs": ["interval": ["count": 1, "unit": "Second"]], "runAfter": [:]],
                "After": ["type": "Compose", "inputs": "done", "runAfter": ["Pause": ["Succeeded"]]],
            ]), state: nil)
            let started = Date()
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(Date().timeIntervalSince(started) >= 1)
            #expect(detail.action("After")?.outputs == "done")
        }
    }

    /// The webhook action subscribes with its own callback URL, the run waits, the callback
    /// resumes it, and the action unsubscribes.
    @Test func webhookActionWaitsAndResumes() async throws {
        try await EngineHarness.with { harness in
            await harness.engine.start()
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(),
                "Decision": ["type": "Compose", "inputs": "@body('Approve')?['decision']", "runAfter": ["Approve": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual", body: ["id": 42])
            let waiting = try await harness.waitForRun("approvals", run.id, .waiting)
            let action = try #require(waiting.action("Approve"))
            #expect(action.status == "Waiting")
            #expect(waiting.summary.waitingActions == ["Approve"])
            let subscribe = try #require(harness.fake.requests(to: "/approvals/subscribe").first)
            let callbackURL = try #require(subscribe.json?["callbackUrl"]?.stringValue)
            #expect(callbackURL == action.callbackURL)
            #expect(callbackURL.contains("/workflows/approvals/runs/\(run.id)/actions/Approve/run?api-version=2016-10-01&sp=%2Fruns%2F\(run.id)%2Factions%2FApprove%2Frun&sv=1.0&sig="))
            #expect(subscribe.json?["order"] == 42)
            #expect(subscribe.header("x-ms-workflow-operation-name") == "Approve")
            let page = try await harness.engine.runs(workflow: "approvals", status: .waiting, top: nil, skipToken: nil)
            #expect(page.runs.map(\.id) == [run.id])
            #expect(page.runs.first?.waitingActions == ["Approve"])

            let completed = try await harness.engine.acceptActionCallback(
                workflow: "approvals", runID: run.id, action: "Approve",
                request: EngineHarness.callback(to: callbackURL, body: ["decision": "approved"]))
            #expect(completed.status == .succeeded)
            let done = try await harness.waitForRun("approvals", run.id, .succeeded)
            #expect(done.action("Approve")?.outputs?["body"] == ["decision": "approved"])
            #expect(done.action("Approve")?.callbackURL == nil)
            #expect(done.action("Decision")?.outputs == "approved")
            let unsubscribe = try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            #expect(unsubscribe.first?.method == "DELETE")
            #expect(unsubscribe.first?.json?["callbackUrl"]?.stringValue == callbackURL)
            #expect(unsubscribe.first?.header("x-ms-client-tracking-id") == subscribe.header("x-ms-client-tracking-id"))
        }
    }

    /// Five callbacks at once: exactly one wins, the other four get 409 and change nothing.
    @Test func concurrentCallbacksCompleteTheActionExactlyOnce() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual(["Approve": harness.webhookAction()]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let waiting = try await harness.waitForRun("approvals", run.id, .waiting)
            let url = try #require(waiting.action("Approve")?.callbackURL)
            let engine = harness.engine
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        do throws(EngineError) {
                            _ = try await engine.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve",
                                                                      request: EngineHarness.callback(to: url, body: ["caller": .int(index)]))
                            return "200 \(index)"
                        } catch {
                            return "\(error.httpStatus) \(error.code)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0.hasPrefix("200") }.count == 1)
            #expect(outcomes.filter { $0 == "409 ActionAlreadyCompleted" }.count == 4)
            let winner = try #require(outcomes.first { $0.hasPrefix("200") }.flatMap { Int(String($0.dropFirst(4))) })
            let done = try await harness.waitForRun("approvals", run.id, .succeeded)
            #expect(done.action("Approve")?.outputs?["body"] == ["caller": .int(winner)], "the winner's outputs, untouched by the others")
        }
    }

    @Test func failureHeaderFailsTheAction() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual(["Approve": harness.webhookAction()]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let url = try #require(try await harness.waitForRun("approvals", run.id, .waiting).action("Approve")?.callbackURL)
            let record = try await harness.engine.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve",
                                                                       request: EngineHarness.callback(to: url, body: ["reason": "rejected"], headers: [("x-hookflow-status", "Failed")]))
            #expect(record.status == .failed)
            let done = try await harness.waitForRun("approvals", run.id, .failed)
            #expect(done.action("Approve")?.code == "ActionFailedByCallback")
            #expect(done.action("Approve")?.outputs?["body"] == ["reason": "rejected"])
        }
    }

    @Test func timeoutTimesTheActionOutAndUnsubscribes() async throws {
        try await EngineHarness.with { harness in
            await harness.engine.start()
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(timeout: "PT1S"),
                "Escalate": ["type": "Compose", "inputs": "escalated", "runAfter": ["Approve": ["TimedOut"]]],
            ]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let url = try #require(try await harness.waitForRun("approvals", run.id, .waiting).action("Approve")?.callbackURL)
            let done = try await harness.waitForRun("approvals", run.id, .succeeded)
            #expect(done.action("Approve")?.status == "TimedOut")
            #expect(done.action("Approve")?.code == "ActionTimedOut")
            #expect(done.action("Escalate")?.outputs == "escalated")
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            await #expect(throws: EngineError.conflict(code: "ActionTimedOut", message: "action \"Approve\" timed out before this callback; the callback is refused")) {
                try await harness.engine.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve", request: EngineHarness.callback(to: url))
            }
        }
    }

    @Test func cancelWhileWaitingUnsubscribesAndRefusesTheCallback() async throws {
        try await EngineHarness.with { harness in
            await harness.engine.start()
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual(["Approve": harness.webhookAction()]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let url = try #require(try await harness.waitForRun("approvals", run.id, .waiting).action("Approve")?.callbackURL)
            let cancelled = try await harness.engine.cancelRun(workflow: "approvals", id: run.id)
            #expect(cancelled.summary.status == .cancelled)
            #expect(cancelled.action("Approve")?.status == "Cancelled")
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            do throws(EngineError) {
                _ = try await harness.engine.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve", request: EngineHarness.callback(to: url))
                Issue.record("the callback should be refused")
            } catch {
                #expect(error.httpStatus == 409)
                #expect(error.code == "ActionCancelled")
            }
            #expect(try await harness.engine.run(workflow: "approvals", id: run.id).summary.status == .cancelled)
            await #expect(throws: EngineError.self) { try await harness.engine.cancelRun(workflow: "approvals", id: run.id) }
        }
    }

    @Test func resubmitStartsANewRunWithTheSameTriggerOutputs() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual(["Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["order": "A-1"])
            _ = try await harness.waitForRun("flow", run.id, .succeeded)
            let again = try await harness.engine.resubmitRun(workflow: "flow", id: run.id)
            #expect(again.summary.id != run.id)
            let detail = try await harness.waitForRun("flow", again.summary.id, .succeeded)
            #expect(detail.action("Echo")?.outputs == ["order": "A-1"])
        }
    }

    @Test func secretsAreMaskedInRunHistory() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Call": ["type": "Http", "inputs": ["method": "POST", "uri": .string(harness.fake.url("/api")),
                                                    "authentication": ["type": "Basic", "username": "svc", "password": "@parameters('apiPassword')"],
                                                    "body": ["token": "@parameters('apiPassword')"]], "runAfter": [:]],
                "Secret": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:],
                           "runtimeConfiguration": ["secureData": ["properties": ["inputs", "outputs"]]]],
            ], parameters: ["apiPassword": ["type": "securestring", "defaultValue": "hunter2-secret"]]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["card": "4111"])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let call = try #require(detail.action("Call"))
            #expect(call.inputs?["authentication"]?["password"] == .string(SecretMasking.placeholder))
            #expect(call.inputs?["body"]?["token"] == .string(SecretMasking.placeholder))
            #expect(detail.action("Secret")?.inputs == .string(SecretMasking.placeholder))
            #expect(detail.action("Secret")?.outputs == .string(SecretMasking.placeholder))
            let text = JSONWriter.compact.string(from: detail.json)
            #expect(!text.contains("hunter2-secret"))
            // The service still got the real secret.
            #expect(harness.fake.requests(to: "/api").first?.json?["token"] == "hunter2-secret")
        }
    }
}
