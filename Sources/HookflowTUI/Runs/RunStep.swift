import HookflowEngine
import HookflowModel

/// One line of a run's step list: the trigger (what started the run), then each action as the engine reports it.
struct RunStep: Equatable, Sendable {
    var name: String
    /// Inside a Foreach or Until: which iteration (the engine's repetition, `000001-000002`); nil outside loops.
    var repetition: String?
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

    /// Tells the step apart from the same action in other iterations (what a selection keeps).
    var key: String { ActionKey.make(name: name, repetition: repetition ?? "") }

    /// The name as listed: inside loops with its iteration, counted from 1 as Logic Apps shows
    /// it (`Line #2`, `Cell #2.3` in nested loops).
    var label: String {
        let indexes = ActionKey.indexes(of: repetition ?? "")
        guard !indexes.isEmpty else { return name }
        return "\(name) #\(indexes.map { String($0 + 1) }.joined(separator: "."))"
    }

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
                name: action.name, repetition: action.repetition, type: action.type, status: action.status, code: action.code,
                startTime: action.startTime, endTime: action.endTime, inputs: action.inputs, outputs: action.outputs, error: action.error,
                callbackURL: action.callbackURL, depth: depth)
        }
        guard let definition else { return [trigger] + run.actions.map { reached($0, depth: 0) } }
        var byKey: [String: ActionRun] = [:]
        for action in run.actions { byKey[ActionKey.make(name: action.name, repetition: action.repetition ?? "")] = action }
        var steps = [trigger]
        var listed = Set<String>()
        // Inside a loop, every iteration the run reached lists the loop's steps again, under its number.
        func walk(_ container: JSONPointer, depth: Int, repetition: String) {
            for step in definition.steps(in: container) {
                let key = ActionKey.make(name: step.name, repetition: repetition)
                listed.insert(key)
                if let action = byKey[key] {
                    steps.append(reached(action, depth: depth))
                } else {
                    steps.append(RunStep(name: step.name, repetition: repetition.isEmpty ? nil : repetition, type: step.type ?? "", status: "",
                                         isReached: false, depth: depth))
                }
                let isLoop = step.kind == .foreach || step.kind == .until
                for child in step.childContainers {
                    guard isLoop else {
                        walk(child, depth: depth + 1, repetition: repetition)
                        continue
                    }
                    let iterations = Self.iterations(in: child, of: definition, inside: repetition, among: run.actions)
                    if iterations.isEmpty { walk(child, depth: depth + 1, repetition: repetition) }
                    for iteration in iterations { walk(child, depth: depth + 1, repetition: iteration) }
                }
            }
        }
        walk(.actions, depth: 0, repetition: "")
        steps += run.actions.filter { !listed.contains(ActionKey.make(name: $0.name, repetition: $0.repetition ?? "")) }.map { reached($0, depth: 0) }
        return steps
    }

    /// The iterations of a loop (its actions in `container`) that the run reached, in order: the
    /// repetitions one level below `parent` that the loop's own actions were recorded in.
    static func iterations(in container: JSONPointer, of definition: WorkflowDefinition, inside parent: String, among actions: [ActionRun]) -> [String] {
        let names = Set(definition.steps(in: container).map(\.name))
        let depth = ActionKey.indexes(of: parent).count + 1
        var found = Set<String>()
        for action in actions where names.contains(action.name) {
            guard let repetition = action.repetition else { continue }
            let indexes = repetition.split(separator: "-")
            guard indexes.count == depth, parent.isEmpty || repetition.hasPrefix(parent + "-") else { continue }
            found.insert(repetition)
        }
        return found.sorted()
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
