import Foundation
import HookflowModel
import Synchronization

/// Resuming runs after a restart, without letting one run crash the engine over and over.
///
/// A run with work in it carries `recoveries` 1 (set in the commits that make it `Running`, at
/// no extra write). On start-up:
/// - runs at 0 or 1 that were simply cut off are advanced again — those at 1 *alone*, one after
///   another, with `recoveries` 2 committed first and 0 once their work settled, while every
///   other run's advance waits: if the engine dies now, this run is the one that killed it;
/// - a run found at 2 took the engine down while it was advanced alone, after it had already been
///   in flight when the engine died before: it is marked `Failed` (`EngineCrashedOnRun`) instead of
///   being resumed a third time, its waiting actions cancelled and unsubscribed.
/// Runs at 0 (their count was reset) are counted 1 before they are advanced together.
extension Engine {
    /// The longest a run advanced alone may keep the others waiting (an HTTP call may take longer;
    /// it then goes on beside them).
    static let isolationLimit: TimeInterval = 10

    func resumeRuns() async {
        let runs: [StoredRun]
        do { runs = try await store.runsToResume(limit: 100_000) } catch {
            logger.error("resuming runs failed: \(error)")
            return
        }
        for run in runs where run.recoveries >= 2 { await failCrashedRun(run) }
        let fresh = runs.filter { $0.recoveries <= 0 }
        let suspects = runs.filter { $0.recoveries == 1 }
        if !fresh.isEmpty {
            do { try await commit([.setRunRecoveries(ids: fresh.map(\.id), count: 1)]) } catch {
                logger.error("resuming runs failed: \(error)")
            }
        }
        guard !suspects.isEmpty else {
            for run in fresh { advanceLater(workflow: run.workflowName, runID: run.id) }
            return
        }
        recoveryGate.close()
        logger.info("resuming \(runs.count) run(s): \(suspects.count) that were in flight when the engine stopped are advanced one at a time first")
        // In the background: the server answers callbacks meanwhile; their runs advance after.
        Task {
            for run in suspects { await self.advanceAlone(run) }
            for run in fresh { self.advanceLater(workflow: run.workflowName, runID: run.id) }
            self.recoveryGate.open(into: self)
        }
    }

    /// Advances one suspect with nothing else advancing, until its work settles or the limit.
    private func advanceAlone(_ run: StoredRun) async {
        do { try await commit([.setRunRecoveries(ids: [run.id], count: 2)]) } catch {
            logger.error("run \(run.id): could not record its recovery: \(error)")
            return
        }
        await advance(workflow: run.workflowName, runID: run.id)
        let deadline = Date().addingTimeInterval(Self.isolationLimit)
        while Date() < deadline, await isBusy(runID: run.id) {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        do { try await commit([.setRunRecoveries(ids: [run.id], count: 0)]) } catch {
            logger.error("run \(run.id): could not record its recovery: \(error)")
        }
    }

    /// Whether this process is still doing something for the run (an action executing, a pass queued).
    private func isBusy(runID: String) async -> Bool {
        if executing.withLock({ set in set.contains { $0.hasPrefix(runID + "/") } }) { return true }
        return await serial.isBusy("run:\(runID)")
    }

    private func failCrashedRun(_ run: StoredRun) async {
        let now = Date()
        logger.error("run \(run.id) of \(run.workflowName) was in flight when the engine stopped twice in a row: marked Failed (EngineCrashedOnRun), not resumed again")
        let error: JSONValue = [
            "code": "EngineCrashedOnRun",
            "message": "The engine stopped twice while advancing this run, so it was not resumed a third time. Look for the cause in the engine's log, then resubmit the run.",
        ]
        do {
            let failed = try await storeCall {
                try await self.store.transitionRun(id: run.id, from: [.running], mutations: [
                    .closeOpenActions(runID: run.id, workflowName: run.workflowName, status: .cancelled, code: "EngineCrashedOnRun", at: now),
                    .setRunStatus(id: run.id, status: .failed, endTime: now, error: error),
                    .deleteTimers(runID: run.id, actionName: nil),
                    .setRunRecoveries(ids: [run.id], count: 0),
                ])
            }
            if failed {
                var ended = run
                ended.status = .failed
                publishRun(ended)
                worker.wake()
            }
        } catch {
            logger.error("run \(run.id): could not mark it Failed: \(error)")
        }
    }
}

/// Holds back run advances that arrive while suspects are advanced alone after a restart
/// (open the rest of the time).
final class RecoveryGate: Sendable {
    private struct State {
        var isOpen = true
        var deferred: [(workflow: String, runID: String)] = []
    }

    private let state = Mutex(State())

    /// True when the advance may go ahead now; otherwise it was kept for when the gate opens.
    func admit(workflow: String, runID: String) -> Bool {
        state.withLock { state in
            if state.isOpen { return true }
            state.deferred.append((workflow, runID))
            return false
        }
    }

    func close() { state.withLock { $0.isOpen = false } }

    func open(into engine: Engine) {
        let deferred = state.withLock { state -> [(workflow: String, runID: String)] in
            state.isOpen = true
            defer { state.deferred = [] }
            return state.deferred
        }
        for item in deferred { engine.advanceLater(workflow: item.workflow, runID: item.runID) }
    }
}
