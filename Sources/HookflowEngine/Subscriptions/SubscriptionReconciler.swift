import Foundation
import HookflowModel
import Logging
import Synchronization

/// Keeps webhook triggers' subscriptions in step with what was saved (SPEC §1 and §3).
///
/// A save, toggle, key change or delete first *plans* (``plan(_:definition:deleting:existing:sendNow:)``):
/// the subscriptions to make and the unsubscribes owed, committed in the same transaction as
/// the change itself. Then ``carryOut(_:)`` makes one attempt per call — unsubscribes first,
/// then subscribes, each group at once — in a task of its own, and waits for their answers at
/// most ``EngineConfiguration/subscriptionWait``: nothing waits on a service. What has no answer
/// by then is reported `Subscribing`/`Unsubscribing`; its outcome is written when it comes and
/// published as a `subscriptionChanged` event. A failed subscribe is tried again, one attempt at
/// a time, when its next time comes (the request's retry policy first, then the engine's back-off).
final class SubscriptionReconciler: Sendable {
    /// What a change means for its app's subscriptions: the rows to write with the change, the
    /// calls to make once it is durable, and the outcomes known without a call.
    struct Plan: Sendable {
        var mutations: [StoreMutation] = []
        var subscribes: [Attempt] = []
        /// Subscriptions whose unsubscribe is queued by this plan (sent first).
        var owed: [StoredSubscription] = []
        var results: [SubscriptionResult] = []
        /// The triggers in definition order (results are listed that way).
        var triggerOrder: [String] = []
    }

    /// One subscribe call to make.
    struct Attempt: Sendable {
        var subscription: StoredSubscription
        var request: OutboundRequest
        var masker: SecretMasker
    }

    private let store: any EngineStore
    private let http: OutboundHTTPClient
    private let outbox: OutboxSender
    private let configuration: EngineConfiguration
    private let events: EngineEventHub
    private let logger: Logger
    private let baseURL: @Sendable () -> String
    /// A save's calls, and background retries keyed by subscription id (never two at once).
    private let calls = OwnedTasks()

    init(store: any EngineStore, http: OutboundHTTPClient, outbox: OutboxSender, configuration: EngineConfiguration, events: EngineEventHub,
         logger: Logger, baseURL: @escaping @Sendable () -> String) {
        self.store = store
        self.http = http
        self.outbox = outbox
        self.configuration = configuration
        self.events = events
        self.logger = logger
        self.baseURL = baseURL
    }

    // MARK: Planning

    /// What bringing `workflow`'s subscriptions in line with its definition and state takes.
    /// `existing` are its live subscriptions. With `sendNow` false (start-up) the calls are left
    /// to the background, due at once.
    func plan(_ workflow: StoredWorkflow, definition: WorkflowDefinition, deleting: Bool, existing: [StoredSubscription], sendNow: Bool) -> Plan {
        let now = configuration.now()
        let wanted = workflow.state == .enabled && !deleting ? definition.triggers.filter { $0.kind == .httpWebhook } : []
        let base = baseURL()
        // While a save's attempt is under way, its row is not due for the background.
        let due = sendNow ? now.addingTimeInterval(configuration.requestTimeout + 30) : now
        let masker = SecretMasker(definition: definition)
        var plan = Plan(triggerOrder: definition.triggers.map(\.name))
        var retired: [StoredSubscription] = []

        for trigger in wanted {
            let fingerprint = SubscriptionFingerprint.of(trigger: trigger, definition: definition, accessKeyVersion: workflow.accessKeyVersion, baseURL: base)
            let current = existing.first { $0.triggerName == trigger.name }
            if let current, current.fingerprint == fingerprint, current.status == .subscribed {
                plan.results.append(SubscriptionResult(trigger: trigger.name, outcome: .unchanged))
                continue
            }
            if let current, current.fingerprint != fingerprint { retired.append(current) }
            // A failed or unanswered subscription with the same inputs is tried again now, under its own id.
            let reuse = current.flatMap { $0.fingerprint == fingerprint ? $0 : nil }
            var subscription = StoredSubscription(
                id: reuse?.id ?? UUID().uuidString.lowercased(), workflowName: workflow.name, triggerName: trigger.name,
                workflowVersion: workflow.version, status: .subscribing, fingerprint: fingerprint,
                callbackURL: CallbackSigner.url(base: base, target: .trigger(workflow: workflow.name, trigger: trigger.name), key: workflow.accessKey),
                mayExistRemotely: reuse?.mayExistRemotely ?? false, lastError: reuse?.lastError, attempts: reuse?.attempts ?? 0, nextAttemptAt: due,
                createdAt: reuse?.createdAt ?? now, updatedAt: now)
            switch resolveRequests(for: trigger, subscription: subscription, workflow: workflow, definition: definition, base: base) {
            case .success(let (subscribe, unsubscribe)):
                subscription.unsubscribeRequest = unsubscribe
                plan.subscribes.append(Attempt(subscription: subscription, request: subscribe, masker: masker))
            case .failure(let failure):
                // The inputs cannot be turned into a request: trying again will not help until the app is saved again.
                subscription.status = .subscribeFailed
                subscription.lastError = SubscriptionError(statusCode: nil, message: masker.maskText(failure.message))
                subscription.nextAttemptAt = nil
                plan.results.append(SubscriptionResult(trigger: trigger.name, outcome: .failed, error: subscription.lastError))
            }
            plan.mutations.append(.putSubscription(subscription))
        }
        let wantedNames = Set(wanted.map(\.name))
        retired += existing.filter { !wantedNames.contains($0.triggerName) }

        for var subscription in retired {
            // Subscribing: an attempt may be under way and reach the service; its outcome, when
            // written, finds the row retired and owes the unsubscribe then (``record(_:)``).
            if subscription.mayExistRemotely, let request = subscription.unsubscribeRequest {
                subscription.status = .unsubscribing
                subscription.updatedAt = now
                plan.mutations.append(.putSubscription(subscription))
                plan.mutations.append(.enqueue(OutboxEntry(
                    kind: .unsubscribe, subscriptionID: subscription.id, workflowName: subscription.workflowName,
                    operationName: subscription.triggerName, request: request, nextAttemptAt: due, createdAt: now)))
                plan.owed.append(subscription)
            } else {
                // The service never accepted it: there is nothing to unsubscribe.
                plan.mutations.append(.deleteSubscription(subscription.id))
                if !wantedNames.contains(subscription.triggerName) {
                    plan.results.append(SubscriptionResult(trigger: subscription.triggerName, outcome: .unsubscribed))
                }
            }
        }
        return plan
    }

    // MARK: Calls after the commit

    /// Makes the plan's calls (committed already) in a task of its own and waits for their
    /// answers at most ``EngineConfiguration/subscriptionWait``; calls still under way then are
    /// reported as such and go on (their outcome arrives as an event).
    func carryOut(_ plan: Plan) async -> [SubscriptionResult] {
        guard !plan.subscribes.isEmpty || !plan.owed.isEmpty else { return Self.ordered(plan.results, triggers: plan.triggerOrder) }
        let answered = Mutex<[SubscriptionResult]>([])
        let (done, finish) = AsyncStream<Void>.makeStream()
        let started = calls.start("save-\(UUID().uuidString)") { [self] in
            // Unsubscribe the old subscriptions first, then subscribe the new ones.
            await withTaskGroup(of: SubscriptionResult?.self) { group in
                for subscription in plan.owed {
                    group.addTask {
                        guard let entries = try? await self.store.outbox(subscriptionID: subscription.id) else { return nil }
                        var last: SubscriptionResult?
                        for entry in entries { last = await self.outbox.sendNow(entry) }
                        return last
                    }
                }
                for await result in group { if let result { answered.withLock { $0.append(result) } } }
            }
            await withTaskGroup(of: SubscriptionResult?.self) { group in
                for attempt in plan.subscribes {
                    group.addTask {
                        guard self.calls.claim(attempt.subscription.id) else { return nil }
                        defer { self.calls.release(attempt.subscription.id) }
                        return await self.subscribe(attempt)
                    }
                }
                for await result in group { if let result { answered.withLock { $0.append(result) } } }
            }
            finish.finish()
        }
        if started {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { for await _ in done {} }
                group.addTask { try? await Task.sleep(nanoseconds: UInt64(max(0, self.configuration.subscriptionWait) * 1_000_000_000)) }
                await group.next()
                group.cancelAll()
            }
        }
        var results = plan.results + answered.withLock { $0 }
        // A changed trigger has both an unsubscribe (old subscription) and a subscribe (new
        // one) under way: one answered must not hide the other still pending.
        let subscribed = Set(results.filter { !$0.outcome.isUnsubscribe }.map(\.trigger))
        let unsubscribed = Set(results.filter(\.outcome.isUnsubscribe).map(\.trigger))
        for attempt in plan.subscribes where !subscribed.contains(attempt.subscription.triggerName) {
            results.append(SubscriptionResult(trigger: attempt.subscription.triggerName, outcome: .subscribing))
        }
        for subscription in plan.owed where !unsubscribed.contains(subscription.triggerName) {
            results.append(SubscriptionResult(trigger: subscription.triggerName, outcome: .unsubscribing))
        }
        return Self.ordered(results, triggers: plan.triggerOrder)
    }

    /// One subscribe attempt and its outcome written back (unless a change retired the
    /// subscription meanwhile), published as an event. What is recorded and logged of a failure
    /// names none of the definition's secrets.
    private func subscribe(_ attempt: Attempt) async -> SubscriptionResult {
        var subscription = attempt.subscription
        let trigger = subscription.triggerName
        subscription.attempts += 1
        let result: SubscriptionResult
        var reached = false
        do {
            _ = try await http.attempt(attempt.request, timeout: configuration.requestTimeout)
            let now = configuration.now()
            subscription.status = .subscribed
            subscription.mayExistRemotely = true
            subscription.lastError = nil
            subscription.nextAttemptAt = nil
            subscription.attempts = 0
            subscription.updatedAt = now
            reached = true
            result = SubscriptionResult(trigger: trigger, outcome: .subscribed)
            logger.info("subscribed \(subscription.workflowName)/\(trigger)")
        } catch {
            let now = configuration.now()
            let reason = error.error.hiding(attempt.masker.values)
            reached = error.mayHaveBeenDelivered && error.response == nil
            subscription.mayExistRemotely = subscription.mayExistRemotely || reached
            subscription.updatedAt = now
            if Task.isCancelled {
                // The engine is stopping: still owed, due at once on the next start.
                subscription.attempts -= 1
                subscription.status = .subscribing
                subscription.nextAttemptAt = now
                result = SubscriptionResult(trigger: trigger, outcome: .subscribing)
            } else {
                subscription.status = .subscribeFailed
                subscription.lastError = reason
                // Keep trying (the service may come back, or start accepting) unless the request itself is unusable.
                let keepTrying = error.isRetriable || error.response != nil
                subscription.nextAttemptAt = keepTrying ? now.addingTimeInterval(nextDelay(after: subscription.attempts, of: attempt.request, failure: error)) : nil
                result = SubscriptionResult(trigger: trigger, outcome: .failed, error: reason)
                logger.warning("subscribe \(subscription.workflowName)/\(trigger) failed: \(reason)")
            }
        }
        await record(subscription, mayBeHeld: reached)
        return result
    }

    /// Writes an attempt's outcome if its subscription is still the live one for the same
    /// inputs; else, when the service may hold it now, owes its unsubscribe.
    private func record(_ subscription: StoredSubscription, mayBeHeld: Bool) async {
        do {
            let written = try await store.commit([.putSubscription(subscription)], if: [
                .subscription(id: subscription.id, fingerprint: subscription.fingerprint, in: [.subscribing, .subscribeFailed]),
            ])
            if written {
                events.publish(EngineEvent(kind: .subscriptionChanged, workflow: subscription.workflowName, trigger: subscription.triggerName,
                                           status: subscription.status.rawValue, error: subscription.lastError,
                                           nextAttemptTime: subscription.status == .subscribeFailed ? subscription.nextAttemptAt.map(Timestamps.format) : nil))
                return
            }
            guard mayBeHeld || subscription.status == .subscribed, let request = subscription.unsubscribeRequest else { return }
            var retired = subscription
            retired.status = .unsubscribing
            retired.nextAttemptAt = nil
            let now = configuration.now()
            let owed = try await store.commit([
                .putSubscription(retired),
                .enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: retired.id, workflowName: retired.workflowName, operationName: retired.triggerName,
                                     request: request, nextAttemptAt: now, createdAt: now)),
            ], if: [.noOutbox(subscriptionID: retired.id)])
            if owed {
                logger.info("\(retired.workflowName)/\(retired.triggerName) changed while its subscribe call was under way: it is unsubscribed")
                events.publish(EngineEvent(kind: .subscriptionChanged, workflow: retired.workflowName, trigger: retired.triggerName,
                                           status: SubscriptionStatus.unsubscribing.rawValue))
            }
        } catch {
            logger.error("subscribe \(subscription.workflowName)/\(subscription.triggerName): its outcome could not be written (it is tried again): \(error)")
        }
    }

    /// The wait before the next attempt: the request's retry policy while it has retries left
    /// (for answers it retries), then the engine's back-off.
    private func nextDelay(after attempts: Int, of request: OutboundRequest, failure: OutboundFailure) -> TimeInterval {
        let policy = RetrySchedule(policy: request.retryPolicy).delays
        if failure.isRetriable, attempts <= policy.count { return policy[attempts - 1] }
        return configuration.subscribeBackoff.delay(afterAttempt: max(1, attempts - (failure.isRetriable ? policy.count : 0)))
    }

    // MARK: Background

    /// Starts an attempt for every subscribe that is due and not under way; re-reads the app
    /// first (a save or a toggle may have changed it since the row was written).
    func retryDue() async throws {
        // Leased for one attempt's length: another node sharing the database leaves it to this one.
        for due in try await store.claimDueSubscribes(now: configuration.now(), lease: configuration.requestTimeout + 30) where !calls.isBusy(due.id) {
            calls.start(due.id) { [self] in await self.retry(due) }
        }
    }

    private func retry(_ due: StoredSubscription) async {
        do {
            guard let workflow = try await store.workflow(named: due.workflowName), workflow.state == .enabled else { return }
            let definition = try workflow.definition()
            guard let trigger = definition.triggers.first(where: { $0.name == due.triggerName }),
                SubscriptionFingerprint.of(trigger: trigger, definition: definition, accessKeyVersion: workflow.accessKeyVersion, baseURL: baseURL())
                    == due.fingerprint
            else { return }  // Changed since: the change planned its own subscription.
            let masker = SecretMasker(definition: definition)
            var subscription = due
            switch resolveRequests(for: trigger, subscription: due, workflow: workflow, definition: definition, base: baseURL()) {
            case .success(let (subscribe, unsubscribe)):
                subscription.unsubscribeRequest = unsubscribe
                // Under way: shown as Subscribing, and not due again while the attempt lasts.
                subscription.status = .subscribing
                subscription.nextAttemptAt = configuration.now().addingTimeInterval(configuration.requestTimeout + 30)
                guard try await store.commit([.putSubscription(subscription)], if: [
                    .subscription(id: due.id, fingerprint: due.fingerprint, in: [.subscribing, .subscribeFailed]),
                ]) else { return }
                _ = await self.subscribe(Attempt(subscription: subscription, request: subscribe, masker: masker))
            case .failure(let failure):
                subscription.status = .subscribeFailed
                subscription.lastError = SubscriptionError(statusCode: nil, message: masker.maskText(failure.message))
                subscription.nextAttemptAt = nil
                await record(subscription, mayBeHeld: false)
            }
        } catch {
            logger.error("retrying the subscribe of \(due.workflowName)/\(due.triggerName) failed: \(error)")
        }
    }

    /// Cancels the calls under way and waits for them: each is written back as still owed.
    func stop() async { await calls.stop() }

    // MARK: Helpers

    private func resolveRequests(for trigger: Step, subscription: StoredSubscription, workflow: StoredWorkflow, definition: WorkflowDefinition,
                                 base: String) -> Result<(OutboundRequest, OutboundRequest?), WebhookRequestResolver.ResolutionError> {
        let resolver = WebhookRequestResolver(
            workflowName: workflow.name, operationName: trigger.name, trackingID: subscription.id, callbackURL: subscription.callbackURL,
            baseContext: .forWorkflow(workflow.name, definition: definition, baseURL: base))
        do {
            return .success((try resolver.resolve("subscribe", of: trigger), try resolver.resolveUnsubscribe(of: trigger)))
        } catch {
            return .failure(error)
        }
    }

    /// Results in trigger order (removed triggers last), so output reads like the definition.
    static func ordered(_ results: [SubscriptionResult], triggers: [String]) -> [SubscriptionResult] {
        let rank = Dictionary(triggers.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return results.enumerated().sorted { (rank[$0.element.trigger] ?? Int.max, $0.offset) < (rank[$1.element.trigger] ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
