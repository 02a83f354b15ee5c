import HookflowModel

/// `Switch`: its expression is evaluated when it starts (`outputs.expression`); it stays `Running`
/// while the actions of the first case whose `case` equals that value run — or the default's when
/// none does — and the scheduler skips the others (`ActionBranchingConditionNotSatisfied`).
enum SwitchStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        let hidden: ExpressionEvaluator.HiddenSecrets
        do {
            hidden = try environment.evaluator.evaluateHidingSecrets(step.json["expression"] ?? .null)
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: environment.message(error, in: step, under: "expression"))
            return StepStart(record: record)
        }
        // Logic Apps compares the value with each case's: it must be a string or a number.
        guard hidden.value.stringValue != nil || hidden.value.numberValue != nil else {
            let shown = hidden.recordable == nil ? hidden.value.tokenTypeName : "a value read from a secret"
            environment.fail(&record, code: "InvalidTemplate",
                             message: "\(step.pointer / "expression"): the Switch expression evaluated to \(shown); it must give a string or a number to compare with the cases")
            return StepStart(record: record)
        }
        record.outputs = ["expression": hidden.value]
        record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: hidden.recordable.map { ["expression": $0] }, of: step)
        return StepStart(record: record)
    }

    /// The container that runs for `value`: the first case (in written order) whose `case` equals
    /// it, else the default's actions; nil when neither (nothing runs, the Switch succeeds).
    static func branch(of step: Step, for value: JSONValue) -> JSONPointer? {
        for entry in step.json["cases"]?.objectValue?.entries ?? [] where entry.value["case"] == value {
            return step.pointer.appending(["cases", entry.key, "actions"])
        }
        return step.json["default"]?["actions"]?.objectValue != nil ? step.pointer.appending(["default", "actions"]) : nil
    }
}
