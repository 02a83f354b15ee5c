import HookflowModel

/// `SetVariable`: gives the variable `inputs.name` the value `inputs.value`, which must fit its
/// declared type (`InvalidVariableOperation` otherwise). `outputs.body` is `{name, value}`.
enum SetVariableStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let action = try VariableAction(step, in: environment)
            let value = try action.requiredValue("to set")
            guard action.variable.type.accepts(value) else { throw action.misfit(value) }
            return action.changed(to: value, secret: action.valueIsSecret, record: &record)
        }
    }
}
