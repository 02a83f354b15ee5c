import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The webhook trigger's subscription lifecycle against a real fake service (SPEC §1, §3):
/// every call checked for method, URI, headers, and the callback URL in the body.
@Suite(.serialized)
struct SubscriptionLifecycleTests {
    @Test func firstSaveSubscribesWithTheSignedCallbackURL() async throws {
        try await EngineHarness.with { harness in
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)

            #expect(summary.version == 1)
            #expect(summary.state == .enabled)
            #expect(summary.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            let subscription = try #require(summary.triggers.first?.subscription)
            #expect(subscription.status == .subscribed)

            let calls = harness.fake.requests(to: "/subscribe")
            #expect(calls.count == 1)
            let call = try #require(calls.first)
            #expect(call.method == "POST")
            #expect(call.header("x-ms-workflow-name") == "orders")
            #expect(call.header("x-ms-workflow-operation-name") == "Webhook")
            #expect(call.header("x-ms-client-tracking-id") == subscription.id)
            #expect(call.header("X-Topic") == "orders")
            #expect(call.header("Content-Type") == "application/json")
            let callbackURL = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            #expect(call.json?["callbackUrl"]?.stringValue == callbackURL)
            #expect(call.json?["topic"] == "orders")
            #expect(callbackURL.hasPrefix("http://127.0.0.1:7071/workflows/orders/triggers/Webhook/run?api-version=2016-10-01&sp=%2Ftriggers%2FWebhook%2Frun&sv=1.0&sig="))
            #expect(subscription.callbackURL == callbackURL)
            #expect(harness.fake.requests(to: "/unsubscribe").isEmpty)
        }
    }

    @Test func savingUnchangedInputsCallsNothing() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let second = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(second.version == 2)
            #expect(second.results == [SubscriptionResult(trigger: "Webhook", outcome: .unchanged)])
            #expect(harness.fake.requests.count == 1)
        }
    }

    @Test func changedInputsUnsubscribeTheOldThenSubscribeTheNew() async throws {
        try await EngineHarness.with { harness in
            let first = try await harness.engine.save(name: "orders", definition: harness.definition(topic: "orders"), state: nil)
            let oldID = try #require(first.triggers.first?.subscription?.id)
            let second = try await harness.engine.save(name: "orders", definition: harness.definition(topic: "invoices"), state: nil)

            #expect(second.results.map(\.outcome) == [.unsubscribed, .subscribed])
            let paths = harness.fake.requests.map(\.path)
            #expect(paths == ["/subscribe", "/unsubscribe", "/subscribe"], "the old one goes before the new one comes")
            let unsubscribe = try #require(harness.fake.requests(to: "/unsubscribe").first)
            #expect(unsubscribe.header("x-ms-client-tracking-id") == oldID)
            #expect(unsubscribe.header("x-ms-workflow-operation-name") == "Webhook")
            let resubscribe = try #require(harness.fake.requests(to: "/subscribe").last)
            #expect(resubscribe.json?["topic"] == "invoices")
            let newID = try #require(second.triggers.first?.subscription?.id)
            #expect(newID != oldID)
            #expect(resubscribe.header("x-ms-client-tracking-id") == newID)
            let stored = try await harness.engine.store.subscriptions(workflow: "orders")
            #expect(stored.map(\.id) == [newID], "the old subscription is gone once unsubscribed")
        }
    }

    @Test func removingTheTriggerUnsubscribes() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let manual: JSONValue = ["triggers": ["manual": ["type": "Request", "kind": "Http"]], "actions": [:]]
            let summary = try await harness.engine.save(name: "orders", definition: manual, state: nil)
            #expect(summary.results == [SubscriptionResult(trigger: "Webhook", outcome: .unsubscribed)])
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe"])
            #expect(summary.triggers.map(\.name) == ["manual"])
            #expect(summary.triggers.first?.subscription == nil)
        }
    }

    @Test func disableUnsubscribesAndEnableSubscribesAgain() async throws {
        try await EngineHarness.with { harness in
            let saved = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let firstID = try #require(saved.triggers.first?.subscription?.id)

            let disabled = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            #expect(disabled.state == .disabled)
            #expect(disabled.results == [SubscriptionResult(trigger: "Webhook", outcome: .unsubscribed)])
            #expect(disabled.triggers.first?.subscription?.status == .notSubscribed)
            let unsubscribe = try #require(harness.fake.requests(to: "/unsubscribe").first)
            #expect(unsubscribe.method == "POST")
            #expect(unsubscribe.header("x-ms-client-tracking-id") == firstID)
            #expect(unsubscribe.header("x-ms-workflow-name") == "orders")

            let enabled = try await harness.engine.setState(.enabled, ofWorkflow: "orders")
            #expect(enabled.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe", "/subscribe"])
            let again = try #require(harness.fake.requests(to: "/subscribe").last)
            #expect(again.json?["callbackUrl"]?.stringValue == (try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")))
            #expect(enabled.triggers.first?.subscription?.status == .subscribed)
        }
    }

    @Test func savingDisabledSubscribesNothing() async throws {
        try await EngineHarness.with { harness in
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: .disabled)
            #expect(summary.results.isEmpty)
            #expect(summary.triggers.first?.subscription?.status == .notSubscribed)
            #expect(harness.fake.requests.isEmpty)
        }
    }

    @Test func deleteUnsubscribesAndForgetsTheApp() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let summary = try await harness.engine.delete(name: "orders")
            #expect(summary.results == [SubscriptionResult(trigger: "Webhook", outcome: .unsubscribed)])
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe"])
            await #expect(throws: EngineError.self) { try await harness.engine.workflowDetail(named: "orders") }
            #expect(try await harness.engine.store.workflow(named: "orders") == nil)
            #expect(try await harness.engine.store.subscriptions(workflow: "orders").isEmpty)
            #expect(try await harness.engine.listWorkflows().isEmpty)
        }
    }

    /// 503 then 200: the save answers after its one attempt (Failed, with the next try as the
    /// request's retry policy says) and the retry happens in the background, under the same id.
    @Test func subscribeIsRetriedByItsPolicyInTheBackground() async throws {
        try await EngineHarness.with(configure: { $0.subscribeBackoff = Backoff(initial: 600, maximum: 600) }) { harness in
            harness.fake.respond(to: "/subscribe", with: [503, 200], body: "busy")
            let definition = harness.definition(extraSubscribe: ["retryPolicy": ["type": "fixed", "count": 2, "interval": "PT0.1S"]])
            let summary = try await harness.engine.save(name: "orders", definition: definition, state: nil)
            #expect(summary.results.map(\.outcome) == [.failed])
            #expect(summary.results.first?.error?.statusCode == 503)
            #expect(harness.fake.requests(to: "/subscribe").count == 1, "no retry policy runs while the save waits")
            let trigger = try #require(summary.triggers.first?.subscription)
            #expect(trigger.status == .subscribeFailed)
            let next = try #require(trigger.nextAttemptTime.flatMap(ISO8601Timestamp.date(from:)))
            #expect(next.timeIntervalSinceNow < 5, "the policy's 0.1 s interval, not the engine's 600 s back-off: \(trigger.nextAttemptTime ?? "")")

            await harness.engine.start()
            try await eventually("the background retry subscribes") {
                try await harness.engine.listWorkflows().first?.triggers.first?.subscription?.status == .subscribed
            }
            let calls = harness.fake.requests(to: "/subscribe")
            #expect(calls.count == 2)
            #expect(calls[0].header("x-ms-client-tracking-id") == calls[1].header("x-ms-client-tracking-id"), "a retry is the same subscription")
        }
    }

    /// The designer's Settings tab puts a webhook step's policy beside subscribe and unsubscribe
    /// (`inputs.retryPolicy`); the subscribe call follows it when it has none of its own.
    @Test func subscribeFollowsTheStepsRetryPolicy() async throws {
        try await EngineHarness.with(configure: { $0.subscribeBackoff = Backoff(initial: 600, maximum: 600) }) { harness in
            harness.fake.respond(to: "/subscribe", with: [503, 503, 200], body: "busy")
            var definition = harness.definition()
            definition.set(["type": "fixed", "count": 2, "interval": "PT0.1S"], at: JSONPointer(["triggers", "Webhook", "inputs", "retryPolicy"]))
            let summary = try await harness.engine.save(name: "orders", definition: definition, state: nil)
            #expect(summary.results.map(\.outcome) == [.failed])
            await harness.engine.start()
            try await eventually("the policy's two retries subscribe") {
                try await harness.engine.listWorkflows().first?.triggers.first?.subscription?.status == .subscribed
            }
            #expect(harness.fake.requests(to: "/subscribe").count == 3)
        }
    }

    /// 503 with no retries: the save is kept, the trigger shows SubscribeFailed with the status
    /// and the service's words, and the engine keeps trying in the background until it works.
    @Test func failedSubscribeKeepsTheVersionAndRetriesInTheBackground() async throws {
        try await EngineHarness.with { harness in
            harness.fake.respond(to: "/subscribe", with: [503], body: "  service   is down\nfor maintenance  ")
            let definition = harness.definition(extraSubscribe: ["retryPolicy": ["type": "none"]])
            let summary = try await harness.engine.save(name: "orders", definition: definition, state: nil)

            let expectedError = SubscriptionError(statusCode: 503, message: "POST \(harness.fake.url("/subscribe")) answered 503", excerpt: "service is down for maintenance")
            #expect(summary.results == [SubscriptionResult(trigger: "Webhook", outcome: .failed, error: expectedError)])
            #expect(summary.version == 1)
            #expect(summary.triggers.first?.subscription?.status == .subscribeFailed)
            #expect(summary.triggers.first?.subscription?.error == expectedError)
            let detail = try await harness.engine.workflowDetail(named: "orders")
            #expect(JSONWriter.compact.string(from: detail.definition) == JSONWriter.compact.string(from: definition), "the saved version is kept")

            harness.fake.respond(to: "/subscribe", with: [200])
            await harness.engine.start()
            try await eventually("the background retry subscribes") {
                try await harness.engine.listWorkflows().first?.triggers.first?.subscription?.status == .subscribed
            }
            let calls = harness.fake.requests(to: "/subscribe")
            #expect(calls.count >= 2)
            #expect(Set(calls.map { $0.header("x-ms-client-tracking-id") }).count == 1)
        }
    }

    /// A failed unsubscribe stays in the outbox across an engine restart and is delivered later.
    @Test func unsubscribeSurvivesARestart() async throws {
        try await EngineHarness.with { harness in
            let saved = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let id = try #require(saved.triggers.first?.subscription?.id)
            harness.fake.respond(to: "/unsubscribe", with: [500], body: "database locked")

            let disabled = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            #expect(disabled.results.map(\.outcome) == [.unsubscribeQueued])
            #expect(disabled.results.first?.error?.statusCode == 500)
            #expect(try await harness.engine.store.outbox(subscriptionID: id).count == 1)
            #expect(try await harness.engine.store.subscription(id: id)?.status == .unsubscribing)
            await harness.engine.shutdown()

            // The service recovers while the engine is down; a new engine on the same folder delivers.
            harness.fake.respond(to: "/unsubscribe", with: [200])
            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                try await eventually("the outbox delivers the unsubscribe") {
                    try await restarted.store.outbox(subscriptionID: id).isEmpty
                }
                let delivered = harness.fake.requests(to: "/unsubscribe")
                #expect(delivered.count >= 2)
                #expect(delivered.allSatisfy { $0.header("x-ms-client-tracking-id") == id })
                #expect(try await restarted.store.subscription(id: id) == nil)
            }
        }
    }

    @Test func unsubscribeThatKeepsFailingShowsAsOrphaned() async throws {
        try await EngineHarness.with(configure: { $0.orphanAfterAttempts = 3 }) { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            harness.fake.respond(to: "/unsubscribe", with: [502])
            _ = try await harness.engine.save(name: "orders", definition: ["triggers": [:], "actions": [:]], state: nil)
            await harness.engine.start()
            try await eventually("the subscription is orphaned") {
                try await harness.engine.store.subscriptions(workflow: "orders").first?.status == .orphaned
            }
            let orphan = try #require(try await harness.engine.store.subscriptions(workflow: "orders").first)
            #expect(orphan.lastError?.statusCode == 502)
            // Still retried: once the service answers, the orphan goes away.
            harness.fake.respond(to: "/unsubscribe", with: [200])
            try await eventually("the orphan is finally unsubscribed") {
                try await harness.engine.store.subscriptions(workflow: "orders").isEmpty
            }
        }
    }

    /// Expressions in subscribe inputs: parameters(), workflow(), and listCallbackUrl() in the
    /// unsubscribe body (which yields the URL that was subscribed).
    @Test func expressionsInSubscribeInputsAreEvaluated() async throws {
        try await EngineHarness.with { harness in
            var definition = harness.definition(unsubscribeBody: ["callbackUrl": "@{listCallbackUrl()}"])
            definition.set(["type": "string", "defaultValue": .string(harness.fake.baseURL)], at: JSONPointer(["parameters", "serviceBase"]))
            definition.set("@{parameters('serviceBase')}/subscribe", at: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "uri"]))
            definition.set("@{workflow().name}-feed", at: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "body", "topic"]))
            _ = try await harness.engine.save(name: "orders", definition: definition, state: nil)
            let subscribe = try #require(harness.fake.requests(to: "/subscribe").first)
            #expect(subscribe.json?["topic"] == "orders-feed")
            _ = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            let unsubscribe = try #require(harness.fake.requests(to: "/unsubscribe").first)
            #expect(unsubscribe.json?["callbackUrl"] == subscribe.json?["callbackUrl"])
        }
    }

    /// An input that cannot be evaluated outside a run fails clearly, naming where, and is not retried.
    @Test func unresolvableInputsFailWithThePointer() async throws {
        try await EngineHarness.with { harness in
            var definition = harness.definition()
            definition.set("@triggerBody()?['id']", at: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "body", "topic"]))
            let summary = try await harness.engine.save(name: "orders", definition: definition, state: nil)
            let error = try #require(summary.results.first?.error)
            #expect(summary.results.first?.outcome == .failed)
            #expect(error.message.hasPrefix("/triggers/Webhook/inputs/subscribe/body/topic: "))
            #expect(error.message.contains("@triggerBody()?['id']"))
            #expect(harness.fake.requests.isEmpty)
            #expect(try await harness.engine.store.subscriptions(workflow: "orders").first?.nextAttemptAt == nil)
        }
    }

    @Test func invalidDefinitionsAreRefusedWithEveryProblem() async throws {
        try await EngineHarness.with { harness in
            var definition = harness.definition()
            definition.set("", at: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "uri"]))
            definition.set(nil, at: JSONPointer(["triggers", "Webhook", "inputs", "unsubscribe", "method"]))
            await #expect(throws: EngineError.invalidDefinition([
                ValidationProblem(pointer: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "uri"]), message: "Subscribe - URI is required"),
                ValidationProblem(pointer: JSONPointer(["triggers", "Webhook", "inputs", "unsubscribe", "method"]),
                                  message: "Unsubscribe - Method is missing: the service is never told to stop", severity: .warning),
            ])) {
                try await harness.engine.save(name: "orders", definition: definition, state: nil)
            }
            // Read first, then checked: inside the scope's closure this #expect did not compile in one line.
            let stored = try await harness.engine.store.workflow(named: "orders")
            #expect(stored == nil, "nothing is stored")
            await #expect(throws: EngineError.badRequest(code: "InvalidWorkflowName", message: "an app name can only contain letters, digits, '-', '_', '.', '(' and ')'; \"bad name\" contains ' '")) {
                try await harness.engine.save(name: "bad name", definition: harness.definition(), state: nil)
            }
            #expect(harness.fake.requests.isEmpty)
        }
    }
}
