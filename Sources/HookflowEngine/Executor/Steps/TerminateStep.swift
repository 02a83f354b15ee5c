import HookflowModel

/// `Terminate`: succeeds and ends the run with its `runStatus` (Succeeded, Failed, Cancelled) and
/// `runError`; whatever else still runs or waits is cancelled in the same commit.
enum TerminateStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        let hidden = try? environment.evaluator.evaluateHidingSecrets(step.inputs ?? .null)
        // The run's error is run history too: it comes from what may be recorded.
        let inputs = (hidden?.forHistory).map(environment.masker.maskValues) ?? step.inputs ?? .null
        record.inputs = environment.masker.inputs(inputs, of: step)
        record.status = .succeeded
        record.endTime = environment.now
        let requested = inputs["runStatus"]?.stringValue.flatMap(RunStatus.init(caseInsensitive:)) ?? .failed
        let status: RunStatus = [.succeeded, .failed, .cancelled].contains(requested) ? requested : .failed
        let error: JSONValue? = status == .succeeded ? nil : [
            "code": .string(inputs["runError"]?["code"]?.stringValue ?? "Terminated"),
            "message": .string(inputs["runError"]?["message"]?.stringValue ?? "The run was terminated by \(step.name)."),
        ]
        return StepStart(record: record, end: RunEnd(status: status, error: error))
    }
}
