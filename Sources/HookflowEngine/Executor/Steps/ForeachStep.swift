import HookflowModel

/// `Foreach`: its `foreach` array is evaluated once, when it starts, and recorded in its outputs
/// (`items`), so every iteration — after a restart too — sees the same elements. It stays
/// `Running` while the scheduler runs one iteration of its actions per element (so many at once,
/// ``RunScheduler``), each iteration's records under its own repetition.
enum ForeachStep {
    /// Logic Apps' limit on the elements of one Foreach.
    static let itemLimit = 100_000

    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        let hidden: ExpressionEvaluator.HiddenSecrets
        do { hidden = try environment.evaluator.evaluateHidingSecrets(step.json["foreach"] ?? .null) } catch {
            environment.fail(&record, code: "InvalidTemplate", message: environment.message(error, in: step, under: "foreach"))
            return StepStart(record: record)
        }
        guard let items = hidden.value.arrayValue else {
            let type = hidden.recordable == nil ? hidden.value.tokenTypeName : "a value read from a secret"
            environment.fail(&record, code: "InvalidTemplate",
                             message: "\(step.pointer / "foreach"): the 'foreach' expression of \(step.name) gave \(type); it must give an array")
            return StepStart(record: record)
        }
        guard items.count <= itemLimit else {
            environment.fail(&record, code: "InvalidTemplate",
                             message: "\(step.pointer / "foreach"): \(items.count) elements; a Foreach goes over at most \(itemLimit)")
            return StepStart(record: record)
        }
        record.inputs = environment.masker.inputs(["foreach": hidden.forHistory], of: step)
        record.outputs = ["items": hidden.value]
        record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: hidden.recordable.map { ["items": $0] }, of: step)
        return StepStart(record: record)
    }
}
