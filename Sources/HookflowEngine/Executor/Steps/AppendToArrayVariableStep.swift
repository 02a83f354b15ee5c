import HookflowModel

/// `AppendToArrayVariable`: `inputs.value` (of any type) becomes the last element of an Array
/// variable — the docs' `[1, 2, 3]` with `"red"` gives `[1, 2, 3, "red"]`.
enum AppendToArrayVariableStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let action = try VariableAction(step, in: environment)
            let variable = try action.requireType([.array])
            let value = try action.requiredValue("to append")
            return action.changed(to: .array((variable.value.arrayValue ?? []) + [value]), secret: variable.secret || action.valueIsSecret, record: &record)
        }
    }
}
