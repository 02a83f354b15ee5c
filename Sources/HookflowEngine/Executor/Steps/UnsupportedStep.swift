import HookflowModel

/// Steps Hookflow loads and round-trips but does not run, and triggers placed as actions: they
/// fail at once, saying so.
enum UnsupportedStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        switch step.kind {
        case .unsupported(let type):
            environment.fail(&record, code: "ActionTypeNotSupported",
                             message: "Hookflow cannot run steps of type \"\(type)\"; this step loads and round-trips but does not run")
        default:
            environment.fail(&record, code: "ActionTypeNotSupported", message: "\"\(step.name)\" cannot run as an action (type \"\(step.type ?? "none")\")")
        }
        return StepStart(record: record)
    }
}
