import HookflowModel

/// The retry policy dropdown: its options and what choosing one writes.
enum RetryPolicyEdit {
    static let options = ["Default", "None", "Fixed", "Exponential"]

    /// The option a policy shows as; an unknown type shows as written.
    static func optionName(of kind: RetryPolicy.Kind, written: String?) -> String {
        switch kind {
        case .default: "Default"
        case .none: "None"
        case .fixed: "Fixed"
        case .exponential: "Exponential"
        case .unknown: written ?? ""
        }
    }

    /// The policy after choosing `option`: nil for Default (an absent policy is the default), the
    /// type in lower case as Logic Apps writes it, and a count and interval filled in from the
    /// default policy when a fixed or exponential policy needs them. Keys the form does not know stay.
    static func changing(_ old: JSONValue?, to option: String) -> JSONValue? {
        let type = option.lowercased()
        guard type != "default" else { return nil }
        var object = old?.objectValue ?? JSONObject()
        object["type"] = .string(type)
        let standard = RetryPolicy.standard
        switch type {
        case "fixed", "exponential":
            if object["count"] == nil { object["count"] = .int(standard.count ?? 4) }
            if object["interval"] == nil { object["interval"] = .string(standard.interval ?? "PT7S") }
            if type == "fixed" {
                object["minimumInterval"] = nil
                object["maximumInterval"] = nil
            }
        default:
            for key in ["count", "interval", "minimumInterval", "maximumInterval"] { object[key] = nil }
        }
        return .object(object)
    }
}
