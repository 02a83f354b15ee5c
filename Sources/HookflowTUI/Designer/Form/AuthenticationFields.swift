import HookflowModel

/// The authentication selector and the fields of the chosen type.
extension FormFieldBuilder {
    mutating func addAuthentication(_ label: String, at pointer: JSONPointer) {
        let current = value(at: pointer)
        let type = current?["type"]?.stringValue
        let spec = Self.choice(
            type.map(JSONValue.string) ?? (current == nil ? JSONValue?.none : .string("")), options: Authentication.typeNames,
            noneOption: "None", placeholder: "Choose a type", action: .authenticationType(pointer))
        fields.append(FormField(id: pointer.description, label: label, pointers: [pointer], kind: .choice(spec)))
        guard let type else { return }
        let credentialType = current?["credentialType"]?.stringValue
        for field in Authentication.fields(forType: type, credentialType: credentialType) {
            if field.key == "credentialType" {
                addChoice(field.label, at: pointer / field.key, options: ["Secret", "Certificate"], placeholder: "Secret", indent: 2)
            } else {
                addText(field.label, at: pointer / field.key, required: field.required, secret: field.secret, indent: 2)
            }
        }
    }
}

/// Changing an authentication object's type.
enum AuthenticationEdit {
    /// `{"type": type}` plus the fields of the old object that the new type also has; nil for None.
    static func changing(_ old: JSONValue?, to type: String) -> JSONValue? {
        guard type.lowercased() != "none" else { return nil }
        var object = JSONObject()
        object["type"] = .string(type)
        let oldObject = old?.objectValue ?? JSONObject()
        let keys = Set(Authentication.fields(forType: type, credentialType: oldObject["credentialType"]?.stringValue).map(\.key))
        for entry in oldObject.entries where entry.key != "type" && keys.contains(entry.key) {
            object[entry.key] = entry.value
        }
        return .object(object)
    }
}
