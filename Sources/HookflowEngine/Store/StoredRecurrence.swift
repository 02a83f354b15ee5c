import Foundation

/// The next tick of one Recurrence trigger of an enabled app: the row a tick's run replaces, in
/// the same commit, with the tick after it — so each tick starts one run, across restarts.
public struct StoredRecurrence: Sendable, Equatable {
    public var workflowName: String
    public var triggerName: String
    /// The trigger's `recurrence` as saved (compact JSON): a save that changes it starts again.
    public var fingerprint: String
    /// Where the schedule counts from: the start time, or when the trigger was switched on.
    public var anchor: Date
    public var nextAt: Date

    public init(workflowName: String, triggerName: String, fingerprint: String, anchor: Date, nextAt: Date) {
        self.workflowName = workflowName
        self.triggerName = triggerName
        self.fingerprint = fingerprint
        self.anchor = anchor
        self.nextAt = nextAt
    }
}
