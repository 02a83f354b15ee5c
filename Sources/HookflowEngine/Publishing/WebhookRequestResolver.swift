import Foundation
import HookflowModel

/// Turns the `subscribe`/`unsubscribe` inputs of an HTTP Webhook step into requests ready to
/// send: expressions evaluated (`listCallbackUrl()` is the step's own URL, `parameters()`,
/// `workflow()`, ...), plus the headers that let a service match subscribe and unsubscribe.
struct WebhookRequestResolver {
    let workflowName: String
    let operationName: String
    let trackingID: String
    let callbackURL: String
    let context: EvaluationContext

    init(workflowName: String, operationName: String, trackingID: String, callbackURL: String, baseContext: EvaluationContext) {
        self.workflowName = workflowName
        self.operationName = operationName
        self.trackingID = trackingID
        self.callbackURL = callbackURL
        var context = baseContext
        let url = callbackURL
        context.callbackURL = { url }
        self.context = context
    }

    /// Resolves `inputs.subscribe` or `inputs.unsubscribe`; throws a message naming the field or expression.
    func resolve(_ key: String, of step: Step) throws(ResolutionError) -> OutboundRequest {
        try resolveHidingSecrets(key, of: step).request
    }

    /// `inputs.unsubscribe` resolved, or nil when the step has no unsubscribe to call (SPEC §1:
    /// Logic Apps' docs and designer leave it out or `{}`; validation warns, and the service is
    /// never told to stop).
    func resolveUnsubscribe(of step: Step) throws(ResolutionError) -> OutboundRequest? {
        try resolveUnsubscribeHidingSecrets(of: step)?.request
    }

    /// ``resolveUnsubscribe(of:)``, with the request as run history may show it.
    func resolveUnsubscribeHidingSecrets(of step: Step) throws(ResolutionError) -> Resolved? {
        Self.hasUnsubscribe(step) ? try resolveHidingSecrets("unsubscribe", of: step) : nil
    }

    /// Whether `inputs.unsubscribe` names a call: a method and a URI (or `url`, as the docs write it).
    static func hasUnsubscribe(_ step: Step) -> Bool {
        guard let unsubscribe = step.inputs?["unsubscribe"]?.objectValue else { return false }
        let definition = HttpRequestDefinition(json: unsubscribe)
        return definition.method?.isEmpty == false && definition.uri?.isEmpty == false
    }

    /// A request to send, and the same request as run history may show it: every value that
    /// read a secret (a secure parameter, a secure action's outputs) masked.
    struct Resolved: Sendable {
        let request: OutboundRequest
        let recordable: JSONValue
    }

    /// ``resolve(_:of:)``, with the request as run history may show it.
    func resolveHidingSecrets(_ key: String, of step: Step) throws(ResolutionError) -> Resolved {
        let label = key == "subscribe" ? "Subscribe" : "Unsubscribe"
        guard let raw = step.inputs?[key], raw.objectValue != nil else {
            throw ResolutionError(message: "\(step.name): \(label) is missing; fill in its method and URI")
        }
        let hidden: ExpressionEvaluator.HiddenSecrets
        do {
            hidden = try ExpressionEvaluator(context: context).evaluateHidingSecrets(raw)
        } catch {
            let pointer = step.pointer.appending(["inputs", key]).appending(error.pointer.tokens)
            throw ResolutionError(message: "\(pointer): \(error.error.description)")
        }
        let request = try build(hidden.value, label: label, step: step)
        guard let recordable = hidden.recordable else { return Resolved(request: request, recordable: request.json) }
        return Resolved(request: request, recordable: (try? build(recordable, label: label, step: step))?.json ?? .string(ExpressionEvaluator.secretPlaceholder))
    }

    private func build(_ evaluated: JSONValue, label: String, step: Step) throws(ResolutionError) -> OutboundRequest {
        let definition = HttpRequestDefinition(json: evaluated.objectValue ?? JSONObject())
        guard let method = definition.method, HttpRequestDefinition.methods.contains(method.uppercased()) else {
            throw ResolutionError(message: "\(step.name): \(label) - Method \"\(definition.method ?? "")\" is not one of \(HttpRequestDefinition.methods.joined(separator: ", "))")
        }
        guard let uri = definition.uri, !uri.isEmpty else {
            throw ResolutionError(message: "\(step.name): \(label) - URI is required")
        }
        var request = OutboundRequest(
            method: method.uppercased(), uri: uri, headers: definition.headerPairs, body: definition.body,
            authentication: evaluated["authentication"],
            // The request's own policy, else the step's (the designer's Settings tab writes `inputs.retryPolicy`).
            retryPolicy: definition.retryPolicy ?? step.retryPolicy ?? .standard)
        request.setHeader("x-ms-workflow-name", workflowName)
        request.setHeader("x-ms-workflow-operation-name", operationName)
        request.setHeader("x-ms-client-tracking-id", trackingID)
        return request
    }

    /// The message of a request that could not be built.
    struct ResolutionError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

extension EvaluationContext {
    /// What expressions in a workflow's inputs see outside a run: parameter defaults and `workflow()`.
    static func forWorkflow(_ name: String, definition: WorkflowDefinition, baseURL: String, runID: String? = nil) -> EvaluationContext {
        var workflow: JSONObject = [
            "name": .string(name), "id": .string("/workflows/\(name)"), "type": "Microsoft.Logic/workflows",
            "endpoint": .string("\(baseURL)/workflows/\(CallbackSigner.encode(name))"),
        ]
        if let runID {
            workflow["run"] = ["name": .string(runID), "id": .string("/workflows/\(name)/runs/\(runID)"), "type": "Microsoft.Logic/workflows/runs"]
        }
        var context = EvaluationContext(parameters: definition.parameterDefaults, workflow: .object(workflow))
        context.secrets = SecretSources(parameters: Set(definition.parameters.filter(\.isSecure).map(\.name)))
        return context
    }
}
