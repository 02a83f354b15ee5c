import HookflowModel

/// `If`: its condition is evaluated when it starts; it stays `Running` while the chosen branch
/// runs (the scheduler finishes it) and the other branch is skipped.
enum IfStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        do {
            let result = try ConditionEvaluator(evaluator: environment.evaluator).evaluate(step.json["expression"] ?? .null, at: step.pointer / "expression")
            record.outputs = ["expression": .bool(result)]
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: error.description)
        }
        return StepStart(record: record)
    }
}
