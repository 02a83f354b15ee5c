import HookflowModel

/// Run statuses (SPEC §3).
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running = "Running"
    case waiting = "Waiting"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case cancelled = "Cancelled"
    case timedOut = "TimedOut"

    public init?(caseInsensitive text: String) {
        guard let status = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = status
    }

    public var isFinished: Bool { ![.running, .waiting].contains(self) }
}

/// One run in a list.
public struct RunSummary: Sendable, Equatable {
    public var id: String
    public var workflowName: String
    public var triggerName: String
    public var status: RunStatus
    public var startTime: String
    public var endTime: String?
    /// Names of webhook actions waiting for their callback.
    public var waitingActions: [String]
    /// Why the run failed, timed out or was cancelled (`{"code", "message"}`).
    public var error: JSONValue?

    public init(id: String, workflowName: String, triggerName: String, status: RunStatus, startTime: String, endTime: String? = nil, waitingActions: [String] = [],
                error: JSONValue? = nil) {
        self.id = id
        self.workflowName = workflowName
        self.triggerName = triggerName
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.waitingActions = waitingActions
        self.error = error
    }
}

/// A page of runs, newest first; `nextLink`/`skipToken` fetch the next one.
public struct RunPage: Sendable, Equatable {
    public var runs: [RunSummary]
    public var skipToken: String?
    public var nextLink: String?

    public init(runs: [RunSummary], skipToken: String?, nextLink: String? = nil) {
        self.runs = runs
        self.skipToken = skipToken
        self.nextLink = nextLink
    }
}

/// One run with what its trigger received (secrets masked).
public struct RunDetail: Sendable, Equatable {
    public var summary: RunSummary
    /// `{"headers", "body", "queries"}` of the callback that started the run.
    public var triggerOutputs: JSONValue
    /// Steps of the run (filled by the run engine).
    public var actions: [ActionRun]
    /// The WDL type of the trigger that started the run (`HttpWebhook`), as the app's version defines it.
    public var triggerType: String?

    public init(summary: RunSummary, triggerOutputs: JSONValue, actions: [ActionRun] = [], triggerType: String? = nil) {
        self.summary = summary
        self.triggerOutputs = triggerOutputs
        self.actions = actions
        self.triggerType = triggerType
    }
}

/// One action of a run.
public struct ActionRun: Sendable, Equatable {
    public var name: String
    /// Inside a Foreach or Until: which iteration (`000002`, `000000-000003` in nested loops); nil outside loops.
    public var repetition: String?
    public var type: String
    public var status: String
    public var code: String?
    public var startTime: String?
    public var endTime: String?
    public var inputs: JSONValue?
    public var outputs: JSONValue?
    public var error: JSONValue?
    public var callbackURL: String?

    public init(name: String, type: String, status: String, code: String? = nil, startTime: String? = nil, endTime: String? = nil,
                inputs: JSONValue? = nil, outputs: JSONValue? = nil, error: JSONValue? = nil, callbackURL: String? = nil, repetition: String? = nil) {
        self.name = name
        self.repetition = repetition
        self.type = type
        self.status = status
        self.code = code
        self.startTime = startTime
        self.endTime = endTime
        self.inputs = inputs
        self.outputs = outputs
        self.error = error
        self.callbackURL = callbackURL
    }

    /// The 0-based iteration indexes of the loops around it, outermost first (empty outside loops).
    public var iterationIndexes: [Int] { ActionKey.indexes(of: repetition ?? "") }
}
