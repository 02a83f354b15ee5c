import HookflowModel

/// `InitializeVariable`: declares each variable of `inputs.variables` (`{name, type, value}`) for
/// the rest of the run. A value that does not fit the type, or a name already initialized, fails
/// it (`InvalidVariableInitialization`); without a value the variable starts empty for its type
/// (0, "", [], {}, false). It records its inputs, evaluated, and has no outputs.
enum InitializeVariableStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let hidden: ExpressionEvaluator.HiddenSecrets
            do throws(EvaluationFailure) { hidden = try environment.evaluator.evaluateHidingSecrets(step.inputs ?? .object(JSONObject())) } catch {
                throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step))
            }
            guard let declarations = hidden.value["variables"]?.arrayValue, !declarations.isEmpty else {
                throw StepFailure(code: "InvalidVariableInitialization",
                                  message: "\(step.pointer.appending(["inputs", "variables"])): a list of variables (name, type, value) is required")
            }
            let shownDeclarations = hidden.recordable?["variables"]?.arrayValue
            var variables = environment.variables
            for (index, declaration) in declarations.enumerated() {
                let pointer = step.pointer.appending(["inputs", "variables"]).appending(index: index)
                guard let name = declaration["name"]?.stringValue, !name.isEmpty else {
                    throw StepFailure(code: "InvalidVariableInitialization", message: "\(pointer / "name"): the variable's name is required")
                }
                let typeText = declaration["type"]?.stringValue ?? ""
                guard let type = VariableType(caseInsensitive: typeText) else {
                    throw StepFailure(code: "InvalidVariableInitialization", message: "\(pointer / "type"): the type of variable '\(name)' must be one of "
                        + VariableType.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(typeText)'")
                }
                if let existing = variables.variable(named: name) {
                    throw StepFailure(code: "InvalidVariableInitialization", message: "The variable '\(existing.name)' is already initialized; a variable is initialized once per run")
                }
                let value = declaration["value"] ?? type.emptyValue
                guard type.accepts(value) else {
                    throw VariableAction.misfit(name: name, type: type, value: value, code: "InvalidVariableInitialization")
                }
                let shown = shownDeclarations.flatMap { $0.indices.contains(index) ? $0[index]["value"] : nil }
                variables.put(RunVariables.Variable(name: name, type: type, value: value, secret: shown != nil && shown != declaration["value"]))
            }
            record.inputs = environment.masker.inputs(hidden.forHistory, of: step)
            return variables
        }
    }
}
