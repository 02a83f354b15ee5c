import Foundation

/// The background's rounds: owed unsubscribes, subscribe retries, due timers and the run
/// duration sweep; each part starts its calls in tasks of its own, so a slow service never
/// holds up the others.
extension Engine {
    /// One round; returns seconds until the next one is needed (a commit that creates work wakes it sooner).
    func runDueWork() async -> TimeInterval {
        let now = configuration.now()
        do {
            let moreOutbox = try await outbox.sendDue()
            try await subscriptions.retryDue()
            for timer in try await store.claimDueTimers(now: now, limit: 500, lease: workLease) {
                do { try await fire(timer) } catch {
                    if !Task.isCancelled { logger.error("timer \(timer.kind.rawValue) of run \(timer.runID) failed: \(error)") }
                }
            }
            do { try await fireDueRecurrences(now: now) } catch {
                if !Task.isCancelled { logger.error("the Recurrence triggers' round failed: \(error)") }
            }
            do { try await sweepRunsPastTheirLimit(now: now) } catch {
                if !Task.isCancelled { logger.error("the run duration sweep failed: \(error)") }
            }
            if moreOutbox { return 0 }
            let oldest = try await store.oldestOpenRunStart().map { $0.addingTimeInterval(configuration.runDurationLimit) }
            let next = [try await store.nextDueTime(after: now), oldest].compactMap { $0 }.min()
            return max(0.02, min(next.map { $0.timeIntervalSince(configuration.now()) } ?? configuration.pollInterval, configuration.pollInterval))
        } catch {
            if !Task.isCancelled { logger.error("background work failed: \(error)") }
            return configuration.pollInterval
        }
    }

    /// How long a claimed timer stays this node's before another may fire it: the run lease where
    /// nodes share a database (a node that died with a claimed timer holds it no longer than its
    /// runs), 30 s otherwise (one process: nobody else looks).
    var workLease: TimeInterval { (store as? PostgresStore)?.runLease ?? 30 }
}
