import Foundation
import HookflowModel

/// The engine's durable state, behind a protocol so that another database can take SQLite's place.
///
/// The seam is shaped for a PostgreSQL store (postgres-nio) shared by several engine nodes:
/// - every state change and the work it implies (subscriptions to make, unsubscribe calls owed)
///   arrive together in one ``commit(_:)`` and must be written in one transaction;
/// - background work is *claimed* (``claimDueOutbox(now:limit:lease:)``): SQLite sets a lease
///   under its single writer, PostgreSQL would use `UPDATE … WHERE id IN (SELECT … FOR UPDATE
///   SKIP LOCKED)` so two nodes never send the same call at once;
/// - wake-ups: the SQLite store serves one process, so the engine wakes its own workers after
///   each commit; a PostgreSQL store would also `NOTIFY` after commit and `LISTEN` for other
///   nodes' changes, with the workers' periodic polling as the fallback.
public protocol EngineStore: Sendable {
    func workflow(named name: String) async throws -> StoredWorkflow?
    func workflows() async throws -> [StoredWorkflow]
    /// The definition text of one saved version (every save adds one).
    func definitionText(workflow: String, version: Int) async throws -> String?

    /// Subscriptions of one app (or of all apps with nil), newest first.
    func subscriptions(workflow: String?) async throws -> [StoredSubscription]
    func subscription(id: String) async throws -> StoredSubscription?
    /// Subscriptions whose subscribe call is due (pending or failed, retry time reached, app enabled).
    func dueSubscribes(now: Date) async throws -> [StoredSubscription]

    /// Writes all mutations in one transaction, or none of them.
    func commit(_ mutations: [StoreMutation]) async throws

    /// Takes up to `limit` due outbox entries and leases them for `lease` seconds.
    func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry]
    func outbox(subscriptionID: String) async throws -> [OutboxEntry]
    /// The earliest time some background work is due (outbox or subscribe retries), if any.
    func nextDueTime() async throws -> Date?

    func run(workflow: String, id: String) async throws -> StoredRun?
    /// Runs newest first; `before` is the sequence to continue after (the paging token).
    func runs(workflow: String, status: RunStatus?, limit: Int, before: Int64?) async throws -> [StoredRun]
}

/// One change in a ``EngineStore/commit(_:)`` batch.
public enum StoreMutation: Sendable {
    /// Inserts or updates an app; `addVersion` also records its definition as a new version.
    case putWorkflow(StoredWorkflow, addVersion: Bool)
    /// Removes an app, its versions and its runs. Its subscriptions stay until unsubscribed.
    case deleteWorkflow(String)
    case putSubscription(StoredSubscription)
    case deleteSubscription(String)
    case enqueue(OutboxEntry)
    /// Replaces a claimed entry (attempt count, next time, error) and releases its lease.
    case updateOutbox(OutboxEntry)
    case deleteOutbox(Int64)
    /// A new run; committed before the callback is answered.
    case insertRun(StoredRun)
    /// Frees every outbox lease: a single-node engine starting up owns all pending work.
    /// (A multi-node store lets leases expire instead.)
    case releaseLeases
}
