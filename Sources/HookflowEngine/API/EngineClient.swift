import HookflowModel

/// Everything the designer and the CLI ask of an engine.
///
/// Two implementations pass one contract test suite: ``InProcessEngineClient`` (the engine in
/// this process, the default) and ``HTTPEngineClient`` (a `hookflow serve` reached over its
/// management API). Errors are ``EngineError``s whichever side they come from.
public protocol EngineClient: Sendable {
    /// Which engine this is, for headers and messages ("in-process, /data/folder" or a URL).
    var endpointDescription: String { get }

    func listWorkflows() async throws(EngineError) -> [WorkflowSummary]
    /// Saves a new version (validate → store → reconcile subscriptions). `state` nil keeps the
    /// current state (new apps start enabled).
    func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?) async throws(EngineError) -> WorkflowSummary
    func workflow(named name: String) async throws(EngineError) -> WorkflowDetail
    /// Deletes the app and unsubscribes its triggers; the summary lists what was unsubscribed.
    func deleteWorkflow(named name: String) async throws(EngineError) -> WorkflowSummary
    func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary
    func callbackURL(workflow: String, trigger: String) async throws(EngineError) -> String
    /// New access key: every old callback URL stops working and triggers subscribe again.
    func regenerateAccessKey(workflow: String) async throws(EngineError) -> WorkflowSummary
    func runs(workflow: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage
    func run(workflow: String, id: String) async throws(EngineError) -> RunDetail
}

extension EngineClient {
    public func enable(_ name: String) async throws(EngineError) -> WorkflowSummary { try await setState(.enabled, ofWorkflow: name) }
    public func disable(_ name: String) async throws(EngineError) -> WorkflowSummary { try await setState(.disabled, ofWorkflow: name) }
}
