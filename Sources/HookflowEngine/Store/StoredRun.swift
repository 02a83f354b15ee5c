import Foundation
import HookflowModel

/// A run as stored: created, with its trigger outputs, before the callback gets its `202`.
public struct StoredRun: Sendable, Equatable {
    public var id: String
    public var workflowName: String
    public var workflowVersion: Int
    public var triggerName: String
    public var status: RunStatus
    public var startTime: Date
    public var endTime: Date?
    /// `{"headers", "body", "queries"}` of the callback request.
    public var triggerOutputs: JSONValue
    /// What run history shows of them when the trigger's outputs are secure (nil: the outputs
    /// themselves); the real ones are sealed in the store.
    public var maskedTriggerOutputs: JSONValue?
    /// Why the run failed, timed out or was cancelled (`{"code", "message"}`).
    public var error: JSONValue?
    /// Monotonic insertion order: the paging key (newest first).
    public var sequence: Int64?
    /// How many times in a row the engine died while advancing this run (see Engine+Recovery):
    /// a run found at 2 on start-up is failed rather than resumed again.
    public var recoveries: Int
    /// The variables the run's variable actions set so far (written with the action that changed them).
    public var variables: RunVariables

    public init(id: String, workflowName: String, workflowVersion: Int, triggerName: String, status: RunStatus, startTime: Date,
                endTime: Date? = nil, triggerOutputs: JSONValue, maskedTriggerOutputs: JSONValue? = nil, error: JSONValue? = nil,
                sequence: Int64? = nil, recoveries: Int = 0, variables: RunVariables = RunVariables()) {
        self.id = id
        self.workflowName = workflowName
        self.workflowVersion = workflowVersion
        self.triggerName = triggerName
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.triggerOutputs = triggerOutputs
        self.maskedTriggerOutputs = maskedTriggerOutputs
        self.error = error
        self.sequence = sequence
        self.recoveries = recoveries
        self.variables = variables
    }
}
