import Foundation
import HookflowModel

/// Something that moves a run on, handed to its lane in the ``RunExecutor``.
enum RunEvent: Sendable {
    /// A run just committed (a trigger callback, a resubmit): its state is known and empty.
    case started(StoredRun, RunPlan)
    /// Look at the run again from the store (a restart, an outside change).
    case wake
    /// Actions (by key) whose outside effect another node was making when it stopped (several
    /// nodes on PostgreSQL): this node makes them again.
    case adoptEffects([String])
    /// An outside effect of this process finished: its action's record now, and what is owed with it.
    case effectDone(StoredAction, owed: [StoreMutation])
    /// A webhook action's callback: the action completes with `outputs` (or fails, `failed`).
    case callback(action: String, outputs: JSONValue, failed: Bool, reply: @Sendable (Result<StoredAction, EngineError>) -> Void)
    /// One of the run's timers is due: a delay ends, or a waiting action times out.
    case timer(StoredTimer, reply: @Sendable (Bool) -> Void)
    /// The engine's base URL changed: a webhook action waiting on a URL made on another base
    /// subscribes again with its new URL (the old subscription is unsubscribed). `true` when it moved.
    case rebase(action: String, reply: @Sendable (Bool) -> Void)
    /// The run ends from outside (cancel, duration limit): `true` when it was still open.
    case end(RunEnd, code: String, reply: @Sendable (Bool) -> Void)
}
