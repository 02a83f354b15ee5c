import HookflowEngine
import HookflowModel

/// One line of a run's step list: the trigger (what started the run), then each action as the engine reports it.
struct RunStep: Equatable, Sendable {
    var name: String
    var type: String
    /// As the engine spells it: `Succeeded`, `Waiting`, `Skipped`, ...
    var status: String
    var code: String?
    var startTime: String?
    var endTime: String?
    var inputs: JSONValue?
    var outputs: JSONValue?
    var error: JSONValue?
    var callbackURL: String?
    var isTrigger = false
    /// Whether the run got to this step (the definition's other steps are listed too, greyed).
    var isReached = true
    /// How deep in Conditions and Scopes the step sits (its name is indented by as much).
    var depth = 0

    /// A webhook action waiting for its callback: its URL can be copied and called.
    var isWaitingWebhook: Bool {
        status.lowercased() == "waiting" && callbackURL != nil
    }

    var role: StyleRole { isReached ? RunStatusStyle.role(step: status) : .disabled }

    /// `1.2s` once the step ended, `—` while it goes on, empty for the trigger and steps not reached.
    var duration: String {
        guard !isTrigger, isReached else { return "" }
        return RunTimes.duration(from: startTime, to: endTime)
    }

    /// The status as shown: the engine's, or `not reached`.
    var statusText: String { isReached ? status : "not reached" }

    /// The trigger first, with the callback that started the run as its outputs, then every action
    /// of the definition in its order (nested ones under their Condition or Scope), those the run
    /// has not reached greyed, like Logic Apps' run history; without the definition, the actions the
    /// run reached in the engine's order. Actions the run has that the definition no longer has come last.
    static func steps(of run: RunDetail, definition: WorkflowDefinition? = nil) -> [RunStep] {
        let trigger = RunStep(
            name: run.summary.triggerName, type: run.triggerType ?? "Trigger", status: RunStatus.succeeded.rawValue,
            startTime: run.summary.startTime, outputs: run.triggerOutputs, isTrigger: true)
        func reached(_ action: ActionRun, depth: Int) -> RunStep {
            RunStep(
                name: action.name, type: action.type, status: action.status, code: action.code, startTime: action.startTime,
                endTime: action.endTime, inputs: action.inputs, outputs: action.outputs, error: action.error, callbackURL: action.callbackURL,
                depth: depth)
        }
        guard let definition else { return [trigger] + run.actions.map { reached($0, depth: 0) } }
        var byName: [String: ActionRun] = [:]
        for action in run.actions { byName[action.name] = action }
        var steps = [trigger]
        var listed = Set<String>()
        func walk(_ container: JSONPointer, depth: Int) {
            for step in definition.steps(in: container) {
                listed.insert(step.name)
                if let action = byName[step.name] {
                    steps.append(reached(action, depth: depth))
                } else {
                    steps.append(RunStep(name: step.name, type: step.type ?? "", status: "", isReached: false, depth: depth))
                }
                for child in step.childContainers { walk(child, depth: depth + 1) }
            }
        }
        walk(.actions, depth: 0)
        steps += run.actions.filter { !listed.contains($0.name) }.map { reached($0, depth: 0) }
        return steps
    }

    /// `code: message` of an engine error object, or the value as compact JSON.
    static func describe(error: JSONValue) -> String {
        let code = error["code"]?.stringValue
        let message = error["message"]?.stringValue
        switch (code, message) {
        case let (code?, message?): return "\(code): \(message)"
        case let (code?, nil): return code
        case let (nil, message?): return message
        default: return error.stringValue ?? JSONWriter.compact.string(from: error)
        }
    }
}
