import HookflowModel

/// Builds a tab's fields from the definition and the form's typing state.
///
/// The per-kind lists live in `FormFieldBuilder+Parameters.swift` and `+Settings.swift`; this file
/// holds the field makers they share.
struct FormFieldBuilder {
    let form: StepForm
    let definition: WorkflowDefinition
    var fields: [FormField] = []

    func value(at pointer: JSONPointer) -> JSONValue? { definition[pointer: pointer] }

    /// A value as a text field shows it: strings as they are, numbers as written, the rest as JSON.
    static func text(of value: JSONValue?) -> String {
        switch value {
        case nil, .null?: ""
        case .string(let text)?: text
        case let other?: JSONWriter.compact.string(from: other)
        }
    }

    // MARK: Field makers

    mutating func addText(
        _ label: String, at pointer: JSONPointer, readFrom readPointer: JSONPointer? = nil, required: Bool = false,
        placeholder: String? = nil, secret: Bool = false, number: Bool = false, indent: Int = 0
    ) {
        let read = readPointer ?? pointer
        let spec = TextFieldSpec(
            pointer: pointer, value: Self.text(of: value(at: read)),
            placeholder: placeholder ?? (required ? "Required" : ""), isSecret: secret, isNumber: number, isRequired: required)
        fields.append(FormField(
            id: pointer.description, label: label, isRequired: required, indent: indent,
            pointers: Array(Set([pointer, read])).sorted(), kind: .text(spec)))
    }

    mutating func addChoice(
        _ label: String, at pointer: JSONPointer, options: [String], required: Bool = false, placeholder: String,
        noneOption: String? = nil, action: ChoiceAction? = nil, indent: Int = 0
    ) {
        let current = value(at: pointer)
        fields.append(FormField(
            id: pointer.description, label: label, isRequired: required, indent: indent, pointers: [pointer],
            kind: .choice(Self.choice(current, options: options, noneOption: noneOption, placeholder: placeholder,
                                      action: action ?? .set(pointer, noneOption: noneOption)))))
    }

    /// A dropdown's state for a value: the matching option (ignoring case), or the raw value.
    static func choice(_ current: JSONValue?, options: [String], noneOption: String?, placeholder: String, action: ChoiceAction) -> ChoiceSpec {
        let text = current.map { Self.text(of: $0) } ?? ""
        var selected = options.firstIndex { $0.lowercased() == text.lowercased() }
        if current == nil, let noneOption { selected = options.firstIndex(of: noneOption) }
        let raw = selected == nil && !text.isEmpty ? text : nil
        return ChoiceSpec(options: options, selected: selected, rawValue: raw, placeholder: placeholder, action: action)
    }

    mutating func addJSON(_ label: String, at pointer: JSONPointer, required: Bool = false, placeholder: String, indent: Int = 0) {
        let id = pointer.description
        let text = form.drafts[id]?.area.text ?? JSONText.text(of: value(at: pointer))
        fields.append(FormField(
            id: id, label: label, isRequired: required, indent: indent, pointers: [pointer],
            kind: .json(JSONFieldSpec(pointer: pointer, text: text, placeholder: placeholder, isRequired: required))))
    }

    /// Header or query rows and the `+ Add` row; a value that is not an object of strings is
    /// edited as JSON instead, so nothing is lost.
    mutating func addPairs(_ label: String, group: PairGroup, indent: Int = 0) {
        let current = value(at: group.pointer)
        guard let rows = form.pairDrafts[group.id] ?? KeyValueRow.rows(of: current) else {
            addJSON(label, at: group.pointer, placeholder: "{\"name\": \"value\"}", indent: indent)
            return
        }
        for (index, row) in rows.enumerated() {
            fields.append(FormField(
                id: "\(group.id)#\(index)", label: index == 0 ? label : "", indent: indent,
                pointers: row.name.isEmpty ? [] : [group.pointer / row.name],
                kind: .pair(PairSpec(group: group, row: index, name: row.name, value: row.value))))
        }
        fields.append(FormField(
            id: "\(group.id)#add", label: rows.isEmpty ? label : "", indent: indent, pointers: [group.pointer], kind: .addPair(group)))
    }

    mutating func addNote(_ text: String, label: String = "", pointer: JSONPointer? = nil) {
        fields.append(FormField(id: "#note\(fields.count)", label: label, pointers: pointer.map { [$0] } ?? [], kind: .note(text)))
    }

    // MARK: Optional parameters

    /// Whether an optional parameter is on screen: it has a value, or the user added it.
    func isShown(_ parameter: OptionalParameter) -> Bool {
        value(at: parameter.pointer) != nil || form.addedParameters.contains(parameter.id)
            || form.pairDrafts[parameter.id] != nil || form.drafts[parameter.id] != nil
    }

    /// The shown optional parameters, in order, then `+ Add new parameter` for the others.
    mutating func addOptional(_ parameters: [OptionalParameter]) {
        for parameter in parameters where isShown(parameter) { add(parameter) }
        let hidden = parameters.filter { !isShown($0) }
        if !hidden.isEmpty {
            fields.append(FormField(id: "#addParameter", label: "+ Add new parameter", kind: .addParameter(hidden)))
        }
    }

    mutating func add(_ parameter: OptionalParameter) {
        switch parameter.editor {
        case .text(let placeholder): addText(parameter.label, at: parameter.pointer, placeholder: placeholder)
        case .json(let placeholder): addJSON(parameter.label, at: parameter.pointer, placeholder: placeholder)
        case .pairs(let noun): addPairs(parameter.label, group: PairGroup(pointer: parameter.pointer, noun: noun))
        case .authentication: addAuthentication(parameter.label, at: parameter.pointer)
        }
    }
}
