import Foundation
import HookflowModel

/// A Request trigger's caller and its run's Response action: registered before the run can reach
/// the Response, answered once the commit that records it is durable.
extension Engine {
    /// Whether the caller of a callback to `trigger` (a Request trigger, or a webhook trigger's
    /// service calling back) waits for a Response instead of hearing `202`.
    func callerWaitsForResponse(plan: RunPlan, trigger: String) -> Bool {
        guard plan.answersWithResponse, let kind = plan.trigger(named: trigger)?.kind else { return false }
        return kind == .request || kind == .httpWebhook
    }

    /// After a commit of `run`'s progress: a Response among the `changed` actions answers the
    /// waiting caller; a run that ended without one tells the caller that.
    func settleResponse(of run: StoredRun, plan: RunPlan, records: [String: StoredAction], changed: [String]) {
        guard plan.answersWithResponse, responses.isExpected(run.id) else { return }
        for name in changed where plan.step(named: name)?.kind == .response {
            guard let record = records[name], record.status == .succeeded, let answer = ResponseStep.answer(from: record) else { continue }
            if responses.settle(run.id, .answered(answer)) { return }
        }
        if run.status.isFinished { responses.settle(run.id, .endedWithoutResponse(run.status)) }
    }

    /// Waits for the answer to the caller of `run` (nil when that caller does not wait for one),
    /// at most ``EngineConfiguration/responseTimeout``. `plan` is the run's: most have no
    /// Response, and their callbacks pass here without a lock.
    func synchronousAnswer(for run: StoredRun, plan: RunPlan) async -> SynchronousResponses.Outcome? {
        guard plan.answersWithResponse, responses.isExpected(run.id) else { return nil }
        let outcome = await responses.wait(run.id, timeout: .milliseconds(Int(configuration.responseTimeout * 1000)))
        if outcome == .timedOut {
            logger.info("run \(run.id) of \(run.workflowName) did not reach its Response within \(configuration.responseTimeout) s: its caller heard 504, the run goes on")
        }
        return outcome
    }
}
