import Foundation

/// Seeing every subscription, and dropping one whose unsubscribe will never succeed.
extension Engine {
    /// Every subscription the engine knows, optionally only those with one status (`Orphaned`).
    public func subscriptions(status: SubscriptionStatus? = nil) async throws(EngineError) -> [SubscriptionSummary] {
        let all = try await storeCall { try await self.store.subscriptions(workflow: nil) }
        return all.filter { status == nil || $0.status == status }.map {
            SubscriptionSummary(id: $0.id, workflowName: $0.workflowName, triggerName: $0.triggerName, status: $0.status, error: $0.lastError,
                                attempts: $0.attempts, updatedTime: Timestamps.format($0.updatedAt))
        }
    }

    /// Forgets a subscription whose unsubscribe keeps failing (the service is gone for good):
    /// its outbox entries are removed and nothing more is sent. Live subscriptions are refused;
    /// disable or delete the app instead.
    public func dropSubscription(id: String) async throws(EngineError) -> SubscriptionSummary {
        guard let subscription = try await storeCall({ try await self.store.subscription(id: id) }) else {
            throw .notFound(code: "SubscriptionNotFound", message: "there is no subscription \"\(id)\"; `hookflow subscriptions` lists them")
        }
        guard subscription.status == .orphaned || subscription.status == .unsubscribing else {
            throw .conflict(code: "SubscriptionActive", message: "subscription \(id) of \(subscription.workflowName)/\(subscription.triggerName) is \(subscription.status.rawValue); only orphaned or unsubscribing ones can be dropped (disable or delete the app to unsubscribe)")
        }
        let entries = try await storeCall { try await self.store.outbox(subscriptionID: id) }
        try await commit(entries.compactMap(\.id).map(StoreMutation.deleteOutbox) + [.deleteSubscription(id)])
        logger.notice("dropped subscription \(id) of \(subscription.workflowName)/\(subscription.triggerName) without unsubscribing")
        return SubscriptionSummary(id: id, workflowName: subscription.workflowName, triggerName: subscription.triggerName, status: subscription.status,
                                   error: subscription.lastError, attempts: subscription.attempts, updatedTime: Timestamps.format(configuration.now()))
    }
}
