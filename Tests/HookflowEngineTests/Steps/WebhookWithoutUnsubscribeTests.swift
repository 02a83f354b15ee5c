import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// HTTP Webhook steps with no unsubscribe, as Logic Apps' docs and designer write them (SPEC §1:
/// a warning, never a block): the trigger and the action still subscribe, and the engine skips
/// the unsubscribe call it has no request for — nothing is queued, nothing is sent.
@Suite(.serialized)
struct WebhookWithoutUnsubscribeTests {
    /// The harness's webhook trigger with its unsubscribe left out (`nil`) or written `{}`.
    static func withoutUnsubscribe(_ definition: JSONValue, empty: Bool) -> JSONValue {
        var definition = definition
        // Spelled out: a bare nil would be JSON null, not "no value".
        definition.set(empty ? Optional(.object(JSONObject())) : Optional<JSONValue>.none, at: JSONPointer(["triggers", "Webhook", "inputs", "unsubscribe"]))
        return definition
    }

    @Test(arguments: [true, false])
    func aTriggerWithoutUnsubscribeSubscribesAndIsNeverUnsubscribed(empty: Bool) async throws {
        try await EngineHarness.with { harness in
            let saved = try await harness.engine.save(name: "orders", definition: Self.withoutUnsubscribe(harness.definition(), empty: empty), state: nil)
            #expect(saved.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            let subscription = try #require(saved.triggers.first?.subscription)
            #expect(subscription.status == .subscribed)
            let subscriptionID = try #require(subscription.id)
            #expect(harness.fake.requests(to: "/subscribe").count == 1)
            let stored = try #require(try await harness.engine.store.subscription(id: subscriptionID))
            #expect(stored.unsubscribeRequest == nil)

            // A callback still starts a run.
            let run = try await harness.fire("orders", body: ["id": 7])
            #expect(try await harness.waitForRun("orders", run.id, .succeeded).action("Echo")?.outputs == ["id": 7])

            // Disabling calls nothing: there is nothing to call.
            let disabled = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            #expect(disabled.state == .disabled)
            #expect(disabled.triggers.first?.subscription?.status == .notSubscribed)
            #expect(try await harness.engine.store.outbox(subscriptionID: subscriptionID).isEmpty, "no unsubscribe is owed")
            #expect(harness.fake.requests.map(\.path) == ["/subscribe"])

            let enabled = try await harness.engine.setState(.enabled, ofWorkflow: "orders")
            #expect(enabled.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/subscribe"])
        }
    }

    /// The Logic Apps docs' webhook action: `"unsubscribe": {}`. It subscribes, waits, completes
    /// on its callback, and no unsubscribe is queued after it; cancelling another run that waits
    /// owes nothing either.
    @Test func anActionWithoutUnsubscribeWaitsAndCompletes() async throws {
        try await EngineHarness.with { harness in
            await harness.engine.start()
            guard case .object(var approve) = harness.webhookAction() else { return }
            approve["inputs"]?["unsubscribe"] = .object(JSONObject())
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": .object(approve),
                "Decision": ["type": "Compose", "inputs": "@body('Approve')?['decision']", "runAfter": ["Approve": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual", body: ["id": 42])
            let waiting = try await harness.waitForRun("approvals", run.id, .waiting)
            let action = try #require(waiting.action("Approve"))
            #expect(action.inputs?["unsubscribe"] == nil, "there is no unsubscribe request to show")
            let url = try #require(action.callbackURL)
            let subscribe = try #require(harness.fake.requests(to: "/approvals/subscribe").first)
            #expect(subscribe.json?["callbackUrl"]?.stringValue == url)
            let trackingID = try #require(subscribe.header("x-ms-client-tracking-id"))

            _ = try await harness.engine.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve",
                                                              request: EngineHarness.callback(to: url, body: ["decision": "approved"]))
            let done = try await harness.waitForRun("approvals", run.id, .succeeded)
            #expect(done.action("Decision")?.outputs == "approved")
            #expect(try await harness.engine.store.outbox(subscriptionID: trackingID).isEmpty, "no unsubscribe is owed")

            let second = try await harness.fire("approvals", trigger: "manual", body: ["id": 43])
            _ = try await harness.waitForRun("approvals", second.id, .waiting)
            let cancelled = try await harness.engine.cancelRun(workflow: "approvals", id: second.id)
            #expect(cancelled.summary.status == .cancelled)
            #expect(cancelled.action("Approve")?.status == "Cancelled")
            let secondID = try #require(harness.fake.requests(to: "/approvals/subscribe").last?.header("x-ms-client-tracking-id"))
            #expect(try await harness.engine.store.outbox(subscriptionID: secondID).isEmpty)
            #expect(harness.fake.requests.allSatisfy { $0.path == "/approvals/subscribe" }, "\(harness.fake.requests.map(\.path))")
        }
    }
}
