import HookflowModel

/// `Compose`: its outputs are its inputs, evaluated — in place, recorded once, finished.
enum ComposeStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        do {
            let hidden = try environment.evaluator.evaluateHidingSecrets(step.inputs ?? .null)
            record.inputs = environment.masker.inputs(hidden.forHistory, of: step)
            record.outputs = hidden.value
            record.maskedOutputs = environment.masker.maskedOutputs(hidden.value, hidden: hidden.recordable, of: step)
            record.status = .succeeded
            record.endTime = environment.now
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: environment.message(error, in: step))
        }
        return StepStart(record: record)
    }
}
