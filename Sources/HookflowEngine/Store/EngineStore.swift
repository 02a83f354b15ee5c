import Foundation
import HookflowModel

/// The engine's durable state, behind a protocol with two implementations: the SQLite file
/// (``SQLiteStore``, one process) and PostgreSQL (``PostgresStore``, shared by several engine
/// nodes). The contract suite (`StoreContractTests`) runs against both.
///
/// The seam's shape:
/// - every state change and the work it implies (subscriptions to make, unsubscribe calls owed)
///   arrive together in one ``commit(_:)`` and must be written in one transaction;
/// - background work is *claimed* (``claimDueOutbox(now:limit:lease:skipping:)``, timers,
///   Recurrence ticks, subscribe retries): one process owns a SQLite file, so the engine claims
///   in memory and the store only reads; PostgreSQL uses
///   `UPDATE … SET lease_until … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` so two nodes
///   never send the same call or fire the same timer at once. Runs are claimed the same way: on one node the executor's
///   lanes are the claim (a run just committed is handed over in memory, a start-up scan of
///   `Running` runs covers a crash); PostgreSQL nodes claim `Running` runs with
///   `FOR UPDATE SKIP LOCKED` and a lease a live node keeps renewing, fenced by its generation;
/// - wake-ups: the SQLite store serves one process, so the engine wakes its own workers after
///   each commit; the PostgreSQL store also `NOTIFY`s after commit and `LISTEN`s for other
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
    /// ``dueSubscribes(now:)``, leased for `lease` seconds where several nodes share the store
    /// (one node makes each attempt); a plain read where one process owns it.
    func claimDueSubscribes(now: Date, lease: TimeInterval) async throws -> [StoredSubscription]

    /// Writes all mutations in one transaction, or none of them.
    func commit(_ mutations: [StoreMutation]) async throws

    /// Up to `limit` due outbox entries, leased for `lease` seconds where several nodes share the
    /// store, leaving out those in `skipping` (this node is sending them already).
    func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval, skipping: Set<Int64>) async throws -> [OutboxEntry]
    func outbox(subscriptionID: String) async throws -> [OutboxEntry]
    /// The earliest time after `now` that an outbox entry or a subscribe retry is due, or the
    /// earliest timer or Recurrence tick. Work due already is either under way (its end wakes the engine) or taken
    /// by the look that asks this.
    func nextDueTime(after now: Date) async throws -> Date?
    /// The Recurrence ticks of one app.
    func recurrences(workflow: String) async throws -> [StoredRecurrence]
    /// Recurrence ticks due at `now`, earliest first.
    func dueRecurrences(now: Date, limit: Int) async throws -> [StoredRecurrence]
    /// ``dueRecurrences(now:limit:)``, each leased for `lease` seconds where several nodes share
    /// the store (one node starts the tick's run or makes its poll); a plain read otherwise.
    func claimDueRecurrences(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredRecurrence]

    func run(workflow: String, id: String) async throws -> StoredRun?
    /// Runs newest first; `before` is the sequence to continue after (the paging token).
    func runs(workflow: String, status: RunStatus?, limit: Int, before: Int64?) async throws -> [StoredRun]
    /// Runs that have work to do (status `Running`): what the engine resumes after a restart.
    /// Waiting runs are not in it: they cost disk, not start-up time, until a callback or timer wakes them.
    func runsToResume(limit: Int) async throws -> [StoredRun]

    func actions(runID: String) async throws -> [StoredAction]
    /// A run and its actions, read together (one read, one snapshot): what a lane needs to
    /// advance a run it does not hold in memory.
    func runWithActions(workflow: String, id: String) async throws -> (run: StoredRun, actions: [StoredAction])?
    /// Names of actions waiting for a callback, per run (for run lists).
    func waitingActions(runIDs: [String]) async throws -> [String: [String]]

    /// Compare-and-set: applies `mutations` only if the action's status is one of `expected`,
    /// all in one transaction. Returns false (and writes nothing) when it was not. This is what
    /// makes the first of several concurrent callbacks win and the others change nothing.
    func transitionAction(runID: String, name: String, from expected: Set<ActionStatus>, mutations: [StoreMutation]) async throws -> Bool
    /// Compare-and-set on a run's status, like ``transitionAction(runID:name:from:mutations:)``.
    func transitionRun(id: String, from expected: Set<RunStatus>, mutations: [StoreMutation]) async throws -> Bool
    /// Applies `mutations` only if every guard holds when the write transaction runs, all in
    /// one transaction; false (nothing written) otherwise. The general form of the two above:
    /// a run's progress is written guarded by the run still being open, a callback's by its
    /// action still waiting.
    func commit(_ mutations: [StoreMutation], if guards: [StoreGuard]) async throws -> Bool

    /// Webhook actions (by key, ``ActionKey``) waiting on a callback URL made on another base URL than `base` (the
    /// engine listened elsewhere, or had another public URL, when they subscribed).
    func waitingActions(onBaseOtherThan base: String, limit: Int) async throws -> [WaitingAction]

    /// Timers due at `now`, earliest first.
    func dueTimers(now: Date, limit: Int) async throws -> [StoredTimer]
    /// ``dueTimers(now:limit:)``, each leased for `lease` seconds where several nodes share the
    /// store (one node fires it; another takes it once the lease ran out); a plain read otherwise.
    func claimDueTimers(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredTimer]

    /// Runs still open (`Running` or `Waiting`) that started before `cutoff`, oldest first: what the
    /// run duration limit ends (a sweep over an index, not a timer row per run).
    func openRuns(startedBefore cutoff: Date, limit: Int) async throws -> [StoredRun]
    /// When the oldest open run started.
    func oldestOpenRunStart() async throws -> Date?

    /// Lets queued writes finish and refuses new ones (the engine is stopping).
    func close() async

    /// Commits and writes so far (writes per commit is the group commit's yield), for the
    /// health check and the benchmark.
    var writeStatistics: StoreWriteStatistics { get }
}

/// Commits the store made since it opened, and the writes (callers' records) they carried.
public struct StoreWriteStatistics: Sendable, Equatable {
    public var commits: Int
    public var writes: Int

    public init(commits: Int, writes: Int) {
        self.commits = commits
        self.writes = writes
    }
}

/// A waiting webhook action, by run and name.
public struct WaitingAction: Sendable, Equatable {
    public var runID: String
    public var action: String
    public var workflow: String
}

/// A condition a guarded write needs (``EngineStore/commit(_:if:)``).
public enum StoreGuard: Sendable, Equatable {
    /// The run exists and is in one of these statuses.
    case run(id: String, in: Set<RunStatus>)
    /// The action (of this loop repetition, '' outside loops) was recorded and is in one of these statuses.
    case action(runID: String, name: String, repetition: String = "", in: Set<ActionStatus>)
    /// The subscription exists, for the same inputs, in one of these statuses (an attempt's
    /// outcome is written only if no save, toggle or delete retired it meanwhile).
    case subscription(id: String, fingerprint: String, in: Set<SubscriptionStatus>)
    /// No unsubscribe is queued for this subscription yet.
    case noOutbox(subscriptionID: String)
    /// The Recurrence trigger's next tick is still this one (a tick starts one run).
    case recurrence(workflow: String, trigger: String, nextAt: Date)
}

/// One change in a ``EngineStore/commit(_:)`` batch.
public enum StoreMutation: Sendable {
    /// Inserts or updates an app; `addVersion` also records its definition as a new version.
    case putWorkflow(StoredWorkflow, addVersion: Bool)
    /// Removes an app, its versions and its runs. Its subscriptions stay until unsubscribed.
    case deleteWorkflow(String)
    case putSubscription(StoredSubscription)
    case deleteSubscription(String)
    /// Updates status and last error of a subscription if it still exists (never re-creates one
    /// that was dropped or unsubscribed meanwhile).
    case updateSubscriptionStatus(id: String, status: SubscriptionStatus, error: SubscriptionError?, at: Date)
    case enqueue(OutboxEntry)
    /// Replaces a claimed entry (attempt count, next time, error) and releases its lease.
    case updateOutbox(OutboxEntry)
    case deleteOutbox(Int64)
    /// A new run; committed before the callback is answered.
    case insertRun(StoredRun)
    /// Sets the crash-loop counter of runs (see ``StoredRun/recoveries``).
    case setRunRecoveries(ids: [String], count: Int)
    case putAction(StoredAction)
    /// Replaces a run's variables (a new run has none: ``insertRun(_:)`` does not write them).
    case setRunVariables(id: String, variables: RunVariables)
    /// Sets a run's status (and end time, and error when it finished badly).
    case setRunStatus(id: String, status: RunStatus, endTime: Date?, error: JSONValue?)
    case putTimer(StoredTimer)
    /// Inserts or replaces a Recurrence trigger's next tick.
    case putRecurrence(StoredRecurrence)
    /// Removes a Recurrence trigger's tick (the trigger is gone, or the app disabled).
    case deleteRecurrence(workflow: String, trigger: String)
    case deleteTimer(Int64)
    /// Removes a run's timers (all of them, or one action's).
    case deleteTimers(runID: String, actionName: String?)
    /// Ends every running or waiting action of a run with `status`/`code` (cancel, terminate,
    /// run timeout), queuing the unsubscribe of each webhook action among them.
    case closeOpenActions(runID: String, workflowName: String, status: ActionStatus, code: String, at: Date)
    /// Frees every outbox lease: a single-node engine starting up owns all pending work.
    /// (A multi-node store lets leases expire instead.)
    case releaseLeases
}
