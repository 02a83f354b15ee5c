import HookflowModel

/// The static result at the end of an action's Settings tab (Logic Apps' Testing tab): a switch,
/// and while it is on, the result the step returns instead of running: its status, the error of a
/// failure, and its outputs (status code, headers and body for steps that answer like HTTP).
extension FormFieldBuilder {
    mutating func addStaticResult(of step: Step) {
        guard !step.isTrigger else { return }
        let link = step.staticResultLink
        let configuration = step.pointer.appending([step.runtimeConfigurationKey, "staticResult"])
        let isOn = link?.isEnabled == true
        fields.append(FormField(
            id: "\(configuration)#switch", label: "Static result", pointers: [configuration],
            kind: .toggle(ToggleSpec(isOn: isOn, action: .staticResult))))
        guard let entry = definition.staticResultPointer(of: step) else { return }
        guard isOn else {
            if definition[pointer: entry] != nil {
                addNote("Off: the step runs. Its result \(entry.last ?? "") is kept for when it is switched on again.", label: "", pointer: nil)
            }
            return
        }
        addNote("The step returns this result without running. Switch it off before production.", pointer: nil)
        addChoice("Status", at: entry / "status", options: WorkflowDefinition.staticResultStatuses, required: true,
                  placeholder: "Succeeded", indent: 2)
        let status = value(at: entry / "status")?.stringValue?.lowercased()
        if status == "failed" || status == "timedout" || value(at: entry / "error") != nil {
            addText("Error code", at: entry.appending(["error", "code"]), placeholder: "e.g. BadRequest", indent: 2)
            addText("Error message", at: entry.appending(["error", "message"]), placeholder: "What went wrong", indent: 2)
        }
        let outputs = entry / "outputs"
        let outputsObject = value(at: outputs)?.objectValue
        // A free-form result (or one not shaped like a response) is edited whole, so nothing is hidden.
        let shapedLikeHTTP = step.hasHTTPOutputs && (value(at: outputs) == nil || outputsObject.map {
            $0.keys.allSatisfy { ["statusCode", "headers", "body"].contains($0) }
        } == true)
        if shapedLikeHTTP {
            addText("Status code", at: outputs / "statusCode", placeholder: "e.g. 200", number: true, indent: 2)
            addPairs("Headers", group: PairGroup(pointer: outputs / "headers", noun: "header"), indent: 2)
            addJSON("Body", at: outputs / "body", placeholder: "Enter JSON or text", indent: 2)
        } else {
            addJSON("Outputs", at: outputs, placeholder: "{\"body\": {...}}: what later steps read from outputs('\(step.name)')", indent: 2)
        }
    }
}
