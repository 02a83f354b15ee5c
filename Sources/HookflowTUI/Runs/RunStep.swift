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

    /// A webhook action waiting for its callback: its URL can be copied and called.
    var isWaitingWebhook: Bool {
        status.lowercased() == "waiting" && callbackURL != nil
    }

    var role: StyleRole { RunStatusStyle.role(step: status) }

    /// `1.2s` once the step ended, `—` while it goes on, empty for the trigger.
    var duration: String {
        guard !isTrigger else { return "" }
        return RunTimes.duration(from: startTime, to: endTime)
    }

    /// The trigger first, with the callback that started the run as its outputs, then the actions in the engine's order.
    static func steps(of run: RunDetail) -> [RunStep] {
        let trigger = RunStep(
            name: run.summary.triggerName, type: run.triggerType ?? "Trigger", status: RunStatus.succeeded.rawValue,
            startTime: run.summary.startTime, outputs: run.triggerOutputs, isTrigger: true)
        return [trigger] + run.actions.map { action in
            RunStep(
                name: action.name, type: action.type, status: action.status, code: action.code, startTime: action.startTime,
                endTime: action.endTime, inputs: action.inputs, outputs: action.outputs, error: action.error, callbackURL: action.callbackURL)
        }
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
