import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A run that keeps taking the engine down is failed instead of resumed forever (issue 10,
/// point 3); runs that were only cut off are resumed as before. The counter lives in the run
/// row (`recoveries`): 1 while the run has work in it, 2 while it is advanced alone after a restart.
@Suite(.serialized)
struct CrashLoopGuardTests {
    /// A Running run as a crash leaves it, with its counter at `recoveries`.
    private func leaveRunning(_ harness: EngineHarness, workflow: String, recoveries: Int) async throws -> StoredRun {
        let detail = try await harness.engine.workflowDetail(named: workflow)
        let run = StoredRun(id: RunID.make(), workflowName: workflow, workflowVersion: detail.summary.version, triggerName: "manual",
                            status: .running, startTime: Date(), triggerOutputs: ["body": ["id": 1]])
        try await harness.engine.store.commit([.insertRun(run), .setRunRecoveries(ids: [run.id], count: recoveries)])
        return run
    }

    @Test func aRunInFlightAtEachOfTwoStopsIsFailedNotResumedAgain() async throws {
        let harness = try await EngineHarness()
        defer { Task { await harness.finish() } }
        _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
            "Approve": harness.webhookAction(),
            "Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": ["Approve": ["Succeeded"]]],
        ]), state: nil)
        let crashed = try await leaveRunning(harness, workflow: "flow", recoveries: 2)
        // It had got as far as subscribing its webhook action.
        try await harness.engine.store.commit([.putAction(StoredAction(
            runID: crashed.id, name: "Approve", type: "HttpWebhook", status: .waiting, startTime: Date(), subscriptionID: "sub-1",
            unsubscribeRequest: OutboundRequest(method: "DELETE", uri: harness.fake.url("/approvals/unsubscribe"))))])
        let cutOff = try await leaveRunning(harness, workflow: "flow", recoveries: 1)
        await harness.engine.shutdown()

        let restarted = try harness.restartedEngine()
        defer { Task { await restarted.shutdown() } }
        await restarted.start()
        let failed = try await harness.waitForRun("flow", crashed.id, .failed, engine: restarted)
        #expect(failed.summary.error?["code"] == "EngineCrashedOnRun")
        #expect(failed.action("Approve")?.status == "Cancelled")
        #expect(failed.action("Echo") == nil, "not advanced any further")
        try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
        // The run only cut off is resumed: its webhook action subscribes and waits.
        try await harness.waitForRun("flow", cutOff.id, .waiting, engine: restarted)
        #expect(try await restarted.store.run(workflow: "flow", id: cutOff.id)?.recoveries == 0, "advanced alone without harm: counter reset")
    }

    @Test func newRunsStartCountedAndFinishedOnesStayAsTheyAre() async throws {
        let harness = try await EngineHarness()
        defer { Task { await harness.finish() } }
        await harness.engine.start()
        _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
            "Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]],
        ]), state: nil)
        let run = try await harness.fire("flow", trigger: "manual")
        #expect(run.status == .running)
        let stored = try #require(try await harness.engine.store.run(workflow: "flow", id: run.id))
        #expect(stored.recoveries >= 1 || stored.status == .succeeded, "a run with work in it is counted from its first commit")
        try await harness.waitForRun("flow", run.id, .succeeded)
    }

    @Test func runsArrivingWhileSuspectsAreAdvancedWaitForThem() {
        let gate = RecoveryGate()
        #expect(gate.admit(workflow: "flow", runID: "a"), "open unless a restart closed it")
        gate.close()
        #expect(!gate.admit(workflow: "flow", runID: "b"))
        #expect(!gate.admit(workflow: "flow", runID: "c"))
    }
}
