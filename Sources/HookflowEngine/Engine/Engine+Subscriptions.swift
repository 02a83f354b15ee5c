import Foundation
import HookflowModel

/// Keeping webhook subscriptions in step with what was saved (SPEC §1 and §3).
extension Engine {
    /// How long an inline call owns its work before the background worker may take it over
    /// (only matters when the process dies in between).
    static let inlineLease: TimeInterval = 60

    /// Brings a workflow's subscriptions in line with its definition and state.
    ///
    /// The plan (new subscriptions, unsubscribe calls owed) is committed in one transaction
    /// together with `commitWorkflow` (the save, toggle or delete that caused it); only then are
    /// calls made: unsubscribes first, then subscribes. With `sendNow` false (start-up) the calls
    /// are left to the background worker.
    func reconcile(_ workflow: StoredWorkflow, previousState: WorkflowState?, commitWorkflow: StoreMutation? = nil,
                   sendNow: Bool = true) async throws(EngineError) -> [SubscriptionResult] {
        let now = Date()
        let deleting: Bool = if case .deleteWorkflow? = commitWorkflow { true } else { false }
        let definition = try parsed(workflow)
        let existing = try await storeCall { try await self.store.subscriptions(workflow: workflow.name) }.filter(\.isActive)
        let wanted = workflow.state == .enabled && !deleting ? definition.triggers.filter { $0.kind == .httpWebhook } : []
        let base = baseURL
        let inlineDue = sendNow ? now.addingTimeInterval(Self.inlineLease) : now

        var mutations: [StoreMutation] = commitWorkflow.map { [$0] } ?? []
        var toSubscribe: [(StoredSubscription, OutboundRequest)] = []
        var retired: [StoredSubscription] = []
        var results: [SubscriptionResult] = []

        for trigger in wanted {
            let fingerprint = SubscriptionFingerprint.of(trigger: trigger, definition: definition, accessKeyVersion: workflow.accessKeyVersion, baseURL: base)
            let current = existing.first { $0.triggerName == trigger.name }
            if let current, current.fingerprint == fingerprint, current.status == .subscribed {
                results.append(SubscriptionResult(trigger: trigger.name, outcome: .unchanged))
                continue
            }
            if let current, current.fingerprint != fingerprint { retired.append(current) }
            // A failed or pending subscription with the same inputs is tried again now, under its own id.
            let reuse = current.flatMap { $0.fingerprint == fingerprint ? $0 : nil }
            var subscription = StoredSubscription(
                id: reuse?.id ?? UUID().uuidString.lowercased(), workflowName: workflow.name, triggerName: trigger.name,
                workflowVersion: workflow.version, status: .pending, fingerprint: fingerprint,
                callbackURL: CallbackSigner.url(base: base, target: .trigger(workflow: workflow.name, trigger: trigger.name), key: workflow.accessKey),
                mayExistRemotely: reuse?.mayExistRemotely ?? false, attempts: reuse?.attempts ?? 0, nextAttemptAt: inlineDue,
                createdAt: reuse?.createdAt ?? now, updatedAt: now)
            switch resolveRequests(for: trigger, subscription: subscription, workflow: workflow, definition: definition) {
            case .success(let (subscribe, unsubscribe)):
                subscription.unsubscribeRequest = unsubscribe
                toSubscribe.append((subscription, subscribe))
            case .failure(let failure):
                // The inputs cannot be turned into a request: retrying will not help until the app is saved again.
                subscription.status = .subscribeFailed
                subscription.lastError = SubscriptionError(statusCode: nil, message: SecretMasker(definition: definition).maskText(failure.message))
                subscription.nextAttemptAt = nil
                results.append(SubscriptionResult(trigger: trigger.name, outcome: .failed, error: subscription.lastError))
            }
            mutations.append(.putSubscription(subscription))
        }
        let wantedNames = Set(wanted.map(\.name))
        retired += existing.filter { !wantedNames.contains($0.triggerName) }

        var owed: [StoredSubscription] = []
        for var subscription in retired {
            if subscription.mayExistRemotely, let request = subscription.unsubscribeRequest {
                subscription.status = .unsubscribing
                subscription.updatedAt = now
                mutations.append(.putSubscription(subscription))
                mutations.append(.enqueue(OutboxEntry(
                    kind: .unsubscribe, subscriptionID: subscription.id, workflowName: subscription.workflowName,
                    operationName: subscription.triggerName, request: request, nextAttemptAt: inlineDue, createdAt: now)))
                owed.append(subscription)
            } else {
                // The service never accepted it: there is nothing to unsubscribe.
                mutations.append(.deleteSubscription(subscription.id))
                if !wantedNames.contains(subscription.triggerName) {
                    results.append(SubscriptionResult(trigger: subscription.triggerName, outcome: .unsubscribed))
                }
            }
        }
        try await storeCall { try await self.store.commit(mutations) }
        await publishToView(commitWorkflow, definition: definition)

        guard sendNow else {
            worker.wake()
            return results
        }
        // Unsubscribe the old subscriptions first, then subscribe the new ones.
        for subscription in owed {
            for entry in try await storeCall({ try await self.store.outbox(subscriptionID: subscription.id) }) {
                results.append(try await deliver(entry))
            }
        }
        for (subscription, request) in toSubscribe {
            results.append(try await attemptSubscribe(subscription, request: request, masker: SecretMasker(definition: definition)))
        }
        worker.wake()
        return Self.ordered(results, triggers: definition.triggers.map(\.name))
    }

    /// One subscribe call and its outcome written back.
    /// What is recorded and logged of a failure names none of the definition's secrets (`masker`).
    func attemptSubscribe(_ subscription: StoredSubscription, request: OutboundRequest, masker: SecretMasker) async throws(EngineError) -> SubscriptionResult {
        var subscription = subscription
        let now = Date()
        subscription.attempts += 1
        subscription.updatedAt = now
        let result: SubscriptionResult
        do {
            _ = try await http.send(request)
            subscription.status = .subscribed
            subscription.mayExistRemotely = true
            subscription.lastError = nil
            subscription.nextAttemptAt = nil
            subscription.attempts = 0
            result = SubscriptionResult(trigger: subscription.triggerName, outcome: .subscribed)
            logger.info("subscribed \(subscription.workflowName)/\(subscription.triggerName)")
        } catch {
            let reason = error.error.hiding(masker.values)
            subscription.status = .subscribeFailed
            subscription.lastError = reason
            subscription.mayExistRemotely = subscription.mayExistRemotely || error.mayHaveBeenDelivered && error.response == nil
            // Keep trying (the service may come back, or start accepting) unless the request itself is unusable.
            let keepTrying = error.isRetriable || error.response != nil
            subscription.nextAttemptAt = keepTrying ? now.addingTimeInterval(configuration.subscribeBackoff.delay(afterAttempt: subscription.attempts)) : nil
            result = SubscriptionResult(trigger: subscription.triggerName, outcome: .failed, error: reason)
            logger.warning("subscribe \(subscription.workflowName)/\(subscription.triggerName) failed: \(reason)")
        }
        try await storeCall { try await self.store.commit([.putSubscription(subscription)]) }
        return result
    }

    /// Sends one owed unsubscribe call; on failure it stays in the outbox with back-off and, after
    /// enough attempts, the subscription shows as `Orphaned`.
    func deliver(_ entry: OutboxEntry) async throws(EngineError) -> SubscriptionResult {
        guard let id = entry.id else { return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribeQueued) }
        var request = entry.request
        request.retryPolicy = RetryPolicy(kind: .none)  // the outbox's own back-off does the retrying
        let now = Date()
        let failure: OutboundFailure
        do {
            _ = try await http.send(request)
            try await storeCall { try await self.store.commit([.deleteOutbox(id), .deleteSubscription(entry.subscriptionID)]) }
            logger.info("unsubscribed \(entry.workflowName)/\(entry.operationName)")
            return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribed)
        } catch let error as OutboundFailure {
            failure = error
        } catch let error as EngineError {
            throw error
        } catch {
            throw .internalError(message: "\(error)")
        }
        if let status = failure.response?.statusCode, status == 404 || status == 410 {
            // The service no longer knows the subscription: that is what unsubscribing wanted.
            try await storeCall { try await self.store.commit([.deleteOutbox(id), .deleteSubscription(entry.subscriptionID)]) }
            return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribed)
        }
        var updated = entry
        updated.attempts += 1
        updated.lastError = failure.error
        updated.nextAttemptAt = now.addingTimeInterval(configuration.outboxBackoff.delay(afterAttempt: updated.attempts))
        let status: SubscriptionStatus = updated.attempts >= configuration.orphanAfterAttempts ? .orphaned : .unsubscribing
        try await storeCall {
            try await self.store.commit([
                .updateOutbox(updated), .updateSubscriptionStatus(id: entry.subscriptionID, status: status, error: failure.error, at: now),
            ])
        }
        logger.warning("unsubscribe \(entry.workflowName)/\(entry.operationName) failed (attempt \(updated.attempts)): \(failure.error)")
        return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribeQueued, error: failure.error)
    }

    /// Background work: owed unsubscribes, then subscribe retries. Returns seconds until the next look.
    func runDueWork() async -> TimeInterval {
        let now = Date()
        do {
            for entry in try await store.claimDueOutbox(now: now, limit: 50, lease: Self.inlineLease) {
                _ = try? await deliver(entry)
            }
            for due in try await store.dueSubscribes(now: now) {
                _ = try? await serial.run(due.workflowName) { () async throws(EngineError) -> Void in
                    try await self.retrySubscribe(due.id)
                }
            }
            for timer in try await store.dueTimers(now: now, limit: 500) {
                do { try await fire(timer) } catch { logger.error("timer \(timer.kind.rawValue) of run \(timer.runID) failed: \(error)") }
            }
            do { try await sweepRunsPastTheirLimit(now: now) } catch { logger.error("the run duration sweep failed: \(error)") }
            let oldest = try await store.oldestOpenRunStart().map { $0.addingTimeInterval(configuration.runDurationLimit) }
            let next = [try await store.nextDueTime(), oldest].compactMap { $0 }.min()
            return max(0.02, min(next.map { $0.timeIntervalSinceNow } ?? configuration.pollInterval, configuration.pollInterval))
        } catch is CancellationError {
            return configuration.pollInterval
        } catch {
            logger.error("background work failed: \(error)")
            return configuration.pollInterval
        }
    }

    /// Retries a due subscribe, re-reading everything: a save or a toggle may have happened since.
    private func retrySubscribe(_ id: String) async throws(EngineError) {
        guard let subscription = try await storeCall({ try await self.store.subscription(id: id) }),
            [.pending, .subscribeFailed].contains(subscription.status),
            (subscription.nextAttemptAt ?? .distantPast) <= Date(),
            let workflow = try await storeCall({ try await self.store.workflow(named: subscription.workflowName) }), workflow.state == .enabled
        else { return }
        let definition = try parsed(workflow)
        guard let trigger = definition.triggers.first(where: { $0.name == subscription.triggerName }) else { return }
        switch resolveRequests(for: trigger, subscription: subscription, workflow: workflow, definition: definition) {
        case .success(let (subscribe, unsubscribe)):
            var updated = subscription
            updated.unsubscribeRequest = unsubscribe
            _ = try await attemptSubscribe(updated, request: subscribe, masker: SecretMasker(definition: definition))
        case .failure(let failure):
            var updated = subscription
            updated.status = .subscribeFailed
            updated.lastError = SubscriptionError(statusCode: nil, message: SecretMasker(definition: definition).maskText(failure.message))
            updated.nextAttemptAt = nil
            try await storeCall { try await self.store.commit([.putSubscription(updated)]) }
        }
    }

    private func resolveRequests(for trigger: Step, subscription: StoredSubscription, workflow: StoredWorkflow, definition: WorkflowDefinition)
        -> Result<(OutboundRequest, OutboundRequest), WebhookRequestResolver.ResolutionError>
    {
        let resolver = WebhookRequestResolver(
            workflowName: workflow.name, operationName: trigger.name, trackingID: subscription.id, callbackURL: subscription.callbackURL,
            baseContext: .forWorkflow(workflow.name, definition: definition, baseURL: baseURL))
        do {
            return .success((try resolver.resolve("subscribe", of: trigger), try resolver.resolve("unsubscribe", of: trigger)))
        } catch {
            return .failure(error)
        }
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

    /// Results in trigger order (removed triggers last), so output reads like the definition.
    static func ordered(_ results: [SubscriptionResult], triggers: [String]) -> [SubscriptionResult] {
        let rank = Dictionary(triggers.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return results.enumerated().sorted { (rank[$0.element.trigger] ?? Int.max, $0.offset) < (rank[$1.element.trigger] ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
