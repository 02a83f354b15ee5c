import Foundation
import HookflowModel

/// What happens to runs from outside: action callbacks, timers, cancel, resubmit, recovery.
extension Engine {
    // MARK: Webhook action callbacks

    /// Completes a waiting webhook action with the callback's outputs. The first valid callback
    /// wins through one compare-and-set; a later or concurrent one gets `409`
    /// `ActionAlreadyCompleted` and changes nothing. `x-hookflow-status: Failed` fails the action.
    public func acceptActionCallback(workflow name: String, runID: String, action actionName: String, request: InboundCallback) async throws(EngineError) -> StoredAction {
        let grant = try await authorizeCallback(.action(workflow: name, runID: runID, action: actionName), query: request.query)
        return try await completeAction(grant, request: request)
    }

    /// Completes the waiting action a checked callback URL names (see ``acceptActionCallback(workflow:runID:action:request:)``).
    public func completeAction(_ grant: CallbackGrant, request: InboundCallback) async throws(EngineError) -> StoredAction {
        guard case .action(let name, let runID, let actionName) = grant.target else {
            throw .internalError(message: "completeAction was given a trigger callback (\(grant.target.path))")
        }
        let workflow = grant.workflow
        guard let run = try await storeCall({ try await self.store.run(workflow: name, id: runID) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(runID)\"")
        }
        guard let current = try await recordsByName(runID)[actionName] else {
            throw .notFound(code: "ActionNotFound", message: "run \(runID) has no started action \"\(actionName)\"")
        }
        guard workflow.state == .enabled else {
            throw .conflict(code: "WorkflowDisabled", message: "app \"\(name)\" is disabled; its callback URLs answer nothing until it is enabled")
        }
        let failed = request.header("x-hookflow-status")?.lowercased() == "failed"
        var record = current
        record.status = failed ? .failed : .succeeded
        record.endTime = Date()
        record.outputs = try request.checkedOutputs()
        let plan = try await plan(of: run)
        record.maskedOutputs = plan.masker.maskedOutputs(record.outputs, of: plan.step(named: actionName))
        if failed {
            record.code = "ActionFailedByCallback"
            record.error = ["code": "ActionFailedByCallback", "message": "The service reported failure with the x-hookflow-status header."]
        }
        var mutations: [StoreMutation] = [
            .putAction(record), .deleteTimers(runID: runID, actionName: actionName),
            .setRunStatus(id: runID, status: .running, endTime: nil, error: nil),
        ]
        if let unsubscribe = current.unsubscribeRequest {
            mutations.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: current.subscriptionID ?? "", workflowName: name,
                                                  operationName: actionName, request: unsubscribe, nextAttemptAt: Date(), createdAt: Date())))
        }
        let won = try await storeCall {
            try await self.store.transitionAction(runID: runID, name: actionName, from: [.running, .waiting], mutations: mutations)
        }
        guard won else {
            let now = try await recordsByName(runID)[actionName]?.status ?? current.status
            switch now {
            case .cancelled:
                throw .conflict(code: "ActionCancelled", message: "action \"\(actionName)\" was cancelled (run \(runID) is \(run.status.rawValue)); the callback is refused")
            case .timedOut:
                throw .conflict(code: "ActionTimedOut", message: "action \"\(actionName)\" timed out before this callback; the callback is refused")
            default:
                throw .conflict(code: "ActionAlreadyCompleted", message: "action \"\(actionName)\" already completed (\(now.rawValue)); this callback changed nothing")
            }
        }
        publishAction(run, actionName, record.status)
        worker.wake()
        advanceLater(workflow: name, runID: runID)
        return record
    }

    // MARK: Timers

    /// Fires one due timer: a Delay ends, a waiting action times out, or a run reaches its duration limit.
    func fire(_ timer: StoredTimer) async throws(EngineError) {
        guard let id = timer.id else { return }
        let now = Date()
        var fired = false
        switch timer.kind {
        case .wait:
            guard let name = timer.actionName, var record = try await recordsByName(timer.runID)[name] else { break }
            record.status = .succeeded
            record.endTime = now
            fired = try await transition(record, from: [.running], extra: [
                .deleteTimer(id), .setRunStatus(id: timer.runID, status: .running, endTime: nil, error: nil)])
        case .actionTimeout:
            guard let name = timer.actionName, var record = try await recordsByName(timer.runID)[name] else { break }
            record.status = .timedOut
            record.code = "ActionTimedOut"
            record.endTime = now
            record.error = ["code": "ActionTimedOut", "message": "The action did not get its callback before its timeout."]
            var extra: [StoreMutation] = [.deleteTimer(id), .setRunStatus(id: timer.runID, status: .running, endTime: nil, error: nil)]
            if let unsubscribe = record.unsubscribeRequest {
                extra.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: record.subscriptionID ?? "", workflowName: timer.workflowName,
                                                  operationName: name, request: unsubscribe, nextAttemptAt: now, createdAt: now)))
            }
            fired = try await transition(record, from: [.running, .waiting], extra: extra)
            if fired { logger.info("action \(name) of run \(timer.runID) timed out") }
        case .runTimeout:
            // Rows of older versions; a run's duration limit is now swept from its start time.
            fired = try await timeOut(runID: timer.runID, workflow: timer.workflowName, at: now)
        }
        if !fired { try await commit([.deleteTimer(id)]) }
        if fired {
            worker.wake()
            advanceLater(workflow: timer.workflowName, runID: timer.runID)
        }
    }

    // MARK: Starting, cancelling, resubmitting

    /// The mutations that start a run: its row alone (its duration limit is swept from its start time).
    func runStart(_ run: StoredRun) -> [StoreMutation] {
        [.insertRun(run)]
    }

    /// Ends a run that reached its duration limit: what still runs or waits is cancelled (and unsubscribed).
    func timeOut(runID: String, workflow: String, at now: Date) async throws(EngineError) -> Bool {
        let ended = try await storeCall {
            try await self.store.transitionRun(id: runID, from: [.running, .waiting], mutations: [
                .closeOpenActions(runID: runID, workflowName: workflow, status: .cancelled, code: "RunTimedOut", at: now),
                .setRunStatus(id: runID, status: .timedOut, endTime: now,
                              error: ["code": "RunTimedOut", "message": "The run reached its duration limit."]),
                .deleteTimers(runID: runID, actionName: nil),
            ])
        }
        if ended, let run = try await storeCall({ try await self.store.run(workflow: workflow, id: runID) }) { publishRun(run) }
        return ended
    }

    /// The run duration limit: every run still open that started longer ago than the limit.
    func sweepRunsPastTheirLimit(now: Date) async throws(EngineError) {
        let cutoff = now.addingTimeInterval(-configuration.runDurationLimit)
        for run in try await storeCall({ try await self.store.openRuns(startedBefore: cutoff, limit: 500) }) {
            if try await timeOut(runID: run.id, workflow: run.workflowName, at: now) { worker.wake() }
        }
    }

    /// Cancels a running or waiting run: its waiting actions are cancelled and unsubscribed.
    public func cancelRun(workflow name: String, id: String) async throws(EngineError) -> RunDetail {
        guard let run = try await storeCall({ try await self.store.run(workflow: name, id: id) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(id)\"")
        }
        let now = Date()
        let cancelled = try await storeCall {
            try await self.store.transitionRun(id: id, from: [.running, .waiting], mutations: [
                .closeOpenActions(runID: id, workflowName: name, status: .cancelled, code: "Cancelled", at: now),
                .setRunStatus(id: id, status: .cancelled, endTime: now, error: ["code": "Cancelled", "message": "The run was cancelled."]),
                .deleteTimers(runID: id, actionName: nil),
            ])
        }
        guard cancelled else {
            throw .conflict(code: "RunNotRunning", message: "run \(id) is \(run.status.rawValue); only running or waiting runs can be cancelled")
        }
        var updated = run
        updated.status = .cancelled
        publishRun(updated)
        worker.wake()
        return try await self.run(workflow: name, id: id)
    }

    /// Starts a new run with the same trigger outputs, on the app's current version.
    public func resubmitRun(workflow name: String, id: String) async throws(EngineError) -> RunDetail {
        let workflow = try await existing(name)
        guard let original = try await storeCall({ try await self.store.run(workflow: name, id: id) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(id)\"")
        }
        let run = StoredRun(id: RunID.make(), workflowName: name, workflowVersion: workflow.version, triggerName: original.triggerName,
                            status: .running, startTime: Date(), triggerOutputs: original.triggerOutputs)
        try await commit(runStart(run))
        publishRun(run)
        advanceLater(workflow: name, runID: run.id)
        return try await self.run(workflow: name, id: run.id)
    }

    /// Live changes of apps and runs (the TUI's live view and `GET /management/events`).
    public func events() -> AsyncStream<EngineEvent> { eventHub.subscribe() }
}
