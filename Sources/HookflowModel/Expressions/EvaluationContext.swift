import Foundation

/// What expressions can see while they run.
///
/// Everything is optional or injectable so that the same evaluator serves a live run, a
/// static check by the validator (parameters and workflow only) and deterministic tests. What a
/// run has not provided makes the function that asks for it fail with `.unavailable`, which the
/// validator skips: the name and arity of such a call are still checked when it is parsed.
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
    /// The clock behind `utcNow()`, `getFutureTime()` and `getPastTime()`.
    public var now: @Sendable () -> Date
    /// The source of `guid()` values.
    public var makeGUID: @Sendable () -> UUID
    /// The source of `rand()` values: an integer in the range given.
    public var randomInteger: @Sendable (Range<Int>) -> Int = { Int.random(in: $0) }
    /// Variable values by name, as the variable actions left them (`variables()`).
    public var variables: [String: JSONValue] = [:]
    /// The loops around the step being evaluated, outermost first (`item()`, `items()`, `iterationIndexes()`).
    public var loops: [LoopIteration] = []
    /// The result of the action being evaluated, for `action()`: in a webhook action's unsubscribe
    /// its subscribe result, in an Until condition the loop's own result so far.
    public var currentAction: JSONValue?
    /// The results of the first-level actions of each scope (Scope, Foreach, Until, If, Switch) by
    /// scope name, each shaped like an ``actions`` entry (`result()`).
    public var scopeResults: [String: [JSONValue]] = [:]
    /// App settings by name (`appsetting()`): a Standard project's `local.settings.json` `Values`
    /// or the environment.
    public var appSettings: [String: String] = [:]
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

/// One loop the evaluated step sits in: a Foreach (with its current item) or an Until.
public struct LoopIteration: Sendable, Equatable {
    /// The loop step's name, as `items('name')` and `iterationIndexes('name')` write it.
    public var name: String
    /// The current element of a Foreach; nil for an Until, which has none.
    public var item: JSONValue?
    /// The 0-based index of the current iteration.
    public var index: Int

    public init(name: String, item: JSONValue?, index: Int) {
        self.name = name
        self.item = item
        self.index = index
    }
}
