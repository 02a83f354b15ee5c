import HookflowModel

/// `ParseJson`: `inputs.content` (JSON text is parsed; any other value is taken as it is) checked
/// against `inputs.schema`; `outputs.body` is the content. Text that is not JSON fails the action
/// with `InvalidJSON`; content that does not fit the schema fails it as Logic Apps does, with
/// `ValidationFailed` ("The schema validation failed.") and each misfit listed in `outputs.errors`
/// (`Invalid type. Expected String but got Null.` at path `Member.Email`).
enum ParseJsonStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        let content: ExpressionEvaluator.HiddenSecrets
        let schema: JSONValue
        do {
            content = try environment.evaluator.evaluateHidingSecrets(step.inputs?["content"] ?? .null)
            schema = try environment.evaluator.evaluate(step.inputs?["schema"] ?? .object(JSONObject()))
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: environment.message(error, in: step))
            return StepStart(record: record)
        }
        record.inputs = environment.masker.inputs(["content": content.forHistory, "schema": schema], of: step)
        let secret = content.recordable != nil
        var body = content.value
        var shownBody = content.forHistory
        if case .string(let text) = content.value {
            do {
                body = try JSONParser.parse(text, maximumDepth: JSONValue.maximumDepth)
            } catch {
                let detail = secret ? "(the content was read from a secret; the details are hidden)" : "(\(error))"
                environment.fail(&record, code: "InvalidJSON", message: "\(step.pointer.appending(["inputs", "content"])): the content is not valid JSON \(detail)")
                return StepStart(record: record)
            }
            if secret { shownBody = .string(ExpressionEvaluator.secretPlaceholder) } else { shownBody = body }
        }
        let errors = JSONSchemaCheck.errors(of: body, against: schema, quotingValues: !secret)
        var outputs: JSONObject = ["body": body]
        var shown: JSONObject = ["body": shownBody]
        if !errors.isEmpty {
            outputs["errors"] = .array(errors.map(\.json))
            shown["errors"] = outputs["errors"]
        }
        record.outputs = .object(outputs)
        record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, hidden: secret ? .object(shown) : nil, of: step)
        if errors.isEmpty {
            record.status = .succeeded
            record.endTime = environment.now
        } else {
            environment.fail(&record, code: "ValidationFailed", message: "The schema validation failed.")
        }
        return StepStart(record: record)
    }
}
