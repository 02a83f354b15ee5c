import HookflowModel

/// The Parameters tab of each step type.
extension FormFieldBuilder {
    mutating func addParameters(of step: Step) {
        let inputs = step.pointer / "inputs"
        if step.isTrigger, step.kind == .request || (step.kind == .httpWebhook && form.callbackURL != nil) {
            // Logic Apps shows a Request trigger's URL at the top of its card: what a service (or curl)
            // calls. A webhook trigger's (the one its subscribe hands out) shows once the app is published.
            fields.append(FormField(id: "#callbackURL", label: "Callback URL", kind: .callbackURL(form.callbackURL)))
        }
        switch step.kind {
        case .httpWebhook:
            let subscribe = inputs / "subscribe", unsubscribe = inputs / "unsubscribe"
            addMethodAndURI(of: subscribe, prefix: "Subscribe - ", acceptsURL: false)
            addMethodAndURI(of: unsubscribe, prefix: "Unsubscribe - ", acceptsURL: true)
            addOptional(Self.requestOptions(of: subscribe, prefix: "Subscribe - ", queries: false)
                + Self.requestOptions(of: unsubscribe, prefix: "Unsubscribe - ", queries: false))
        case .http:
            addMethodAndURI(of: inputs, prefix: "", acceptsURL: false)
            if step.isTrigger {
                // The polling trigger calls on its schedule.
                let recurrence = step.pointer / "recurrence"
                addChoice("Frequency", at: recurrence / "frequency", options: Recurrence.frequencies, required: true, placeholder: "Choose a frequency")
                addText("Interval", at: recurrence / "interval", required: true, number: true)
            }
            addOptional(Self.requestOptions(of: inputs, prefix: "", queries: true))
        case .compose:
            addJSON("Inputs", at: inputs, required: true, placeholder: "Enter JSON or text")
        case .wait:
            if value(at: inputs / "until") != nil {
                addText("Until", at: inputs.appending(["until", "timestamp"]), required: true, placeholder: "e.g. 2026-01-01T09:00:00Z")
            } else {
                addText("Count", at: inputs.appending(["interval", "count"]), required: true, number: true)
                addChoice("Unit", at: inputs.appending(["interval", "unit"]), options: WaitInputs.units, required: true, placeholder: "Choose a unit")
            }
        case .terminate:
            addChoice("Status", at: inputs / "runStatus", options: TerminateInputs.statuses, required: true, placeholder: "Choose a status")
            let failed = step.terminate?.runStatus?.lowercased() == "failed"
            if failed || value(at: inputs / "runError") != nil {
                addText("Code", at: inputs.appending(["runError", "code"]), placeholder: "e.g. OrderRejected")
                addText("Message", at: inputs.appending(["runError", "message"]), placeholder: "Why the run failed")
            }
        case .request:
            addChoice("Method", at: inputs / "method", options: ["Any"] + HttpRequestDefinition.methods, placeholder: "Any", noneOption: "Any")
            addText("Relative path", at: inputs / "relativePath", placeholder: "e.g. orders/{id}")
            addJSON("Request body JSON schema", at: inputs / "schema", placeholder: "{\"type\": \"object\"}")
        case .recurrence:
            let recurrence = step.pointer / "recurrence"
            addChoice("Frequency", at: recurrence / "frequency", options: Recurrence.frequencies, required: true, placeholder: "Choose a frequency")
            addText("Interval", at: recurrence / "interval", required: true, number: true)
            addOptional([
                OptionalParameter(label: "Start time", pointer: recurrence / "startTime", editor: .text(placeholder: "e.g. 2026-01-01T09:00:00Z")),
                OptionalParameter(label: "Time zone", pointer: recurrence / "timeZone", editor: .text(placeholder: "e.g. W. Europe Standard Time")),
            ])
        case .ifCondition:
            addJSON("Condition", at: step.pointer / "expression", required: true, placeholder: "@equals(triggerBody()?['status'], 'approved')")
            addNote("The True and False branches' actions are edited on the canvas.")
        case .response:
            addText("Status code", at: inputs / "statusCode", required: true, number: true)
            addJSON("Headers", at: inputs / "headers", placeholder: "{\"Content-Type\": \"application/json\"}")
            addJSON("Body", at: inputs / "body", placeholder: "Enter JSON or text")
            addNote("Answers the caller of the Request trigger, which waits for it (up to 2 minutes).")
        case .scope:
            addNote("A scope groups actions: they run together and the scope's status is theirs. Edit its actions on the canvas.")
        case .switchCase:
            addJSON("On", at: step.pointer / "expression", required: true, placeholder: "@triggerBody()?['kind']")
            addNote("Each case's value and actions, and the default's, are edited on the canvas and in the code view.")
        case .foreach:
            addJSON("For each", at: step.pointer / "foreach", required: true, placeholder: "@triggerBody()?['items']")
            addNote("The loop's actions are edited on the canvas; they run once per element, 20 at once unless Sequential.")
        case .until:
            addJSON("Loop until", at: step.pointer / "expression", required: true, placeholder: "@equals(variables('done'), true)")
            addText("Count", at: step.pointer.appending(["limit", "count"]), placeholder: "60", number: true)
            addText("Timeout", at: step.pointer.appending(["limit", "timeout"]), placeholder: "PT1H")
        case .workflow:
            // Where the file names the app (Standard's host.workflow.id, host.workflow.name, Consumption's host.id).
            let path = step.calledWorkflowReference?.path ?? ["workflow", "id"]
            addText("Workflow", at: (inputs / "host").appending(path), required: true, placeholder: "The app to call")
            addJSON("Body", at: inputs / "body", placeholder: "Enter JSON or text")
            addJSON("Headers", at: inputs / "headers", placeholder: "{\"x-key\": \"value\"}")
        case .dataOperation(let operation):
            addDataOperation(operation, of: step)
        case .variable(let operation):
            addVariable(operation, of: step)
        case .unsupported(let type):
            addNote("Hookflow keeps this \(type) step as it is but does not run it: a run fails when it gets here.")
            addJSON("Inputs", at: inputs, placeholder: "Enter JSON")
        case .missing:
            addNote("This step has no type, so Hookflow cannot run it. Edit its type in the code view.")
            addJSON("Inputs", at: inputs, placeholder: "Enter JSON")
        }
    }

    /// Method and URI of a request; `unsubscribe.url` (the Logic Apps docs' form) is read as the URI.
    private mutating func addMethodAndURI(of request: JSONPointer, prefix: String, acceptsURL: Bool) {
        addChoice("\(prefix)Method", at: request / "method", options: HttpRequestDefinition.methods, required: true, placeholder: "Choose a method")
        let readsURL = acceptsURL && value(at: request / "uri") == nil && value(at: request / "url") != nil
        addText("\(prefix)URI", at: request / "uri", readFrom: readsURL ? request / "url" : nil, required: true, placeholder: "Enter a URI")
    }

    /// The optional parts of a request, in the order the form lists them.
    private static func requestOptions(of request: JSONPointer, prefix: String, queries: Bool) -> [OptionalParameter] {
        [
            OptionalParameter(label: "\(prefix)Body", pointer: request / "body", editor: .json(placeholder: "Enter JSON or text")),
            OptionalParameter(label: "\(prefix)Headers", pointer: request / "headers", editor: .pairs(noun: "header")),
        ]
            + (queries ? [OptionalParameter(label: "\(prefix)Queries", pointer: request / "queries", editor: .pairs(noun: "query"))] : [])
            + [OptionalParameter(label: "\(prefix)Authentication", pointer: request / "authentication", editor: .authentication)]
    }
}
