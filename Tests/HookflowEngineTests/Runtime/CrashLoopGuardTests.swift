import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A run that keeps taking the engine down is failed instead of resumed forever (issue 10,
/// point 3); runs that were only cut off are resumed as before. Which runs were being advanced
/// when a process died is in the data folder's `inflight-runs` file; the count of such deaths
/// in a row is the run row's `recoveries`.
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

    /// What a process that died while advancing these runs leaves in the data folder.
    private func dieWhileAdvancing(_ runIDs: [String], in folder: URL) throws {
        let lines = runIDs.map { "+\($0)\n" }.joined()
        try Data(lines.utf8).write(to: folder.appendingPathComponent(InFlightRuns.fileName))
    }

    @Test func aRunBeingAdvancedAtTwoDeathsInARowIsFailedNotResumedAgain() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Approve": harness.webhookAction(),
                "Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": ["Approve": ["Succeeded"]]],
            ]), state: nil)
            // Advanced when the engine died once, then advanced alone when it died again.
            let crashed = try await leaveRunning(harness, workflow: "flow", recoveries: 1)
            try await harness.engine.store.commit([.putAction(StoredAction(
                runID: crashed.id, name: "Approve", type: "HttpWebhook", status: .waiting, startTime: Date(), subscriptionID: "sub-1",
                unsubscribeRequest: OutboundRequest(method: "DELETE", uri: harness.fake.url("/approvals/unsubscribe"))))])
            // Being advanced at the last death only: a suspect, not a culprit.
            let suspect = try await leaveRunning(harness, workflow: "flow", recoveries: 0)
            // Only cut off: Running, but nobody was advancing it.
            let cutOff = try await leaveRunning(harness, workflow: "flow", recoveries: 0)
            await harness.engine.shutdown()
            try dieWhileAdvancing([crashed.id, suspect.id], in: harness.folder)

            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                let failed = try await harness.waitForRun("flow", crashed.id, .failed, engine: restarted)
                #expect(failed.summary.error?["code"] == "EngineCrashedOnRun")
                #expect(failed.action("Approve")?.status == "Cancelled")
                #expect(failed.action("Echo") == nil, "not advanced any further")
                try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
                // The suspect and the cut-off run are resumed: their webhook actions subscribe and wait.
                try await harness.waitForRun("flow", suspect.id, .waiting, engine: restarted)
                try await harness.waitForRun("flow", cutOff.id, .waiting, engine: restarted)
                try await eventually("the suspect's counter is reset once it was advanced alone without harm") {
                    try await restarted.store.run(workflow: "flow", id: suspect.id)?.recoveries == 0
                }
                #expect(try await restarted.store.run(workflow: "flow", id: cutOff.id)?.recoveries == 0)
            }
        }
    }

    @Test func theInFlightFileKnowsWhatWasBegunAndNotEnded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-inflight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = InFlightRuns(folder: folder)
        #expect(first.takeLeftovers() == InFlightRuns.Leftovers())
        first.begin("a")
        first.begin("b")
        first.begin("b")  // an advance and an action's task at once
        first.end("b")
        first.begin("c")
        first.end("c")
        // The process dies here: a second one reads what it left.
        let second = InFlightRuns(folder: folder)
        #expect(second.takeLeftovers().runs == ["a", "b"])
        #expect(second.takeLeftovers() == InFlightRuns.Leftovers(), "each process starts a fresh file")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(InFlightRuns.fileName).path)[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
    }

    /// A damaged file (lines with no id, a stray sign, bytes that are not UTF-8 text) is read as
    /// far as it makes sense, never trapped on.
    @Test func aDamagedInFlightFileIsReadAsFarAsItMakesSense() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-inflight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(InFlightRuns.fileName)
        try Data("+ \n-  \n!\n+\n?x\n+kept\n!  \n".utf8).write(to: file)
        #expect(InFlightRuns(folder: folder).takeLeftovers() == InFlightRuns.Leftovers(runs: ["kept"], suspects: []))
        try Data([0x2B, 0xFF, 0xFE, 0x0A]).write(to: file)
        #expect(InFlightRuns(folder: folder).takeLeftovers() == InFlightRuns.Leftovers())
    }

    @Test func theInFlightFileStaysSmall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-inflight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = InFlightRuns(folder: folder)
        _ = runs.takeLeftovers()
        runs.begin("still-running")
        for index in 0..<40_000 {
            runs.begin("run-\(index)")
            runs.end("run-\(index)")
        }
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(InFlightRuns.fileName).path)[.size]
        #expect(((size as? NSNumber)?.intValue ?? .max) <= InFlightRuns.compactionSize + 64)
        #expect(InFlightRuns(folder: folder).takeLeftovers().runs == ["still-running"])
    }

    /// A run evaluated before its commit that never ended: its callback becomes a suspect, kept
    /// from process to process, and nothing else is blamed.
    @Test func aCallbackThatDiedBeforeItsCommitIsRememberedAsASuspect() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-inflight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = InFlightRuns(folder: folder)
        _ = first.takeLeftovers()
        first.evaluating("fine", callback: "k1") {}
        first.begin("committed")
        // Dies inside the evaluation of "poison": the process goes before `evaluating` returns.
        first.state_beginForTests("poison", key: "k2")
        let second = InFlightRuns(folder: folder)
        #expect(second.takeLeftovers() == InFlightRuns.Leftovers(runs: ["committed"], suspects: ["k2"]))
        #expect(second.isSuspect("k2"))
        #expect(!second.isSuspect("k1"))
        let third = InFlightRuns(folder: folder)
        #expect(third.takeLeftovers().suspects == ["k2"], "suspects outlive one restart")
    }

    @Test func runsArrivingWhileASuspectIsAdvancedAloneWaitForIt() async throws {
        let executor = RunExecutor()
        executor.isolate("suspect")
        executor.send(.wake, runID: "other", workflow: "flow")
        #expect(!executor.isIdle("other"), "held while the suspect moves alone")
        executor.release()
        try await eventually("released, the held run moves") { executor.isIdle("other") }
    }
}
