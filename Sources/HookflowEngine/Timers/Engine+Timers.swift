import Foundation
import HookflowModel

/// The timer part: due timers (a Delay's end, a waiting action's timeout) go to their run's
/// lane; the run duration limit is swept from each open run's start time (no timer row per run).
/// ``runDueWork()`` calls both on every round of the background loop.
extension Engine {
    /// Fires one due timer: a Delay ends, or a waiting action times out (and unsubscribes).
    func fire(_ timer: StoredTimer) async throws(EngineError) {
        guard let id = timer.id else { return }
        if timer.kind == .runTimeout {
            // Rows of older versions; a run's duration limit is now swept from its start time.
            _ = await end(runID: timer.runID, workflow: timer.workflowName, with: Self.timedOut, code: "RunTimedOut")
            try await commit([.deleteTimer(id)])
            return
        }
        let fired = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            executor.send(.timer(timer, reply: { continuation.resume(returning: $0) }), runID: timer.runID, workflow: timer.workflowName)
        }
        if fired {
            if timer.kind == .actionTimeout { logger.info("action \(timer.actionName ?? "") of run \(timer.runID) timed out") }
            worker.wake()
        } else if try await isStale(timer) {
            // Nothing took it (the run or the action had moved on): it must not fire again.
            try await commit([.deleteTimer(id)])
        } else {
            // Its action still waits on it: the run moved under it twice (another node holds it).
            // It stays, and fires on a later round (where nodes share a database, once its lease ran out).
            logger.warning("timer \(timer.kind.rawValue) of run \(timer.runID) could not fire now (the run changed meanwhile); it is tried again")
        }
    }

    /// Whether nothing waits on `timer` any more: its run is gone or ended, or its action is no
    /// longer running or waiting.
    private func isStale(_ timer: StoredTimer) async throws(EngineError) -> Bool {
        guard let run = try await storeCall({ try await self.store.run(workflow: timer.workflowName, id: timer.runID) }), !run.status.isFinished
        else { return true }
        guard let name = timer.actionName else { return false }
        let actions = try await storeCall { try await self.store.actions(runID: timer.runID) }
        guard let action = actions.first(where: { $0.key == name }) else { return true }
        return action.status != .running && action.status != .waiting
    }

    /// How a run that reached its duration limit ends.
    static let timedOut = RunEnd(status: .timedOut, error: ["code": "RunTimedOut", "message": "The run reached its duration limit."])

    /// The run duration limit: every run still open that started longer ago than the limit.
    func sweepRunsPastTheirLimit(now: Date) async throws(EngineError) {
        let cutoff = now.addingTimeInterval(-configuration.runDurationLimit)
        for run in try await storeCall({ try await self.store.openRuns(startedBefore: cutoff, limit: 500) }) {
            if await end(runID: run.id, workflow: run.workflowName, with: Self.timedOut, code: "RunTimedOut") { worker.wake() }
        }
    }
}
