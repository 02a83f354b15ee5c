import Foundation
import HookflowModel
import Synchronization

/// Resuming runs after a restart, without letting one run crash the engine over and over.
///
/// The engine notes which runs it is advancing in a small file (``InFlightRuns``): a run being
/// advanced when the process died is known exactly on the next start, and its `recoveries`
/// counter goes up by one (one commit for all of them). Then:
/// - a run at 2 was being advanced at two deaths in a row — the second time alone: it is marked
///   `Failed` (`EngineCrashedOnRun`) instead of being resumed a third time, its waiting actions
///   cancelled and unsubscribed;
/// - a run at 1 is advanced *alone*, one after another, while every other run's advance waits:
///   if the engine dies now, this run is the one that killed it; once its work settled without
///   harm its counter goes back to 0;
/// - every other `Running` run was simply cut off and is advanced again, all together.
extension Engine {
    /// The longest a run advanced alone may keep the others waiting (an HTTP call may take longer;
    /// it then goes on beside them).
    static let isolationLimit: TimeInterval = 10

    /// Reads what the previous process left in the in-flight notes (runs it was advancing,
    /// callbacks it died evaluating) and opens this process's notes. Once; call it before the
    /// server takes callbacks (``start()`` calls it too), so the first callbacks are noted.
    public func prepare() {
        leftovers.withLock { left in
            if left == nil { left = inFlight.takeLeftovers() }
        }
    }

    func resumeRuns() async {
        prepare()
        let left = leftovers.withLock { $0 } ?? InFlightRuns.Leftovers()
        let leftovers = left.runs
        if !left.suspects.isEmpty {
            logger.warning("\(left.suspects.count) callback(s) stopped an engine while their run was evaluated before its commit: such a callback is now committed first, then evaluated alone if it stops the engine again")
        }
        var runs: [StoredRun]
        do { runs = try await store.runsToResume(limit: 100_000) } catch {
            logger.error("resuming runs failed: \(error)")
            return
        }
        // On a shared database the claim counted them already (a run taken from a node that stopped).
        let interrupted = store is PostgresStore ? [] : runs.filter { leftovers.contains($0.id) }
        if !interrupted.isEmpty {
            do {
                try await commit(interrupted.map { .setRunRecoveries(ids: [$0.id], count: $0.recoveries + 1) })
                runs = runs.map { leftovers.contains($0.id) ? Self.counted($0) : $0 }
            } catch {
                logger.error("resuming runs failed: \(error)")
                return
            }
        }
        for run in runs where run.recoveries >= 2 { await failCrashedRun(run) }
        let suspects = runs.filter { $0.recoveries == 1 }
        let others = runs.filter { $0.recoveries <= 0 }
        guard !suspects.isEmpty else {
            for run in others { executor.send(.wake, runID: run.id, workflow: run.workflowName) }
            return
        }
        logger.warning("\(suspects.count) run(s) were being advanced when the engine stopped: they are resumed one at a time, before the \(others.count) other(s)")
        // In the background, owned (a stop cancels it): the server answers callbacks meanwhile; their runs move after.
        _ = jobs.start("isolate-suspects") { [self] in
            let started = Date()
            for run in suspects where !Task.isCancelled { await self.advanceAlone(run) }
            self.logger.warning("advanced \(suspects.count) run(s) alone in \(Int(Date().timeIntervalSince(started) * 1000)) ms; resuming the others")
            self.executor.release()
            for run in others { self.executor.send(.wake, runID: run.id, workflow: run.workflowName) }
        }
    }

    private static func counted(_ run: StoredRun) -> StoredRun {
        var run = run
        run.recoveries += 1
        return run
    }

    /// Advances one suspect with nothing else advancing, until its work settles or the limit.
    private func advanceAlone(_ run: StoredRun) async {
        executor.isolate(run.id)
        executor.send(.wake, runID: run.id, workflow: run.workflowName)
        let deadline = Date().addingTimeInterval(Self.isolationLimit)
        while Date() < deadline, !executor.isIdle(run.id) {
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
        // A finished run is never advanced again: only one still running or waiting needs the write.
        guard let status = try? await store.run(workflow: run.workflowName, id: run.id)?.status, !status.isFinished else { return }
        do { try await commit([.setRunRecoveries(ids: [run.id], count: 0)]) } catch {
            logger.error("run \(run.id): could not record its recovery: \(error)")
        }
    }

    func failCrashedRun(_ run: StoredRun) async {
        let now = configuration.now()
        logger.error("run \(run.id) of \(run.workflowName) was being advanced when the engine stopped, twice in a row: marked Failed (EngineCrashedOnRun), not resumed again")
        let error: JSONValue = [
            "code": "EngineCrashedOnRun",
            "message": "The engine stopped twice in a row while advancing this run, so it was not resumed a third time. Look for the cause in the engine's log, then resubmit the run.",
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
