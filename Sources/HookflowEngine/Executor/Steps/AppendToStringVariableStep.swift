import HookflowModel

/// `AppendToStringVariable`: `inputs.value` as text (as `string()` writes it) added at the end of
/// a String variable.
enum AppendToStringVariableStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let action = try VariableAction(step, in: environment)
            let variable = try action.requireType([.string])
            let text = (variable.value.stringValue ?? "") + (try action.requiredValue("to append")).expressionText
            return action.changed(to: .string(text), secret: variable.secret || action.valueIsSecret, record: &record)
        }
    }
}
