import Foundation
import HookflowModel

/// `Until`: runs its actions, then evaluates its condition (seeing that iteration's actions, and
/// `action()` as the loop itself); another iteration runs while the condition is false, fewer
/// than `limit.count` iterations ran (60 by default) and `limit.timeout` (PT1H) has not passed
/// since it started — checked between iterations. Reaching a limit ends the loop `Succeeded`, as
/// in Logic Apps; an iteration that fails unhandled fails the loop (the scheduler's rule for
/// every container). Its outputs count the iterations started (`iterations`).
enum UntilStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        do {
            let limit = try limits(of: step, in: environment)
            record.inputs = environment.masker.inputs(["limit": ["count": .int(limit.count), "timeout": .string(limit.timeoutText)]], of: step)
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: error.message)
            return StepStart(record: record)
        }
        record.outputs = ["iterations": 1]
        return StepStart(record: record)
    }

    /// The loop after iteration `index` (0-based) finished: ended, or counting one more.
    /// `environment` sees that iteration's actions.
    static func afterIteration(_ step: Step, record: StoredAction, index: Int, in environment: StepEnvironment) -> StoredAction {
        var loop = record
        var context = environment.context
        context.currentAction = record.expressionValue
        let done: Bool
        do {
            done = try ConditionEvaluator(evaluator: ExpressionEvaluator(context: context)).evaluate(step.json["expression"] ?? .null, at: step.pointer / "expression")
        } catch {
            environment.fail(&loop, code: "InvalidTemplate", message: error.description)
            return loop
        }
        // Checked when the loop started: the same values again.
        let limit = try? limits(of: step, in: environment)
        let timedOut = environment.now.timeIntervalSince(record.startTime) >= limit?.timeout.totalSeconds ?? 3600
        if done || index + 1 >= limit?.count ?? Step.defaultUntilCount || timedOut {
            loop.status = .succeeded
            loop.endTime = environment.now
            return loop
        }
        loop.outputs = ["iterations": .int(index + 2)]
        return loop
    }

    /// `limit.count` (1 to 5,000) and `limit.timeout`, each possibly an expression.
    static func limits(of step: Step, in environment: StepEnvironment) throws(StepFailure) -> (count: Int, timeout: ISO8601Duration, timeoutText: String) {
        let evaluated: JSONValue
        do { evaluated = try environment.evaluator.evaluateHidingSecrets(step.json["limit"] ?? .null).value } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, under: "limit"))
        }
        var count = Step.defaultUntilCount
        if let value = evaluated["count"] {
            guard let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }), (1...5000).contains(number) else {
                throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["limit", "count"])): the count must be a whole number from 1 to 5000")
            }
            count = number
        }
        let text = evaluated["timeout"]?.stringValue ?? Step.defaultUntilTimeout
        guard let timeout = ISO8601Duration(text) else {
            throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["limit", "timeout"])): \"\(text)\" is not an ISO 8601 duration (for example PT1H)")
        }
        return (count, timeout, text)
    }
}
