import Foundation
import HookflowModel

/// Webhook action callbacks: checked against the in-memory app view, then handed to the run's
/// lane in the ``RunExecutor``, which completes the action, advances the run and commits both
/// with the owed unsubscribe before the caller hears `200`.
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
}
