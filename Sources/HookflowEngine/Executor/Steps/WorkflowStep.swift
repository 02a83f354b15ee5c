import Foundation
import HookflowModel

/// `Workflow`: calls another app of this engine through its Request trigger, as Logic Apps calls
/// a nested workflow. The call is made in process (no HTTP, no signature: the engine is calling
/// itself) after the commit that records the action `Running`; the called app's run answers
/// like any Request trigger's caller hears it: its Response action's status, headers and body,
/// `202` when it has no Response, `502` when its run ended without one, `504` after the
/// response timeout. A 2xx answer succeeds the action, anything else fails it with the status's
/// name (`BadRequest`, ...). After a crash the action is made again, as an HTTP action is: the
/// called app may then see the call twice.
enum WorkflowStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        guard let inputs = environment.evaluatedInputs(of: step, into: &record) else { return StepStart(record: record) }
        var json = step.json
        json["inputs"] = inputs
        let called = Step(address: step.address, json: json)
        guard let app = called.calledWorkflowName else {
            environment.fail(&record, code: "InvalidTemplate",
                             message: "\(step.pointer.appending(["inputs", "host", "workflow", "id"])): the app to call is missing; name an app of this engine")
            return StepStart(record: record)
        }
        var headers: [(name: String, value: String)] = []
        for entry in inputs["headers"]?.objectValue?.entries ?? [] {
            headers.append((entry.key, entry.value.stringValue ?? JSONWriter.compact.string(from: entry.value)))
        }
        let request = OutboundRequest(method: "POST", uri: app, headers: headers, body: inputs["body"])
        return StepStart(record: record, effect: .callWorkflow(step: step, request: request, trigger: inputs["host"]?["triggerName"]?.stringValue))
    }

    /// Makes the call and returns the finished record.
    static func perform(_ step: Step, request: OutboundRequest, trigger: String?, record: StoredAction, engine: Engine, masker: SecretMasker) async -> StoredAction {
        var record = record
        do {
            let answer = try await engine.callWorkflow(request.uri, trigger: trigger, headers: request.headers, body: request.body, caller: record)
            var headers = JSONObject()
            for (name, value) in answer.headers { headers[name] = .string(value) }
            var outputs: JSONObject = ["statusCode": .int(answer.statusCode), "headers": .object(headers)]
            if let body = answer.body { outputs["body"] = body }
            record.outputs = .object(outputs)
            if (200..<300).contains(answer.statusCode) {
                record.status = .succeeded
            } else {
                record.status = .failed
                record.code = HttpStep.statusCode(answer.statusCode)
                let detail = answer.body?["error"]?["message"]?.stringValue.map { ": \($0)" } ?? ""
                record.error = ["code": .string(record.code ?? "ActionFailed"),
                                "message": .string(masker.maskText("app \"\(request.uri)\" answered \(answer.statusCode)\(detail)"))]
            }
        } catch {
            record.status = .failed
            record.code = error.code
            record.error = ["code": .string(error.code), "message": .string(masker.maskText(error.message))]
        }
        record.maskedOutputs = masker.maskedOutputs(record.outputs, of: step)
        record.endTime = engine.configuration.now()
        return record
    }
}
