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
    /// current state (new apps start enabled); `kind` nil keeps the current kind (`Stateful`,
    /// `Stateless`, `Agentic`). `baseVersion` is the version the definition was edited from (0: a
    /// new app): a newer one on the engine fails the save with `VersionConflict`; nil overwrites.
    func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?) async throws(EngineError)
        -> WorkflowSummary
    /// The same, with what the published file held beside the definition (`parameters` with
    /// `$connections`, …: kept for export; nil keeps what the app has).
    func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?,
                      properties: JSONObject?) async throws(EngineError) -> WorkflowSummary
    func workflow(named name: String) async throws(EngineError) -> WorkflowDetail
    /// Deletes the app and unsubscribes its triggers; the summary lists what was unsubscribed.
    func deleteWorkflow(named name: String) async throws(EngineError) -> WorkflowSummary
    func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary
    func callbackURL(workflow: String, trigger: String) async throws(EngineError) -> String
    /// New access key: every old callback URL stops working and triggers subscribe again.
    func regenerateAccessKey(workflow: String) async throws(EngineError) -> WorkflowSummary
    func runs(workflow: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage
    func run(workflow: String, id: String) async throws(EngineError) -> RunDetail
    /// Cancels a running or waiting run (its waiting webhook actions unsubscribe).
    func cancelRun(workflow: String, id: String) async throws(EngineError) -> RunDetail
    /// Starts a new run with the same trigger outputs.
    func resubmitRun(workflow: String, id: String) async throws(EngineError) -> RunDetail
    /// Live changes of apps and runs. Throws when the stream cannot be opened; the stream ends
    /// when the engine shuts down or the connection to it is lost (reconnect by calling again).
    func events() async throws(EngineError) -> AsyncStream<EngineEvent>
    /// Every subscription the engine knows (with `.orphaned`: only those whose unsubscribe keeps failing).
    func subscriptions(status: SubscriptionStatus?) async throws(EngineError) -> [SubscriptionSummary]
    /// Forgets an orphaned subscription without unsubscribing.
    func dropSubscription(id: String) async throws(EngineError) -> SubscriptionSummary
}

extension EngineClient {
    /// A save with no version check that keeps the app's kind.
    /// Clients that keep no properties (test doubles) save without them.
    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?,
                             properties: JSONObject?) async throws(EngineError) -> WorkflowSummary {
        try await saveWorkflow(name: name, definition: definition, state: state, kind: kind, baseVersion: baseVersion)
    }

    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?) async throws(EngineError) -> WorkflowSummary {
        try await saveWorkflow(name: name, definition: definition, state: state, kind: nil, baseVersion: nil)
    }

    public func enable(_ name: String) async throws(EngineError) -> WorkflowSummary { try await setState(.enabled, ofWorkflow: name) }
    public func disable(_ name: String) async throws(EngineError) -> WorkflowSummary { try await setState(.disabled, ofWorkflow: name) }
}
