import HookflowModel

/// `IncrementVariable` and `DecrementVariable`: add `inputs.value` (1 when absent) to an Integer
/// or Float variable, or take it away (`sign` -1). An Integer variable moves by whole numbers only.
/// `outputs.body` is `{name, value}` with the new value.
enum IncrementVariableStep {
    static func start(_ step: Step, by sign: Int, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let action = try VariableAction(step, in: environment)
            let variable = try action.requireType([.integer, .float])
            let amount = action.value.flatMap { $0.isNull ? nil : $0 } ?? 1
            guard let change = amount.numberValue, variable.type == .float || change.isInteger else { throw action.misfit(amount) }
            guard let current = variable.value.numberValue else {
                throw StepFailure(code: "InvalidVariableOperation", message: "The variable '\(variable.name)' has no value (null) to change")
            }
            let result: JSONValue
            if let a = current.intValue, let b = change.intValue {
                let (sum, overflow) = sign > 0 ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
                guard !overflow else {
                    throw StepFailure(code: "InvalidVariableOperation", message: "The variable '\(variable.name)' would go beyond the largest whole number")
                }
                result = .int(sum)
            } else {
                result = .double(current.doubleValue + Double(sign) * change.doubleValue)
            }
            return action.changed(to: result, secret: variable.secret || action.valueIsSecret, record: &record)
        }
    }
}
