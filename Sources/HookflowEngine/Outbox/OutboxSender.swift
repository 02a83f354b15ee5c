import Foundation
import HookflowModel
import Logging
import Synchronization

/// Sends the calls the engine owes services (unsubscribes of triggers and of webhook actions),
/// as the outbox rows say: each entry is claimed in memory (one node owns a SQLite file, so
/// no lease is written per wake), entries are sent concurrently, one attempt each time one is
/// due; a failure is written back with its next time (back-off) and, after enough attempts,
/// the subscription shows as `Orphaned` — still retried until it succeeds or is dropped.
final class OutboxSender: Sendable {
    /// Most entries taken per look; more due than this makes the background look again at once.
    static let batch = 200

    private let store: any EngineStore
    private let http: OutboundHTTPClient
    private let configuration: EngineConfiguration
    private let events: EngineEventHub
    private let logger: Logger
    private let sending = OwnedTasks()
    /// Entries whose outcome was written (sent and deleted, or failed and rescheduled), by when.
    /// A look at the outbox that began before that write may still list them as due: it must not
    /// send them again. A look that began after it is the truth, and the entry is forgotten here.
    private let settled = Mutex<[Int64: ContinuousClock.Instant]>([:])
    /// Called after each delivery's outcome is written (the background looks at the outbox again).
    private let finished: @Sendable () -> Void

    init(store: any EngineStore, http: OutboundHTTPClient, configuration: EngineConfiguration, events: EngineEventHub, logger: Logger,
         finished: @escaping @Sendable () -> Void) {
        self.store = store
        self.http = http
        self.configuration = configuration
        self.events = events
        self.logger = logger
        self.finished = finished
    }

    /// Starts sending every due entry not already being sent. True when more were due than one
    /// batch (look again at once).
    func sendDue() async throws -> Bool {
        let lookedAt = ContinuousClock.now
        // Those being sent are left out by the store: under load they are most of what is due.
        let sendingNow = Set(sending.busyKeys.compactMap(Self.id(ofKey:)))
        let due = try await store.claimDueOutbox(now: configuration.now(), limit: Self.batch, lease: configuration.requestTimeout + 30,
                                                 skipping: sendingNow)
        let stale = settled.withLock { settled -> Set<Int64> in
            settled = settled.filter { $0.value >= lookedAt }
            return Set(settled.keys)
        }
        for entry in due {
            // Settled while this look was under way: what it read of the entry is out of date.
            guard let id = entry.id, !stale.contains(id) else { continue }
            sending.start(Self.key(id)) { [self] in
                _ = await self.deliver(entry)
                self.finished()
            }
        }
        return due.count == Self.batch
    }

    /// Sends `entry` now unless it is being sent already (then nil: its outcome comes later).
    /// For a save's inline attempt, which runs in its own owned task.
    func sendNow(_ entry: OutboxEntry) async -> SubscriptionResult? {
        guard let id = entry.id, sending.claim(Self.key(id)) else { return nil }
        defer { sending.release(Self.key(id)) }
        return await deliver(entry)
    }

    /// Cancels the calls in flight and waits for them; each stays owed (its row is untouched
    /// or written back as due now).
    func stop() async { await sending.stop() }

    var inFlight: Int { sending.count }

    private static func key(_ id: Int64) -> String { "outbox-\(id)" }
    private static func id(ofKey key: String) -> Int64? { key.hasPrefix("outbox-") ? Int64(key.dropFirst("outbox-".count)) : nil }

    /// Notes that the entry's outcome is written (before its claim is released).
    private func settle(_ id: Int64) {
        let now = ContinuousClock.now
        settled.withLock { $0[id] = now }
    }

    /// One attempt; its outcome written back (delivered: the entry and its subscription go;
    /// failed: the next time, and `Orphaned` after enough attempts).
    private func deliver(_ entry: OutboxEntry) async -> SubscriptionResult {
        guard let id = entry.id else { return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribeQueued) }
        // A trigger's subscription has a row (shown in the app list); a webhook action's has none.
        let subscription = try? await store.subscription(id: entry.subscriptionID)
        let failure: OutboundFailure
        do {
            _ = try await http.attempt(entry.request, timeout: configuration.requestTimeout)
            return await delivered(entry, id: id, isTrigger: subscription != nil)
        } catch {
            failure = error
        }
        if let status = failure.response?.statusCode, status == 404 || status == 410 {
            // The service no longer knows the subscription: that is what unsubscribing wanted.
            return await delivered(entry, id: id, isTrigger: subscription != nil)
        }
        let now = configuration.now()
        var updated = entry
        let stopping = Task.isCancelled
        if !stopping {
            updated.attempts += 1
            updated.lastError = failure.error
        }
        // Cut short by a stop: due again at once on the next start.
        updated.nextAttemptAt = stopping ? now : now.addingTimeInterval(configuration.outboxBackoff.delay(afterAttempt: updated.attempts))
        let status: SubscriptionStatus = updated.attempts >= configuration.orphanAfterAttempts ? .orphaned : .unsubscribing
        var mutations: [StoreMutation] = [.updateOutbox(updated)]
        if subscription != nil, !stopping {
            mutations.append(.updateSubscriptionStatus(id: entry.subscriptionID, status: status, error: failure.error, at: now))
        }
        do { try await store.commit(mutations) } catch {
            logger.error("unsubscribe \(entry.workflowName)/\(entry.operationName): its outcome could not be written (it is sent again): \(error)")
        }
        settle(id)
        if stopping { return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribing) }
        logger.warning("unsubscribe \(entry.workflowName)/\(entry.operationName) failed (attempt \(updated.attempts)): \(failure.error)")
        if subscription != nil {
            events.publish(EngineEvent(kind: .subscriptionChanged, workflow: entry.workflowName, trigger: entry.operationName, status: status.rawValue,
                                       error: failure.error))
        }
        return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribeQueued, error: failure.error)
    }

    private func delivered(_ entry: OutboxEntry, id: Int64, isTrigger: Bool) async -> SubscriptionResult {
        do { try await store.commit([.deleteOutbox(id), .deleteSubscription(entry.subscriptionID)]) } catch {
            // Sent but not recorded: it will be sent once more, which a service treats as done (404 counts as success).
            logger.error("unsubscribe \(entry.workflowName)/\(entry.operationName) was sent but could not be recorded: \(error)")
        }
        settle(id)
        logger.info("unsubscribed \(entry.workflowName)/\(entry.operationName)")
        if isTrigger {
            events.publish(EngineEvent(kind: .subscriptionChanged, workflow: entry.workflowName, trigger: entry.operationName,
                                       status: SubscriptionStatus.unsubscribed.rawValue))
        }
        return SubscriptionResult(trigger: entry.operationName, outcome: .unsubscribed)
    }
}
