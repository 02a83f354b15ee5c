import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// What survives an engine going away: waiting runs, their callback URLs, timers that expired
/// while it was down, the run duration limit.
@Suite(.serialized)
struct RecoveryTests {
    @Test func waitingRunResumesOnANewEngineWithTheSameCallbackURL() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(),
                "After": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let url = try #require(try await harness.waitForRun("approvals", run.id, .waiting).action("Approve")?.callbackURL)
            await harness.engine.shutdown()

            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                #expect(try await restarted.run(workflow: "approvals", id: run.id).summary.status == .waiting, "still waiting after the restart")
                _ = try await restarted.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve",
                                                             request: EngineHarness.callback(to: url, body: ["ok": true]))
                let done = try await harness.waitForRun("approvals", run.id, .succeeded, engine: restarted)
                #expect(done.action("After")?.outputs == ["ok": true])
                #expect(harness.fake.requests(to: "/approvals/subscribe").count == 1, "no second subscribe for a waiting action")
            }
        }
    }

    /// SPEC §3: a new base URL (another port) re-subscribes waiting webhook actions too: the old
    /// subscription is unsubscribed, the new one carries the URL on the new base, and the
    /// callback to it completes the run. A later start on the same base calls nothing.
    @Test func aNewBaseURLResubscribesWaitingActions() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(),
                "After": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
            ]), state: nil)
            harness.engine.setListenURL("http://127.0.0.1:17071")
            let run = try await harness.fire("approvals", trigger: "manual")
            try await harness.waitForRun("approvals", run.id, .waiting)
            let first = try #require(harness.fake.requests(to: "/approvals/subscribe").first)
            let oldURL = try #require(first.json?["callbackUrl"]?.stringValue)
            #expect(oldURL.hasPrefix("http://127.0.0.1:17071/"))
            await harness.engine.shutdown()

            let moved = try harness.restartedEngine()
            moved.setListenURL("http://127.0.0.1:27071")
            await moved.start()
            let subscribes = try await harness.fake.waitForRequests(to: "/approvals/subscribe", count: 2)
            let newURL = try #require(subscribes[1].json?["callbackUrl"]?.stringValue)
            #expect(newURL.hasPrefix("http://127.0.0.1:27071/workflows/approvals/runs/\(run.id)/actions/Approve/run?"))
            #expect(subscribes[1].header("x-ms-client-tracking-id") != first.header("x-ms-client-tracking-id"), "a new subscription, not the old one again")
            let unsubscribe = try #require(try await harness.fake.waitForRequests(to: "/approvals/unsubscribe").first)
            #expect(unsubscribe.header("x-ms-client-tracking-id") == first.header("x-ms-client-tracking-id"))
            #expect(unsubscribe.json?["callbackUrl"]?.stringValue == oldURL, "the old subscription is the one unsubscribed")
            let waiting = try await harness.waitForRun("approvals", run.id, .waiting, engine: moved)
            #expect(waiting.action("Approve")?.callbackURL == newURL, "the run detail and the service agree on the URL")
            await moved.shutdown()

            // The same base again: nothing moves.
            try await harness.withRestartedEngine { again in
                again.setListenURL("http://127.0.0.1:27071")
                await again.start()
                _ = try await again.acceptActionCallback(workflow: "approvals", runID: run.id, action: "Approve",
                                                         request: EngineHarness.callback(to: newURL, body: ["ok": true]))
                let done = try await harness.waitForRun("approvals", run.id, .succeeded, engine: again)
                #expect(done.action("After")?.outputs == ["ok": true])
                #expect(harness.fake.requests(to: "/approvals/subscribe").count == 2)
            }
        }
    }

    @Test func timerThatExpiredWhileDownFiresOnStart() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(timeout: "PT1S"),
                "Escalate": ["type": "Compose", "inputs": "late", "runAfter": ["Approve": ["TimedOut"]]],
            ]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            _ = try await harness.waitForRun("approvals", run.id, .waiting)
            await harness.engine.shutdown()
            // The engine is down past the timeout.
            try await eventually("the timeout passes") { try await harness.engine.store.dueTimers(now: Date(), limit: 10).contains { $0.kind == .actionTimeout } }

            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                let done = try await harness.waitForRun("approvals", run.id, .succeeded, engine: restarted)
                #expect(done.action("Approve")?.status == "TimedOut")
                #expect(done.action("Escalate")?.outputs == "late")
                try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            }
        }
    }

    /// A run left Running (the process died mid-action) is picked up and its action executed again.
    @Test func runningRunIsResumedAndItsCutOffActionRunsAgain() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Call": ["type": "Http", "inputs": ["method": "POST", "uri": .string(harness.fake.url("/work"))], "runAfter": [:]],
            ]), state: nil)
            // As if the engine died right after recording the run and the action start.
            let workflow = try #require(try await harness.engine.store.workflow(named: "flow"))
            let run = StoredRun(id: RunID.make(), workflowName: "flow", workflowVersion: workflow.version, triggerName: "manual", status: .running,
                                startTime: Date(), triggerOutputs: ["headers": [:], "queries": [:]])
            try await harness.engine.store.commit(harness.engine.runStart(run) + [
                .putAction(StoredAction(runID: run.id, name: "Call", type: "Http", status: .running, startTime: Date())),
            ])
            await harness.engine.shutdown()

            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                let done = try await harness.waitForRun("flow", run.id, .succeeded, engine: restarted)
                #expect(done.action("Call")?.outputs?["statusCode"] == 200)
                #expect(harness.fake.requests(to: "/work").count == 1)
            }
        }
    }

    @Test func runDurationLimitTimesTheRunOut() async throws {
        try await EngineHarness.with(configure: { $0.runDurationLimit = 1 }) { harness in
            await harness.engine.start()
            _ = try await harness.engine.save(name: "approvals", definition: EngineHarness.manual(["Approve": harness.webhookAction()]), state: nil)
            let run = try await harness.fire("approvals", trigger: "manual")
            let done = try await harness.waitForRun("approvals", run.id, .timedOut)
            #expect(done.summary.error?["code"] == "RunTimedOut")
            #expect(done.action("Approve")?.status == "Cancelled")
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
        }
    }

    @Test func orphanedSubscriptionsCanBeDropped() async throws {
        try await EngineHarness.with(configure: { $0.orphanAfterAttempts = 1 }) { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            harness.fake.respond(to: "/unsubscribe", with: [500])
            _ = try await harness.engine.delete(name: "orders")
            let orphans = try await harness.engine.subscriptions(status: .orphaned)
            #expect(orphans.map(\.workflowName) == ["orders"], "an orphan outlives its deleted app")
            let id = try #require(orphans.first?.id)
            _ = try await harness.engine.dropSubscription(id: id)
            #expect(try await harness.engine.subscriptions().isEmpty)
            #expect(try await harness.engine.store.outbox(subscriptionID: id).isEmpty)
            await #expect(throws: EngineError.self) { try await harness.engine.dropSubscription(id: id) }
        }
    }
}
