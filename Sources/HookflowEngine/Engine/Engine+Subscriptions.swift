import Foundation
import HookflowModel

/// A save, toggle, key change or delete and what it means for the app's subscriptions
/// (``SubscriptionReconciler``): planned, committed with the change, then attempted.
extension Engine {
    /// Brings a workflow's subscriptions in line with its definition and state.
    ///
    /// The plan (new subscriptions, unsubscribe calls owed) is committed in one transaction
    /// together with `commitWorkflow` (the save, toggle or delete that caused it); only then are
    /// calls made, and waited for at most ``EngineConfiguration/subscriptionWait``. With
    /// `sendNow` false (start-up) the calls are left to the background.
    func reconcile(_ workflow: StoredWorkflow, previousState: WorkflowState?, commitWorkflow: StoreMutation? = nil,
                   sendNow: Bool = true) async throws(EngineError) -> [SubscriptionResult] {
        let deleting: Bool = if case .deleteWorkflow? = commitWorkflow { true } else { false }
        let definition = try parsed(workflow)
        let existing = try await storeCall { try await self.store.subscriptions(workflow: workflow.name) }.filter(\.isActive)
        let plan = subscriptions.plan(workflow, definition: definition, deleting: deleting, existing: existing, sendNow: sendNow)
        let ticks = try await recurrencePlan(workflow, definition: definition, deleting: deleting)
        try await storeCall { try await self.store.commit((commitWorkflow.map { [$0] } ?? []) + plan.mutations + ticks) }
        await publishToView(commitWorkflow, definition: definition)
        guard sendNow else {
            worker.wake()
            return plan.results
        }
        let results = await subscriptions.carryOut(plan)
        worker.wake()
        return results
    }

    /// Brings the in-memory view of the apps in line with a workflow change just committed.
    func publishToView(_ change: StoreMutation?, definition: WorkflowDefinition) async {
        switch change {
        case .putWorkflow(let workflow, _)?:
            let plan = cachedPlan(workflow: workflow.name, version: workflow.version) { RunPlan(definition: definition) }
            await apps.put(AppView.App(workflow: workflow, plan: plan))
        case .deleteWorkflow(let name)?:
            await apps.remove(name)
        default:
            break
        }
    }
}
