extension Step {
    /// The name of the static result the step returns instead of running, when its
    /// `runtimeConfiguration.staticResult` is switched on (`"staticResultOptions": "Enabled"`);
    /// nil when it has none or it is `Disabled` (the designer keeps the values when it switches off).
    public var enabledStaticResultName: String? {
        let configuration = json["runtimeConfiguration"] ?? json["runTimeConfiguration"]
        guard let staticResult = configuration?["staticResult"], let name = staticResult["name"]?.stringValue,
            staticResult["staticResultOptions"]?.stringValue?.lowercased() == "enabled"
        else { return nil }
        return name
    }
}

extension WorkflowDefinition {
    /// The entry of `staticResults` named `name` (exactly, else differing only in case):
    /// `{"status", "code"?, "error"?, "outputs"?}`.
    public func staticResult(named name: String) -> JSONObject? {
        guard let results = json["staticResults"]?.objectValue else { return nil }
        if let exact = results[name]?.objectValue { return exact }
        let lowered = name.lowercased()
        return results.entries.first { $0.key.lowercased() == lowered }?.value.objectValue
    }
}
