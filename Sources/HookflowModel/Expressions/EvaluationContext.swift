import Foundation

/// What expressions can see while they run.
///
/// Everything is optional or injectable so that the same evaluator serves a live run, a
/// static check by the validator (parameters and workflow only) and deterministic tests.
public struct EvaluationContext: Sendable {
    /// The trigger result: `{"name","inputs","outputs":{"headers","body","queries","statusCode"},"startTime","status"}`.
    /// Nil before the trigger has fired; `trigger()` and friends then fail with `.unavailable`.
    public var trigger: JSONValue?
    /// Action results by action name: `{"name","inputs","outputs","status","code","startTime","endTime"}`.
    public var actions: [String: JSONValue]
    /// Resolved parameter values by name.
    public var parameters: [String: JSONValue]
    /// What `workflow()` returns: `{"name": ..., "id": ..., "run": {"name": runId, "id": ...}}`.
    public var workflow: JSONValue
    /// Produces the callback URL of the step being evaluated; nil → `listCallbackUrl()` fails with `.unavailable`.
    public var callbackURL: (@Sendable () throws -> String)?
    /// The clock behind `utcNow()`.
    public var now: @Sendable () -> Date
    /// The source of `guid()` values.
    public var makeGUID: @Sendable () -> UUID
    /// Which parameters, actions and trigger outputs are secret (what
    /// ``ExpressionEvaluator/evaluateHidingSecrets(_:)`` keeps out of what is recorded).
    public var secrets = SecretSources()
    /// Where parsed templates are kept between evaluations (nil: each evaluation parses).
    public var templates: TemplateCache?

    public init(
        trigger: JSONValue? = nil,
        actions: [String: JSONValue] = [:],
        parameters: [String: JSONValue] = [:],
        workflow: JSONValue = .object(JSONObject()),
        callbackURL: (@Sendable () throws -> String)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        makeGUID: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.trigger = trigger
        self.actions = actions
        self.parameters = parameters
        self.workflow = workflow
        self.callbackURL = callbackURL
        self.now = now
        self.makeGUID = makeGUID
    }
}
