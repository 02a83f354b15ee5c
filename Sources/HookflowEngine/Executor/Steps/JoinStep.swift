import HookflowModel

/// `Join`: the elements of `inputs.from` as text (as `join()` writes them: strings raw, numbers
/// as written, objects as JSON, null as nothing) separated by `inputs.joinWith`; `outputs.body`
/// is the string — the docs' `[1,2,3,4]` with `","` gives `"1,2,3,4"`.
enum JoinStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let source = try ItemSource(step, in: environment)
            let delimiter: ExpressionEvaluator.HiddenSecrets
            do throws(EvaluationFailure) { delimiter = try environment.evaluator.evaluateHidingSecrets(step.inputs?["joinWith"] ?? .null) } catch {
                throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, at: ["inputs", "joinWith"]))
            }
            guard let separator = delimiter.value.stringValue else {
                throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["inputs", "joinWith"])): the delimiter must be a string, not \(delimiter.value.tokenTypeName)")
            }
            let body = source.items.map(\.expressionText).joined(separator: separator)
            let shown = source.recordable.arrayValue.map { $0.map(\.expressionText).joined(separator: delimiter.forHistory.stringValue ?? separator) }
            record.inputs = environment.masker.inputs(["from": source.recordable, "joinWith": delimiter.forHistory], of: step)
            record.outputs = ["body": .string(body)]
            let secret = source.secret || delimiter.recordable != nil
            record.maskedOutputs = environment.masker.maskedOutputs(
                record.outputs, hidden: secret ? ["body": .string(shown ?? ExpressionEvaluator.secretPlaceholder)] : nil, of: step)
            return nil
        }
    }
}
