import Foundation
import HookflowModel

/// Trigger callbacks: checked, then committed as a run before the caller hears `202`.
extension Engine {
    /// Checks a callback URL before anything of the request's body is read (SPEC §7): the app
    /// exists, the signature holds, and for a trigger that it accepts callbacks and the app is
    /// enabled. Throws `404`, `401` (nothing recorded) or `409`. A sender without a valid URL
    /// so costs the engine one lookup, never a body read into memory.
    public func authorizeCallback(_ target: CallbackSigner.Target, query: [(name: String, value: String)]) async throws(EngineError) -> CallbackGrant {
        let name = target.workflowName
        // The in-memory view of the published apps: no database read on this path.
        guard let app = await apps.app(named: name) else {
            throw .notFound(code: "WorkflowNotFound", message: "there is no app named \"\(name)\"")
        }
        let workflow = app.workflow
        let verified = if case .trigger(_, let trigger) = target, let expected = app.triggerSignatures[trigger] {
            CallbackSigner.verify(expected: expected, target: target, query: query)
        } else {
            CallbackSigner.verify(key: workflow.accessKey, target: target, query: query)
        }
        guard verified else {
            switch target {
            case .trigger:
                throw .unauthorized(message: "the callback URL's signature is missing or wrong; ask for the current URL (the access key may have been regenerated)")
            case .action:
                throw .unauthorized(message: "the callback URL's signature is missing or wrong; use the URL the action subscribed with")
            }
        }
        if case .trigger(_, let triggerName) = target {
            guard let trigger = app.plan.trigger(named: triggerName), trigger.kind == .httpWebhook || trigger.kind == .request else {
                throw .notFound(code: "TriggerNotFound", message: "app \"\(name)\" has no trigger \"\(triggerName)\" that accepts callbacks")
            }
            guard workflow.state == .enabled else {
                throw .conflict(code: "WorkflowDisabled", message: "app \"\(name)\" is disabled; enable it to accept callbacks")
            }
        }
        return CallbackGrant(workflow: workflow, target: target, plan: app.plan)
    }

    /// Records a run for a valid trigger callback and returns it; throws `404` for an unknown
    /// app or trigger, `401` for a missing or wrong signature (nothing recorded), `409` when the
    /// app is disabled, `400` for a body nested deeper than ``JSONValue/maximumDepth``.
    public func acceptTriggerCallback(workflow name: String, trigger triggerName: String, request: InboundCallback) async throws(EngineError) -> StoredRun {
        let grant = try await authorizeCallback(.trigger(workflow: name, trigger: triggerName), query: request.query)
        return try await startRun(grant, request: request)
    }

    /// Starts the run a checked trigger callback asks for, durably, before the caller hears `202`.
    public func startRun(_ grant: CallbackGrant, request: InboundCallback) async throws(EngineError) -> StoredRun {
        guard case .trigger(let name, let triggerName) = grant.target else {
            throw .internalError(message: "startRun was given an action callback (\(grant.target.path))")
        }
        let outputs = try request.checkedOutputs()
        let plan = grant.plan
        let now = configuration.now()
        let run = StoredRun(
            id: RunID.make(at: now), workflowName: name, workflowVersion: grant.workflow.version, triggerName: triggerName, status: .running,
            startTime: now, triggerOutputs: outputs, maskedTriggerOutputs: plan.masker.maskedOutputs(outputs, of: plan.step(named: triggerName)))
        let key = CallbackKey.of(workflow: name, trigger: triggerName, body: request.body)
        // Registered before the run can reach its Response, which may run inline.
        let waits = callerWaitsForResponse(plan: plan, trigger: triggerName)
        if waits { responses.expect(run.id) }
        guard inFlight.isSuspect(key) else {
            // Advanced in memory as far as it goes and written once, before the caller hears 202.
            do {
                return try await executor.startInline(run, plan: plan, accessKey: grant.workflow.accessKey, callbackKey: key, engine: self)
            } catch {
                if waits { responses.forget(run.id) }
                throw error
            }
        }
        // This callback stopped an engine while evaluated before its commit: durable first, then
        // evaluated in its lane, where the crash-loop guard sees it.
        logger.warning("a callback to \(name)/\(triggerName) that stopped the engine before is committed first (run \(run.id))")
        var suspect = run
        // It stopped an engine once already: one more stop and it is failed, not resumed again.
        suspect.recoveries = 1
        do { try await commit(runStart(suspect)) } catch {
            if waits { responses.forget(run.id) }
            throw error
        }
        publishRun(run)
        executor.send(.started(run, plan), runID: run.id, workflow: name)
        return run
    }
}
