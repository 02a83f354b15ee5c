import HookflowModel

/// One app as `GET /management/workflows` lists it.
public struct WorkflowSummary: Sendable, Equatable {
    public struct Trigger: Sendable, Equatable {
        public var name: String
        public var type: String
        /// Nil for triggers without a subscription (Request, Recurrence).
        public var subscription: SubscriptionInfo?

        public init(name: String, type: String, subscription: SubscriptionInfo?) {
            self.name = name
            self.type = type
            self.subscription = subscription
        }
    }

    public var name: String
    public var state: WorkflowState
    public var version: Int
    /// ISO 8601, UTC.
    public var changedTime: String
    public var triggers: [Trigger]
    /// Per-trigger outcome of the operation that produced this summary (save, enable, ...).
    public var results: [SubscriptionResult]

    public init(name: String, state: WorkflowState, version: Int, changedTime: String, triggers: [Trigger], results: [SubscriptionResult] = []) {
        self.name = name
        self.state = state
        self.version = version
        self.changedTime = changedTime
        self.triggers = triggers
        self.results = results
    }
}

/// An app with its definition, as written (secrets included): what `export` and the designer need.
public struct WorkflowDetail: Sendable, Equatable {
    public var summary: WorkflowSummary
    public var definition: JSONValue
    /// `Stateful` or `Stateless`, as saved.
    public var kind: String?
    /// What the published file held beside the definition (`parameters` with `$connections`, …).
    public var properties: JSONObject?

    public init(summary: WorkflowSummary, definition: JSONValue, kind: String? = nil, properties: JSONObject? = nil) {
        self.summary = summary
        self.definition = definition
        self.kind = kind
        self.properties = properties
    }
}

