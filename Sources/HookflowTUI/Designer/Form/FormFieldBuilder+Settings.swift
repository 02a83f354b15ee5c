import HookflowModel

/// The Settings tab: timeout, retry policy, run after, secure inputs and outputs.
extension FormFieldBuilder {
    mutating func addSettings(of step: Step) {
        if !step.isTrigger || step.kind == .httpWebhook {
            addText("Timeout", at: step.pointer.appending(["limit", "timeout"]), placeholder: "ISO 8601, e.g. PT1H")
        }
        if step.kind == .http || step.kind == .httpWebhook {
            addRetryPolicy(at: step.pointer.appending(["inputs", "retryPolicy"]))
        }
        if step.kind == .foreach {
            // Logic Apps' concurrency control: iterations at once (1 to 50; 20 when absent).
            addText("Concurrency", at: step.pointer.appending([SecureDataEdit.configurationKey(of: step), "concurrency", "repetitions"]),
                    placeholder: "20 at once (1 to 50; 1: one at a time)", number: true)
        }
        if !step.isTrigger { addRunAfter(of: step) }
        let secure = step.secureData
        let configuration = SecureDataEdit.configurationKey(of: step)
        let pointer = step.pointer.appending([configuration, "secureData", "properties"])
        for (label, property, isOn) in [("Secure inputs", "inputs", secure.inputs), ("Secure outputs", "outputs", secure.outputs)] {
            fields.append(FormField(
                id: "\(pointer)#\(property)", label: label, pointers: [pointer],
                kind: .toggle(ToggleSpec(isOn: isOn, secureProperty: property))))
        }
        addStaticResult(of: step)
    }

    private mutating func addRetryPolicy(at pointer: JSONPointer) {
        let current = value(at: pointer)
        let kind = current.map(RetryPolicy.init(json:))?.kind ?? .default
        let spec = Self.choice(
            .string(RetryPolicyEdit.optionName(of: kind, written: current?["type"]?.stringValue)), options: RetryPolicyEdit.options,
            noneOption: nil, placeholder: "Default", action: .retryType(pointer))
        fields.append(FormField(id: pointer.description, label: "Retry policy", pointers: [pointer], kind: .choice(spec)))
        guard kind == .fixed || kind == .exponential else { return }
        addText("Count", at: pointer / "count", required: true, number: true, indent: 2)
        addText("Interval", at: pointer / "interval", required: true, placeholder: "e.g. PT7S", indent: 2)
        if kind == .exponential {
            addText("Minimum interval", at: pointer / "minimumInterval", placeholder: "PT5S", indent: 2)
            addText("Maximum interval", at: pointer / "maximumInterval", placeholder: "PT1H", indent: 2)
        }
    }

    private mutating func addRunAfter(of step: Step) {
        let pointer = step.pointer / "runAfter"
        let dependencies = step.runAfter
        if dependencies.isEmpty {
            let start = step.address.container == .actions ? "the trigger" : "its scope starts"
            addNote("Runs after \(start)", label: "Run after", pointer: pointer)
            return
        }
        addNote("Runs when each step below ends in a ticked status", label: "Run after", pointer: pointer)
        for dependency in dependencies {
            let rowPointer = pointer / dependency.predecessor
            fields.append(FormField(
                id: rowPointer.description, label: dependency.predecessor, indent: 2, pointers: [rowPointer],
                kind: .runAfter(RunAfterSpec(predecessor: dependency.predecessor, statuses: dependency.statuses))))
        }
    }
}
