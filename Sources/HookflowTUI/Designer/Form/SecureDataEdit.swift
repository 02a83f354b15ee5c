import HookflowModel

/// Secure inputs/outputs: `runtimeConfiguration.secureData.properties`.
enum SecureDataEdit {
    /// The key the step already uses (`runTimeConfiguration` in the docs' trigger sample), else `runtimeConfiguration`.
    static func configurationKey(of step: Step) -> String { step.runtimeConfigurationKey }

    /// The properties list with `property` on or off, in the order inputs, outputs (other strings
    /// kept after them); nil when it ends up empty.
    static func toggling(_ property: String, in old: JSONValue?, on: Bool) -> JSONValue? {
        let written = old?.arrayValue ?? []
        let names = Set(written.compactMap { $0.stringValue?.lowercased() }.filter { $0 == "inputs" || $0 == "outputs" })
            .union(on ? [property] : []).subtracting(on ? [] : [property])
        let others = written.filter { value in
            guard let text = value.stringValue?.lowercased() else { return true }
            return text != "inputs" && text != "outputs"
        }
        let list = ["inputs", "outputs"].filter(names.contains).map(JSONValue.string) + others
        // JSONValue is nil-literal-expressible: spell out "no value", not `null`.
        return list.isEmpty ? JSONValue?.none : .array(list)
    }
}
