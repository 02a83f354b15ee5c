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
                                              callbackURL: environment.callbackURL(environment.key(step)), baseContext: environment.context)
        let (subscribe, unsubscribe): (WebhookRequestResolver.Resolved, WebhookRequestResolver.Resolved?)
        do { (subscribe, unsubscribe) = try resolve(step, with: resolver) } catch {
            environment.fail(&record, code: "InvalidTemplate", message: error.message)
            return StepStart(record: record)
        }
        record.unsubscribeRequest = unsubscribe?.request
        record.subscriptionID = trackingID
        record.callbackBase = environment.callbackBase
        record.inputs = Self.recordedInputs(subscribe: subscribe, unsubscribe: unsubscribe, of: step, in: environment)
        var mutations: [StoreMutation] = [.deleteTimers(runID: environment.run.id, actionName: environment.key(step))]
        if let timeout = step.timeout.flatMap(ISO8601Duration.init) {
            mutations.append(.putTimer(StoredTimer(kind: .actionTimeout, workflowName: environment.run.workflowName, runID: environment.run.id,
                                                   actionName: environment.key(step), dueAt: record.startTime.addingTimeInterval(timeout.totalSeconds))))
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
                                              callbackURL: environment.callbackURL(environment.key(step)), baseContext: environment.context)
        // Resolved once already; what changed is only the URL, so a failure does not happen here.
        guard let (subscribe, unsubscribe) = try? resolve(step, with: resolver) else { return nil }
        var record = current
        record.status = .running
        record.subscriptionID = trackingID
        record.unsubscribeRequest = unsubscribe?.request
        record.callbackBase = environment.callbackBase
        record.inputs = Self.recordedInputs(subscribe: subscribe, unsubscribe: unsubscribe, of: step, in: environment)
        var owed: [StoreMutation] = []
        if let old = current.unsubscribeRequest {
            owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: current.subscriptionID ?? "", workflowName: workflowName,
                                             operationName: current.key, request: old, nextAttemptAt: environment.now, createdAt: environment.now)))
        }
        return StepStart(record: record, mutations: owed, effect: .subscribe(step: step, request: subscribe.request))
    }

    /// The subscribe request and the unsubscribe one, when the step has one to call.
    private static func resolve(_ step: Step, with resolver: WebhookRequestResolver) throws(WebhookRequestResolver.ResolutionError)
        -> (WebhookRequestResolver.Resolved, WebhookRequestResolver.Resolved?) {
        (try resolver.resolveHidingSecrets("subscribe", of: step), try resolver.resolveUnsubscribeHidingSecrets(of: step))
    }

    /// `{"subscribe", "unsubscribe"}` as run history shows them (no unsubscribe when there is none to call).
    private static func recordedInputs(subscribe: WebhookRequestResolver.Resolved, unsubscribe: WebhookRequestResolver.Resolved?, of step: Step,
                                       in environment: StepEnvironment) -> JSONValue? {
        var inputs: JSONObject = ["subscribe": subscribe.recordable]
        if let unsubscribe { inputs["unsubscribe"] = unsubscribe.recordable }
        return environment.masker.inputs(.object(inputs), of: step)
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
            var owed: [StoreMutation] = [.deleteTimers(runID: record.runID, actionName: record.key)]
            if error.mayHaveBeenDelivered, let unsubscribe = record.unsubscribeRequest {
                owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: record.subscriptionID ?? "", workflowName: workflowName,
                                                operationName: record.key, request: unsubscribe, nextAttemptAt: now, createdAt: now)))
            }
            return (record, owed)
        }
    }
}
