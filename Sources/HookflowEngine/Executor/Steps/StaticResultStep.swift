import HookflowModel

/// An action whose static result is switched on (`runtimeConfiguration.staticResult` with
/// `"staticResultOptions": "Enabled"`) returns the entry of `definition.staticResults` it names
/// without running, whatever its type — how a workflow with Azure-only steps (ApiConnection,
/// ServiceProvider, ...) is tested locally. The entry gives the status (`Succeeded`, `Failed`,
/// ...), the `outputs`, and the `code` and `error` of a failure, as the Logic Apps designer's
/// Testing tab writes them:
///
/// ```json
/// "staticResults": {"HTTP0": {"status": "Succeeded", "outputs": {"statusCode": "200", "body": {...}}}}
/// ```
enum StaticResultStep {
    static func start(_ step: Step, named name: String, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        // The inputs as they would have been sent, when they can be evaluated; a static result
        // stands in for the call even where they cannot (a connection Hookflow does not have).
        if let inputs = step.inputs, let hidden = try? environment.evaluator.evaluateHidingSecrets(inputs) {
            record.inputs = environment.masker.inputs(hidden.forHistory, of: step)
        }
        guard let result = environment.plan.definition.staticResult(named: name) else {
            environment.fail(&record, code: "InvalidStaticResultName",
                             message: "\(step.name) uses static result \"\(name)\", which definition.staticResults does not define")
            return StepStart(record: record)
        }
        let statusText = result["status"]?.stringValue ?? "Succeeded"
        guard let status = ActionStatus.allCases.first(where: { $0.lowercasedName == statusText.lowercased() }), status.isFinished else {
            environment.fail(&record, code: "WorkflowInvalidStaticResults",
                             message: "static result \"\(name)\": status \"\(statusText)\" is not one of Succeeded, Failed, Skipped, TimedOut, Cancelled")
            return StepStart(record: record)
        }
        record.status = status
        record.endTime = environment.now
        record.outputs = result["outputs"]
        record.maskedOutputs = environment.masker.maskedOutputs(record.outputs, of: step)
        let error = result["error"]?.objectValue
        record.code = result["code"]?.stringValue ?? error?["code"]?.stringValue
        if status == .failed || status == .timedOut || error != nil {
            let code = error?["code"]?.stringValue ?? record.code ?? (status == .timedOut ? "ActionTimedOut" : "ActionFailed")
            record.code = record.code ?? code
            record.error = ["code": .string(code), "message": .string(error?["message"]?.stringValue ?? "The static result \"\(name)\" says \(status.rawValue).")]
        }
        return StepStart(record: record)
    }
}
