/// Switching a step's static result on and off, as the Logic Apps designer's Testing tab does:
/// the step names an entry of `definition.staticResults` in
/// `runtimeConfiguration.staticResult` (`{"name": "HTTP0", "staticResultOptions": "Enabled"}`),
/// and switching it off sets `Disabled` while the entry and the link stay, so switching it on
/// again brings the same result back.
extension Step {
    /// The step's `runtimeConfiguration.staticResult` (also spelled `runTimeConfiguration`),
    /// switched on or not; nil when the step has none.
    public var staticResultLink: (name: String, isEnabled: Bool)? {
        let configuration = json["runtimeConfiguration"] ?? json["runTimeConfiguration"]
        guard let name = configuration?["staticResult"]?["name"]?.stringValue else { return nil }
        return (name, enabledStaticResultName != nil)
    }

    /// The configuration key the step already uses, else `runtimeConfiguration`.
    public var runtimeConfigurationKey: String {
        json["runtimeConfiguration"] == nil && json["runTimeConfiguration"] != nil ? "runTimeConfiguration" : "runtimeConfiguration"
    }

    /// Whether the step's outputs look like an HTTP response (`statusCode`, `headers`, `body`):
    /// the HTTP and webhook steps, a called workflow, and Azure's connector calls.
    public var hasHTTPOutputs: Bool {
        switch kind {
        case .http, .httpWebhook, .workflow: true
        case .unsupported(let type):
            ["apiconnection", "apiconnectionwebhook", "function", "apimanagement"].contains(type.lowercased())
        default: false
        }
    }
}

extension WorkflowDefinition {
    /// The statuses a static result may give (the engine refuses the others at run time).
    public static let staticResultStatuses = ["Succeeded", "Failed", "Skipped", "TimedOut", "Cancelled"]

    /// Switches the static result of an action on or off.
    ///
    /// On: a step without a link gets one to a new entry `<Step>0` (`<Step>1`, … when that name is
    /// taken by another entry or another step's link), holding `Succeeded` and, for steps with
    /// HTTP outputs, `statusCode` 200, no headers and an empty body; a link to an entry that does
    /// not exist gets that entry. Off: `staticResultOptions` becomes `Disabled`; the entry stays.
    public mutating func setStaticResult(enabled: Bool, at address: StepAddress) throws(EditError) {
        guard let step = step(at: address) else { throw .stepNotFound(address) }
        let link = step.pointer.appending([step.runtimeConfigurationKey, "staticResult"])
        if !enabled {
            guard step.staticResultLink != nil else { return }
            try setValue("Disabled", at: link / "staticResultOptions")
            return
        }
        let name = step.staticResultLink?.name ?? newStaticResultName(for: step.name)
        if step.staticResultLink == nil {
            try setValue(["name": .string(name), "staticResultOptions": "Enabled"], at: link)
        } else {
            try setValue("Enabled", at: link / "staticResultOptions")
        }
        guard staticResult(named: name) == nil else { return }
        var entry: JSONObject = ["status": "Succeeded"]
        if step.hasHTTPOutputs {
            entry["outputs"] = ["statusCode": 200, "headers": .object(JSONObject()), "body": .object(JSONObject())]
        }
        try setValue(.object(entry), at: JSONPointer(["staticResults", name]))
    }

    /// Gives the step a copy of the static result it shares with another step (a duplicate
    /// starts with its original's link), so that editing one step's result leaves the other's
    /// alone. Does nothing when no other step links the same entry, or the entry does not exist.
    public mutating func copySharedStaticResult(at address: StepAddress) throws(EditError) {
        guard let step = step(at: address), let link = step.staticResultLink, let entry = staticResult(named: link.name) else { return }
        let lowered = link.name.lowercased()
        guard allSteps.contains(where: { $0.address != address && $0.staticResultLink?.name.lowercased() == lowered }) else { return }
        let name = newStaticResultName(for: step.name)
        try setValue(.object(entry), at: JSONPointer(["staticResults", name]))
        try setValue(.string(name), at: step.pointer.appending([step.runtimeConfigurationKey, "staticResult", "name"]))
    }

    /// `<Step>0`, or the first `<Step>N` that no entry of `staticResults` and no step's link uses.
    public func newStaticResultName(for stepName: String) -> String {
        var taken = Set((json["staticResults"]?.objectValue?.keys ?? []).map { $0.lowercased() })
        for step in allSteps { if let link = step.staticResultLink { taken.insert(link.name.lowercased()) } }
        var index = 0
        while taken.contains("\(stepName)\(index)".lowercased()) { index += 1 }
        return "\(stepName)\(index)"
    }

    /// Where the entry a step links to lives (`/staticResults/HTTP0`), written in the case the
    /// definition already uses for it; nil when the step has no link.
    public func staticResultPointer(of step: Step) -> JSONPointer? {
        guard let name = step.staticResultLink?.name else { return nil }
        let lowered = name.lowercased()
        let key = json["staticResults"]?.objectValue?.keys.first { $0 == name }
            ?? json["staticResults"]?.objectValue?.keys.first { $0.lowercased() == lowered } ?? name
        return JSONPointer(["staticResults", key])
    }
}
