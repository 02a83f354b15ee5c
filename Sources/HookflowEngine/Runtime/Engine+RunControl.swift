import Foundation
import HookflowModel

/// What is done to runs from outside: ending one (cancel, the duration limit), resubmitting. Each
/// goes to the run's lane in the ``RunExecutor``, so nothing else in this process writes the run
/// meanwhile. (Action callbacks: ``Engine/completeAction(_:request:)`` in Intake/; timers: Timers/.)
extension Engine {
    /// Ends an open run from outside; true when it was open.
    func end(runID: String, workflow: String, with end: RunEnd, code: String) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            executor.send(.end(end, code: code, reply: { continuation.resume(returning: $0) }), runID: runID, workflow: workflow)
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
        let now = configuration.now()
        let run = StoredRun(id: RunID.make(at: now), workflowName: name, workflowVersion: app.version, triggerName: original.triggerName,
                            status: .running, startTime: now, triggerOutputs: original.triggerOutputs,
                            maskedTriggerOutputs: original.maskedTriggerOutputs)
        try await commit(runStart(run))
        publishRun(run)
        executor.send(.started(run, app.plan), runID: run.id, workflow: name)
        return try await self.run(workflow: name, id: run.id)
    }

    /// Live changes of apps and runs (the TUI's live view and `GET /management/events`).
    public func events() -> AsyncStream<EngineEvent> { eventHub.subscribe() }
}
