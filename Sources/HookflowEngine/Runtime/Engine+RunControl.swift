import Foundation
import HookflowModel

/// What happens to runs from outside: action callbacks, timers, cancel, resubmit. Each goes to
/// the run's lane in the ``RunExecutor``, so nothing else in this process writes the run meanwhile.
extension Engine {
    // MARK: Webhook action callbacks

    /// Completes a waiting webhook action with the callback's outputs. The first valid callback
    /// wins through one compare-and-set; a later or concurrent one gets `409`
    /// `ActionAlreadyCompleted` and changes nothing. `x-hookflow-status: Failed` fails the action.
    public func acceptActionCallback(workflow name: String, runID: String, action actionName: String, request: InboundCallback) async throws(EngineError) -> StoredAction {
        let grant = try await authorizeCallback(.action(workflow: name, runID: runID, action: actionName), query: request.query)
        return try await completeAction(grant, request: request)
    }

    /// Completes the waiting action a checked callback URL names (see ``acceptActionCallback(workflow:runID:action:request:)``):
    /// the action's result, the run's next state (often its end) and the unsubscribe it owes are
    /// one commit, after which the caller hears `200`.
    public func completeAction(_ grant: CallbackGrant, request: InboundCallback) async throws(EngineError) -> StoredAction {
        guard case .action(let name, let runID, let actionName) = grant.target else {
            throw .internalError(message: "completeAction was given a trigger callback (\(grant.target.path))")
        }
        guard grant.workflow.state == .enabled else {
            throw .conflict(code: "WorkflowDisabled", message: "app \"\(name)\" is disabled; its callback URLs answer nothing until it is enabled")
        }
        let outputs = try request.checkedOutputs()
        let failed = request.header("x-hookflow-status")?.lowercased() == "failed"
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<StoredAction, EngineError>, Never>) in
            executor.send(.callback(action: actionName, outputs: outputs, failed: failed, reply: { continuation.resume(returning: $0) }),
                          runID: runID, workflow: name)
        }
        return try result.get()
    }

    // MARK: Timers

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
        } else {
            // Nothing took it (the run or the action had moved on): it must not fire again.
            try await commit([.deleteTimer(id)])
        }
    }

    /// How a run that reached its duration limit ends.
    static let timedOut = RunEnd(status: .timedOut, error: ["code": "RunTimedOut", "message": "The run reached its duration limit."])

    /// Ends an open run from outside; true when it was open.
    func end(runID: String, workflow: String, with end: RunEnd, code: String) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            executor.send(.end(end, code: code, reply: { continuation.resume(returning: $0) }), runID: runID, workflow: workflow)
        }
    }

    /// The run duration limit: every run still open that started longer ago than the limit.
    func sweepRunsPastTheirLimit(now: Date) async throws(EngineError) {
        let cutoff = now.addingTimeInterval(-configuration.runDurationLimit)
        for run in try await storeCall({ try await self.store.openRuns(startedBefore: cutoff, limit: 500) }) {
            if await end(runID: run.id, workflow: run.workflowName, with: Self.timedOut, code: "RunTimedOut") { worker.wake() }
        }
    }

    // MARK: Starting, cancelling, resubmitting

    /// The mutations that start a run: its row alone (its duration limit is swept from its start time).
    func runStart(_ run: StoredRun) -> [StoreMutation] {
        [.insertRun(run)]
    }

    /// Cancels a running or waiting run: its waiting actions are cancelled and unsubscribed.
    public func cancelRun(workflow name: String, id: String) async throws(EngineError) -> RunDetail {
        guard let run = try await storeCall({ try await self.store.run(workflow: name, id: id) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(id)\"")
        }
        let cancelled = await end(runID: id, workflow: name, with: RunEnd(status: .cancelled, error: ["code": "Cancelled", "message": "The run was cancelled."]),
                                  code: "Cancelled")
        guard cancelled else {
            let now = try await storeCall { try await self.store.run(workflow: name, id: id) }?.status ?? run.status
            throw .conflict(code: "RunNotRunning", message: "run \(id) is \(now.rawValue); only running or waiting runs can be cancelled")
        }
        return try await self.run(workflow: name, id: id)
    }

    /// Starts a new run with the same trigger outputs, on the app's current version.
    public func resubmitRun(workflow name: String, id: String) async throws(EngineError) -> RunDetail {
        guard let app = await apps.app(named: name) else {
            throw .notFound(code: "WorkflowNotFound", message: "there is no app named \"\(name)\"; `hookflow list` shows the apps")
        }
        guard let original = try await storeCall({ try await self.store.run(workflow: name, id: id) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(id)\"")
        }
        let run = StoredRun(id: RunID.make(), workflowName: name, workflowVersion: app.version, triggerName: original.triggerName,
                            status: .running, startTime: Date(), triggerOutputs: original.triggerOutputs,
                            maskedTriggerOutputs: original.maskedTriggerOutputs)
        try await commit(runStart(run))
        publishRun(run)
        executor.send(.started(run, app.plan), runID: run.id, workflow: name)
        return try await self.run(workflow: name, id: run.id)
    }

    /// Live changes of apps and runs (the TUI's live view and `GET /management/events`).
    public func events() -> AsyncStream<EngineEvent> { eventHub.subscribe() }
}
