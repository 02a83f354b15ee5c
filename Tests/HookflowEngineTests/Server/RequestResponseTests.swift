import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A Request trigger's caller waits for the run's Response action (SPEC §2, as in Logic Apps):
/// its status, headers and body are the answer; `502` when the run ends without one, `504` when
/// it takes too long (the run goes on); `202` when the definition has no Response.
// One server at a time: each holds an engine, its files and sockets, and the test process runs
// every suite at once (past ~1,300 open files Foundation's Process.run can crash, swift-corelibs-foundation#5472).
@Suite(.serialized)
struct RequestResponseTests {
    private func publish(_ harness: ServerHarness, actions: JSONValue) async throws -> String {
        let definition: JSONValue = [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "triggers": ["manual": ["type": "Request", "kind": "Http", "inputs": ["schema": [:]]]],
            "actions": actions,
        ]
        _ = try await harness.engine.save(name: "quotes", definition: definition, state: nil)
        return try await harness.engine.callbackURL(workflow: "quotes", trigger: "manual")
    }

    /// A webhook action waiting at the fake service's approvals endpoint.
    private func approval(_ harness: ServerHarness) -> JSONValue {
        [
            "type": "HttpWebhook", "runAfter": [:],
            "inputs": [
                "subscribe": ["method": "POST", "uri": .string(harness.fake.url("/approvals/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                "unsubscribe": ["method": "POST", "uri": .string(harness.fake.url("/approvals/unsubscribe"))],
            ],
        ]
    }

    @Test func theCallerHearsTheResponseStatusHeadersAndBody() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Price": ["type": "Compose", "inputs": "@mul(triggerBody()?['qty'], 3)", "runAfter": [:]],
                "Response": [
                    "type": "Response", "kind": "Http", "runAfter": ["Price": ["Succeeded"]],
                    "inputs": [
                        "statusCode": 201,
                        "headers": ["X-Quote-For": "@{triggerBody()?['sku']}"],
                        "body": ["sku": "@triggerBody()?['sku']", "price": "@outputs('Price')"],
                    ],
                ],
            ])
            let answer = try await harness.send(.POST, url, body: #"{"sku": "A-1", "qty": 4}"#)

            #expect(answer.status == 201)
            #expect(answer.header("X-Quote-For") == "A-1")
            #expect(answer.header("Content-Type") == "application/json; charset=utf-8")
            #expect(answer.json == ["sku": "A-1", "price": 12])
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try await harness.waitForRun("quotes", id, .succeeded)
            let response = try #require(run.actions.first { $0.name == "Response" })
            #expect(response.status == "Succeeded")
            #expect(response.outputs?["statusCode"] == 201)
            #expect(response.outputs?["body"] == ["sku": "A-1", "price": 12])
        }
    }

    @Test func aTextBodyIsSentAsText() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Response": ["type": "Response", "inputs": ["statusCode": "200", "body": "thanks, @{triggerBody()?['name']}"], "runAfter": [:]],
            ])
            let answer = try await harness.send(.POST, url, body: #"{"name": "Ada"}"#)
            #expect(answer.status == 200)
            #expect(answer.body == "thanks, Ada")
            #expect(answer.header("Content-Type") == "text/plain; charset=utf-8")
        }
    }

    @Test func aResponseAfterAWebhookActionAnswersOnceTheCallbackArrives() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Approve": approval(harness),
                "Response": ["type": "Response", "inputs": ["statusCode": 200, "body": "@body('Approve')"], "runAfter": ["Approve": ["Succeeded"]]],
            ])
            async let caller = harness.send(.POST, url, body: #"{"order": 7}"#)
            let callback = try await harness.actionCallbackURL()
            #expect(try await harness.send(.POST, callback, body: #"{"approved": true, "by": "Grace"}"#).status == 200)
            let answer = try await caller
            #expect(answer.status == 200)
            #expect(answer.json == ["approved": true, "by": "Grace"])
        }
    }

    @Test func aRunThatEndsWithoutItsResponseAnswers502() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Check": [
                    "type": "If", "expression": "@equals(triggerBody()?['ok'], true)", "runAfter": [:],
                    "actions": ["Response": ["type": "Response", "inputs": ["statusCode": 200, "body": "fine"], "runAfter": [:]]],
                    "else": ["actions": [:]],
                ],
            ])
            let answer = try await harness.send(.POST, url, body: #"{"ok": false}"#)
            #expect(answer.status == 502)
            #expect(answer.errorCode == "NoResponse")
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try await harness.waitForRun("quotes", id, .succeeded)
            #expect(run.actions.first { $0.name == "Response" }?.status == "Skipped")

            let fine = try await harness.send(.POST, url, body: #"{"ok": true}"#)
            #expect(fine.status == 200)
            #expect(fine.body == "fine")
        }
    }

    @Test func aResponseThatComesTooLateAnswers504AndTheRunGoesOn() async throws {
        try await ServerHarness.with(configure: { $0.responseTimeout = 0.3 }) { harness in
            let url = try await publish(harness, actions: [
                "Approve": approval(harness),
                "Response": ["type": "Response", "inputs": ["statusCode": 200], "runAfter": ["Approve": ["Succeeded"]]],
            ])
            let answer = try await harness.send(.POST, url, body: #"{"order": 7}"#)
            #expect(answer.status == 504)
            #expect(answer.errorCode == "GatewayTimeout")
            let id = try #require(answer.header("x-ms-workflow-run-id"))

            // The run waited on: its Response now has nobody to answer, and says so.
            let callback = try await harness.actionCallbackURL()
            #expect(try await harness.send(.POST, callback, body: "{}").status == 200)
            let run = try await harness.waitForRun("quotes", id, .failed)
            let response = try #require(run.actions.first { $0.name == "Response" })
            #expect(response.status == "Failed")
            #expect(response.code == "ActionResponseTimedOut")
        }
    }

    @Test func anAsynchronousResponseLetsTheCallerGoAt202() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Response": ["type": "Response", "operationOptions": "Asynchronous", "inputs": ["statusCode": 200, "body": "later"], "runAfter": [:]],
            ])
            let answer = try await harness.send(.POST, url, body: "{}")
            #expect(answer.status == 202)
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try await harness.waitForRun("quotes", id, .succeeded)
            #expect(run.actions.first { $0.name == "Response" }?.outputs?["body"] == "later")
        }
    }

    @Test func aBadStatusCodeFailsTheResponseAndTheCallerHears502() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, actions: [
                "Response": ["type": "Response", "inputs": ["statusCode": "@triggerBody()?['code']"], "runAfter": [:]],
            ])
            let answer = try await harness.send(.POST, url, body: #"{"code": 42}"#)
            #expect(answer.status == 502)
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try await harness.waitForRun("quotes", id, .failed)
            let response = try #require(run.actions.first { $0.name == "Response" })
            #expect(response.code == "InvalidTemplate")
            #expect(response.error?["message"]?.stringValue?.contains("statusCode 42 is not an HTTP status") == true)
        }
    }

    @Test func aWebhookTriggersServiceHearsTheResponseToo() async throws {
        try await ServerHarness.with { harness in
            var definition = harness.definition(trigger: "Webhook")
            definition["actions"] = ["Response": ["type": "Response", "inputs": ["statusCode": 200, "body": ["seen": "@triggerBody()?['id']"]], "runAfter": [:]]]
            _ = try await harness.engine.save(name: "events", definition: definition, state: nil)
            let url = try await harness.engine.callbackURL(workflow: "events", trigger: "Webhook")
            let answer = try await harness.send(.POST, url, body: #"{"id": 42}"#)
            #expect(answer.status == 200)
            #expect(answer.json == ["seen": 42])
        }
    }
}
