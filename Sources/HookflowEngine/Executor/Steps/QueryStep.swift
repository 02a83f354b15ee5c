import HookflowModel

/// `Query` (Filter array): the elements of `inputs.from` for which `inputs.where` holds, in order,
/// with `item()` as the element tested — an expression (`@greater(item(), 2)`) or the designer's
/// condition object. `outputs.body` is the filtered array (empty when nothing matches).
enum QueryStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let source = try ItemSource(step, in: environment)
            let condition = step.inputs?["where"] ?? .null
            var kept: [JSONValue] = []
            var shown: [JSONValue] = []
            for index in source.items.indices {
                let holds: Bool
                do throws(ConditionError) {
                    holds = try ConditionEvaluator(evaluator: source.evaluator(at: index)).evaluate(condition, at: step.pointer.appending(["inputs", "where"]))
                } catch {
                    throw StepFailure(code: "InvalidTemplate", message: "\(error.description) (item \(index))")
                }
                guard holds else { continue }
                kept.append(source.items[index])
                shown.append(source.shownItem(index))
            }
            record.inputs = environment.masker.inputs(["from": source.recordable, "where": condition], of: step)
            record.outputs = ["body": .array(kept)]
            record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: source.secret ? ["body": .array(shown)] : nil, of: step)
            return nil
        }
    }
}
