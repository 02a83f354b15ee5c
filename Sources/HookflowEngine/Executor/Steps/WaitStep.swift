import Foundation
import HookflowModel

/// `Wait` (Delay): `Running` with a durable timer until `inputs.interval {count, unit}` from now
/// or `inputs.until.timestamp`; the timer's firing finishes it.
enum WaitStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        do {
            let due = try dueTime(step, context: environment.context, now: environment.now)
            record.inputs = environment.masker.inputs(step.inputs, of: step)
            let timer = StoredTimer(kind: .wait, workflowName: environment.run.workflowName, runID: environment.run.id, actionName: environment.key(step), dueAt: due)
            return StepStart(record: record, mutations: [.putTimer(timer)])
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: "\(error)")
            return StepStart(record: record)
        }
    }

    /// When the delay ends.
    static func dueTime(_ step: Step, context: EvaluationContext, now: Date) throws -> Date {
        let inputs = try ExpressionEvaluator(context: context).evaluateHidingSecrets(step.inputs ?? .null).value
        if let interval = inputs["interval"] {
            let count = interval["count"].flatMap { $0.intValue ?? $0.stringValue.flatMap(Int.init) } ?? 0
            let unit = interval["unit"]?.stringValue?.lowercased() ?? "second"
            var components = DateComponents()
            switch unit {
            case "second": components.second = count
            case "minute": components.minute = count
            case "hour": components.hour = count
            case "day": components.day = count
            case "week": components.day = count * 7
            case "month": components.month = count
            default: throw ConditionError(pointer: step.pointer.appending(["inputs", "interval", "unit"]), message: "unknown unit \"\(unit)\"")
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
            return calendar.date(byAdding: components, to: now) ?? now
        }
        if let text = inputs["until"]?["timestamp"]?.stringValue {
            guard let date = ISO8601Timestamp.date(from: text) else {
                throw ConditionError(pointer: step.pointer.appending(["inputs", "until", "timestamp"]), message: "\"\(text)\" is not an ISO 8601 timestamp")
            }
            return date
        }
        throw ConditionError(pointer: step.pointer / "inputs", message: "a Delay needs an interval or an until timestamp")
    }
}
