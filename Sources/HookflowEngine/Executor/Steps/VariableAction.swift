import HookflowModel

/// What the variable actions that change a variable share: their inputs `{name, value}`, the
/// variable they name, and how they record the change (`outputs.body` = `{name, value}` with the
/// variable's new value).
///
/// The codes are those Logic Apps lists for variable failures: `InvalidVariableInitialization`
/// (a value that does not fit the declared type, a variable initialized twice) and
/// `InvalidVariableOperation` (a value that does not fit, Increment on a string, ...).
struct VariableAction {
    let step: Step
    let environment: StepEnvironment
    let name: String
    /// `inputs.value` evaluated; nil when absent.
    let value: JSONValue?
    /// Whether the value read a secret.
    let valueIsSecret: Bool
    /// The inputs as run history may show them.
    let recordedInputs: JSONValue
    /// The variable named, as the run has it now.
    let variable: RunVariables.Variable

    init(_ step: Step, in environment: StepEnvironment) throws(StepFailure) {
        self.step = step
        self.environment = environment
        let hidden: ExpressionEvaluator.HiddenSecrets
        do { hidden = try environment.evaluator.evaluateHidingSecrets(step.inputs ?? .object(JSONObject())) } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step))
        }
        guard let name = hidden.value["name"]?.stringValue, !name.isEmpty else {
            throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["inputs", "name"])): the name of the variable is required")
        }
        guard let variable = environment.variables.variable(named: name) else {
            throw StepFailure(code: "InvalidTemplate",
                              message: "The variable '\(name)' is not initialized: an Initialize variable action at the top level must run before \(step.name)")
        }
        self.name = name
        self.variable = variable
        value = hidden.value["value"]
        valueIsSecret = hidden.recordable?["value"].map { $0 != hidden.value["value"] } ?? false
        recordedInputs = environment.masker.inputs(hidden.forHistory, of: step) ?? .null
    }

    /// The variable, when it has one of `types`; else the failure of this action on it.
    func requireType(_ types: Set<VariableType>) throws(StepFailure) -> RunVariables.Variable {
        guard types.contains(variable.type) else {
            let allowed = VariableType.allCases.filter(types.contains).map(\.rawValue).joined(separator: " and ")
            throw StepFailure(code: "InvalidVariableOperation",
                              message: "The variable '\(variable.name)' is of type '\(variable.type.rawValue)'; \(step.type ?? "") works on \(allowed) variables")
        }
        return variable
    }

    /// `inputs.value`, which this action needs (`what`: "to set", "to append").
    func requiredValue(_ what: String) throws(StepFailure) -> JSONValue {
        guard let value else {
            throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["inputs", "value"])): the value \(what) is required")
        }
        return value
    }

    /// The failure of a value that does not fit the variable's type.
    func misfit(_ value: JSONValue) -> StepFailure {
        Self.misfit(name: variable.name, type: variable.type, value: value, code: "InvalidVariableOperation")
    }

    static func misfit(name: String, type: VariableType, value: JSONValue, code: String) -> StepFailure {
        StepFailure(code: code, message: "The variable '\(name)' of type '\(type.rawValue)' cannot be initialized or updated with value of type "
            + "'\(value.tokenTypeName)'. The variable '\(name)' only supports values of types '\(type.rawValue)'.")
    }

    /// Records the variable's new value and returns the run's variables with it.
    func changed(to newValue: JSONValue, secret: Bool, record: inout StoredAction) -> RunVariables {
        var updated = variable
        updated.value = newValue
        updated.secret = secret
        var variables = environment.variables
        variables.put(updated)
        record.inputs = recordedInputs
        record.outputs = ["body": ["name": .string(variable.name), "value": newValue]]
        let shown: JSONValue? = secret ? ["body": ["name": .string(variable.name), "value": .string(ExpressionEvaluator.secretPlaceholder)]] : nil
        record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: shown, of: step)
        return variables
    }
}
