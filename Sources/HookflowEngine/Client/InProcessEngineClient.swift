import HookflowModel

/// The engine in this process, behind the ``EngineClient`` protocol.
public struct InProcessEngineClient: EngineClient {
    public let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    public var endpointDescription: String { "in-process engine (\(engine.configuration.dataFolder.path))" }

    public func listWorkflows() async throws(EngineError) -> [WorkflowSummary] { try await engine.listWorkflows() }

    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?) async throws(EngineError)
        -> WorkflowSummary
    {
        try await engine.save(name: name, definition: definition, state: state, kind: kind, baseVersion: baseVersion)
    }

    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?,
                             properties: JSONObject?) async throws(EngineError) -> WorkflowSummary {
        try await engine.save(name: name, definition: definition, state: state, kind: kind, baseVersion: baseVersion, properties: properties)
    }

    public func workflow(named name: String) async throws(EngineError) -> WorkflowDetail { try await engine.workflowDetail(named: name) }
    public func deleteWorkflow(named name: String) async throws(EngineError) -> WorkflowSummary { try await engine.delete(name: name) }

    public func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary {
        try await engine.setState(state, ofWorkflow: name)
    }

    public func callbackURL(workflow: String, trigger: String) async throws(EngineError) -> String {
        try await engine.callbackURL(workflow: workflow, trigger: trigger)
    }

    public func regenerateAccessKey(workflow: String) async throws(EngineError) -> WorkflowSummary {
        try await engine.regenerateAccessKey(workflow: workflow)
    }

    public func runs(workflow: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage {
        try await engine.runs(workflow: workflow, status: status, top: top, skipToken: skipToken)
    }

    public func run(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await engine.run(workflow: workflow, id: id) }

    public func cancelRun(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await engine.cancelRun(workflow: workflow, id: id) }
    public func resubmitRun(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await engine.resubmitRun(workflow: workflow, id: id) }
    public func events() async throws(EngineError) -> AsyncStream<EngineEvent> { engine.events() }

    public func subscriptions(status: SubscriptionStatus?) async throws(EngineError) -> [SubscriptionSummary] {
        try await engine.subscriptions(status: status)
    }

    public func dropSubscription(id: String) async throws(EngineError) -> SubscriptionSummary { try await engine.dropSubscription(id: id) }
}
