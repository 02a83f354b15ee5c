import Foundation
import HookflowModel

/// `HttpWebhook` action: its subscribe and unsubscribe requests are resolved when it starts
/// (`listCallbackUrl()` is its own signed URL) and recorded with its timeout before the service
/// hears of it; after the subscribe call it waits for its callback (``Engine/completeAction``).
/// A start after a crash keeps the subscription id, so the service sees the same callback URL.
enum WebhookStep {
    static func start(_ step: Step, previous: StoredAction?, workflowName: String, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        let trackingID = previous?.subscriptionID ?? UUID().uuidString.lowercased()
        let resolver = WebhookRequestResolver(workflowName: workflowName, operationName: step.name, trackingID: trackingID,
                                              callbackURL: environment.callbackURL(step.name), baseContext: environment.context)
        let subscribe: WebhookRequestResolver.Resolved
        let unsubscribe: WebhookRequestResolver.Resolved
        do {
            subscribe = try resolver.resolveHidingSecrets("subscribe", of: step)
            unsubscribe = try resolver.resolveHidingSecrets("unsubscribe", of: step)
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: error.message)
            return StepStart(record: record)
        }
        record.unsubscribeRequest = unsubscribe.request
        record.subscriptionID = trackingID
        record.callbackBase = environment.callbackBase
        record.inputs = environment.masker.inputs(["subscribe": subscribe.recordable, "unsubscribe": unsubscribe.recordable], of: step)
        var mutations: [StoreMutation] = [.deleteTimers(runID: environment.run.id, actionName: step.name)]
        if let timeout = step.timeout.flatMap(ISO8601Duration.init) {
            mutations.append(.putTimer(StoredTimer(kind: .actionTimeout, workflowName: environment.run.workflowName, runID: environment.run.id,
                                                   actionName: step.name, dueAt: record.startTime.addingTimeInterval(timeout.totalSeconds))))
        }
        return StepStart(record: record, mutations: mutations, effect: .subscribe(step: step, request: subscribe.request))
    }

    /// A waiting action whose callback URL was made on another base URL (the engine moved):
    /// its inputs are resolved again with the new URL (`listCallbackUrl()`) under a new
    /// subscription id, the old subscription's unsubscribe is owed, and the subscribe call made
    /// again; the action keeps its start time and its timeout.
    static func rebase(_ step: Step, current: StoredAction, workflowName: String, in environment: StepEnvironment) -> StepStart? {
        let trackingID = UUID().uuidString.lowercased()
        let resolver = WebhookRequestResolver(workflowName: workflowName, operationName: step.name, trackingID: trackingID,
                                              callbackURL: environment.callbackURL(step.name), baseContext: environment.context)
        guard let subscribe = try? resolver.resolveHidingSecrets("subscribe", of: step),
            let unsubscribe = try? resolver.resolveHidingSecrets("unsubscribe", of: step)
        else { return nil }  // Resolved once already; what changed is only the URL, so this does not happen.
        var record = current
        record.status = .running
        record.subscriptionID = trackingID
        record.unsubscribeRequest = unsubscribe.request
        record.callbackBase = environment.callbackBase
        record.inputs = environment.masker.inputs(["subscribe": subscribe.recordable, "unsubscribe": unsubscribe.recordable], of: step)
        var owed: [StoreMutation] = []
        if let old = current.unsubscribeRequest {
            owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: current.subscriptionID ?? "", workflowName: workflowName,
                                             operationName: step.name, request: old, nextAttemptAt: environment.now, createdAt: environment.now)))
        }
        return StepStart(record: record, mutations: owed, effect: .subscribe(step: step, request: subscribe.request))
    }

    /// Sends the subscribe call; returns the record after it (`Waiting`, or `Failed`) and what is
    /// owed with it (on failure: no timeout, and an unsubscribe when the call may have arrived).
    static func perform(_ step: Step, request: OutboundRequest, record: StoredAction, workflowName: String, client: OutboundHTTPClient,
                        masker: SecretMasker, now clock: @Sendable () -> Date) async -> (StoredAction, [StoreMutation]) {
        var record = record
        do {
            _ = try await client.send(request)
            record.status = .waiting
            return (record, [])
        } catch {
            record.status = .failed
            record.code = error.response.map { HttpStep.statusCode($0.statusCode) } ?? "SubscribeFailed"
            let now = clock()
            record.endTime = now
            record.error = ["code": .string(record.code ?? "SubscribeFailed"), "message": .string(masker.maskText("subscribe failed: \(error.error.description)"))]
            var owed: [StoreMutation] = [.deleteTimers(runID: record.runID, actionName: step.name)]
            if error.mayHaveBeenDelivered, let unsubscribe = record.unsubscribeRequest {
                owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: record.subscriptionID ?? "", workflowName: workflowName,
                                                operationName: step.name, request: unsubscribe, nextAttemptAt: now, createdAt: now)))
            }
            return (record, owed)
        }
    }
}
