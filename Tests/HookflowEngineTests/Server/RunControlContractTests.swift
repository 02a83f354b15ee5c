import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The run-control half of the ``EngineClient`` contract: cancel, resubmit, live events and
/// subscriptions, identical through the in-process client and over HTTP.
struct RunControlContractTests {
    @Test(arguments: ClientKind.allCases)
    func cancelAWaitingRunThenResubmitIt(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "approvals", definition: harness.definitionWithWebhookAction(), state: nil)
            let runID = try await harness.fire(try await client.callbackURL(workflow: "approvals", trigger: "Webhook"), body: #"{"order": 7}"#)
            let actionURL = try await harness.actionCallbackURL()
            _ = try await harness.waitForRun("approvals", runID, .waiting)

            let cancelled = try await client.cancelRun(workflow: "approvals", id: runID)
            #expect(cancelled.summary.status == .cancelled)
            #expect(cancelled.action("Approve")?.status == "Cancelled")
            #expect(cancelled.summary.error?["code"] == "Cancelled")
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            let refused = try await harness.send(.POST, actionURL, body: #"{"late": true}"#)
            #expect(refused.status == 409)
            #expect(refused.body.contains("ActionCancelled"))

            await #expect(throws: EngineError.conflict(code: "RunNotRunning", message: "run \(runID) is Cancelled; only running or waiting runs can be cancelled")) {
                try await client.cancelRun(workflow: "approvals", id: runID)
            }
            let again = try await client.resubmitRun(workflow: "approvals", id: runID)
            #expect(again.summary.id != runID)
            #expect(again.triggerOutputs["body"] == ["order": 7])
            _ = try await harness.waitForRun("approvals", again.summary.id, .waiting)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func eventsReportRunsAsTheyChange(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "approvals", definition: harness.definitionWithWebhookAction(), state: nil)
            let events = try await client.events()
            let seen = EventLog()
            let listener = Task { for await event in events { seen.append(event) } }
            defer { listener.cancel() }

            let runID = try await harness.fire(try await client.callbackURL(workflow: "approvals", trigger: "Webhook"))
            try await eventually("a Waiting event for the run") { seen.contains { $0.kind == .runChanged && $0.runID == runID && $0.status == "Waiting" } }
            let actionURL = try await harness.actionCallbackURL()
            #expect(try await harness.send(.POST, actionURL, body: #"{"ok": true}"#).status == 200)
            try await eventually("a Succeeded event for the run") { seen.contains { $0.kind == .runChanged && $0.runID == runID && $0.status == "Succeeded" } }
            #expect(seen.contains { $0.kind == .actionChanged && $0.action == "Approve" && $0.status == "Succeeded" })
            _ = try await client.setState(.disabled, ofWorkflow: "approvals")
            try await eventually("a workflow event") { seen.contains { $0.kind == .workflowChanged && $0.workflow == "approvals" && $0.status == "Disabled" } }
        }
    }

    @Test(arguments: ClientKind.allCases)
    func orphanedSubscriptionsAreListedAndDropped(kind: ClientKind) async throws {
        try await ServerHarness.with(configure: { $0.orphanAfterAttempts = 1 }) { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            #expect(try await client.subscriptions(status: nil).map(\.status) == [.subscribed])
            harness.fake.respond(to: "/unsubscribe", with: [500], body: "gone fishing")
            _ = try await client.deleteWorkflow(named: "orders")
            let orphans = try await client.subscriptions(status: .orphaned)
            #expect(orphans.count == 1)
            let orphan = try #require(orphans.first)
            #expect(orphan.workflowName == "orders")
            #expect(orphan.error?.statusCode == 500)
            #expect(orphan.error?.excerpt == "gone fishing")
            _ = try await client.dropSubscription(id: orphan.id)
            #expect(try await client.subscriptions(status: nil).isEmpty)
            await #expect(throws: EngineError.self) { try await client.dropSubscription(id: orphan.id) }
        }
    }

    /// Stopping the server ends open event streams instead of hanging the shutdown.
    @Test func stoppingTheServerEndsEventStreams() async throws {
        try await ServerHarness.with { harness in
            let events = try await HTTPEngineClient(baseURL: harness.url).events()
            let ended = Task { for await _ in events {}; return true }
            await harness.server.stop()
            #expect(await ended.value)
        }
    }
}

/// Events collected by a listener task, read by the test.
final class EventLog: Sendable {
    private let events = Mutex<[EngineEvent]>([])
    func append(_ event: EngineEvent) { events.withLock { $0.append(event) } }
    func contains(_ predicate: (EngineEvent) -> Bool) -> Bool { events.withLock { $0.contains(where: predicate) } }
}

import Synchronization
