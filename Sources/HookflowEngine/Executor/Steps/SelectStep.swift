import HookflowModel

/// `Select`: `inputs.select` (an object map, or any value or expression) evaluated once per
/// element of `inputs.from` with `item()` as that element; `outputs.body` is the array of results,
/// as long as `from`.
enum SelectStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let source = try ItemSource(step, in: environment)
            let map = step.inputs?["select"] ?? .null
            var results = HiddenValues()
            for index in source.items.indices { results.append(try source.evaluate(map, at: index, under: ["select"])) }
            record.inputs = environment.masker.inputs(["from": source.recordable, "select": map], of: step)
            record.outputs = ["body": .array(results.values)]
            record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: results.secret ? ["body": .array(results.shown)] : nil, of: step)
            return nil
        }
    }
}
