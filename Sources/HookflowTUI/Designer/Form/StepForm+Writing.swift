import HookflowModel

/// Writing what the user typed or chose into the definition.
extension StepForm {
    /// Containers the form removes when its edit leaves them empty (`"limit": {}` means nothing).
    private static let prunable: Set<String> = ["limit", "secureData", "concurrency", "runtimeConfiguration", "runTimeConfiguration"]

    /// Sets (nil: removes) the value at `pointer`; returns whether the definition changed.
    ///
    /// `JSONValue` takes `nil` literals as `null`: callers pass `JSONValue?.none` to remove.
    @discardableResult
    static func write(_ value: JSONValue?, at pointer: JSONPointer, in definition: inout WorkflowDefinition) -> Bool {
        // Writing a URI read from `url` finds no `uri` here, so it is a change: setValue renames the key.
        guard definition[pointer: pointer] != value else { return false }
        do {
            try definition.setValue(value, at: pointer)
        } catch {
            return false
        }
        guard value == nil else { return true }
        var parent = pointer.parent
        while let container = parent, let last = container.last, prunable.contains(last),
            definition[pointer: container]?.objectValue?.isEmpty == true
        {
            try? definition.setValue(nil, at: container)
            parent = container.parent
        }
        return true
    }

    /// A text field's value: a whole number for number fields, else the text; empty text removes
    /// an optional value and leaves `""` in a required one, so validation says it is required.
    static func value(ofText text: String, spec: TextFieldSpec) -> JSONValue? {
        if text.isEmpty { return spec.isRequired && !spec.isNumber ? .string("") : JSONValue?.none }
        if spec.isNumber, let number = Int(text) { return .int(number) }
        return .string(text)
    }

    /// Writes the focused text field's editor text.
    mutating func writeEditor(of field: FormField, spec: TextFieldSpec, definition: inout WorkflowDefinition) -> Bool {
        guard let editor else { return false }
        addedParameters.insert(field.id)
        return Self.write(Self.value(ofText: editor.text, spec: spec), at: spec.pointer, in: &definition)
    }

    /// Writes a multi-line field's draft: JSON when it parses, else the text as a string.
    mutating func writeDraft(of field: FormField, spec: JSONFieldSpec, definition: inout WorkflowDefinition) -> Bool {
        guard let text = drafts[field.id]?.area.text else { return false }
        addedParameters.insert(field.id)
        let value: JSONValue? = text.isEmpty ? (spec.isRequired ? .string("") : JSONValue?.none) : JSONText.value(of: text).value
        return Self.write(value, at: spec.pointer, in: &definition)
    }

    /// Replaces a group's rows and writes the whole object, in row order (nil: no rows left).
    mutating func writePairs(_ rows: [KeyValueRow], of group: PairGroup, definition: inout WorkflowDefinition) -> Bool {
        pairDrafts[group.id] = rows
        return Self.write(KeyValueRow.value(of: rows), at: group.pointer, in: &definition)
    }

    /// Applies a dropdown choice.
    mutating func choose(_ option: String, for field: FormField, spec: ChoiceSpec, definition: inout WorkflowDefinition) -> Bool {
        addedParameters.insert(field.id)
        switch spec.action {
        case .set(let pointer, let noneOption):
            return Self.write(option == noneOption ? JSONValue?.none : .string(option), at: pointer, in: &definition)
        case .authenticationType(let pointer):
            let old = definition[pointer: pointer]
            let currentType = old?["type"]?.stringValue ?? (old == nil ? "None" : "")
            guard currentType.lowercased() != option.lowercased() else { return false }
            return Self.write(AuthenticationEdit.changing(old, to: option), at: pointer, in: &definition)
        case .retryType(let pointer):
            guard spec.shownValue != option else { return false }
            return Self.write(RetryPolicyEdit.changing(definition[pointer: pointer], to: option), at: pointer, in: &definition)
        case .setLowercased(let pointer):
            // A value already written in another case stays as it is when it is the same type.
            guard definition[pointer: pointer]?.stringValue?.lowercased() != option.lowercased() else { return false }
            return Self.write(.string(option.lowercased()), at: pointer, in: &definition)
        case .tableColumns(let pointer):
            guard spec.shownValue != option else { return false }
            let custom: JSONValue = [["header": "", "value": ""]]
            return Self.write(option == "Custom" ? custom : JSONValue?.none, at: pointer, in: &definition)
        }
    }

    /// Ticks or clears secure inputs/outputs, or switches the static result on or off.
    mutating func toggle(_ spec: ToggleSpec, definition: inout WorkflowDefinition) -> Bool {
        guard let step = step(in: definition) else { return false }
        guard case .secure(let property) = spec.action else {
            let before = definition
            try? definition.setStaticResult(enabled: !spec.isOn, at: address)
            return definition != before
        }
        let pointer = step.pointer.appending([SecureDataEdit.configurationKey(of: step), "secureData", "properties"])
        let value = SecureDataEdit.toggling(property, in: definition[pointer: pointer], on: !spec.isOn)
        return Self.write(value, at: pointer, in: &definition)
    }

    /// Ticks or clears one run-after status; refuses to clear the last one, and says why.
    mutating func toggleRunAfter(_ spec: RunAfterSpec, part: Int, definition: inout WorkflowDefinition) -> Bool {
        let status = RunAfterStatus.allCases[min(max(0, part), RunAfterStatus.allCases.count - 1)]
        guard let statuses = RunAfterEdit.toggling(status, in: spec.statuses) else {
            notice = "A step needs at least one status to run after \"\(spec.predecessor)\": tick another one first."
            return false
        }
        let pointer = address.pointer.appending(["runAfter", spec.predecessor])
        return Self.write(.array(statuses.map(JSONValue.string)), at: pointer, in: &definition)
    }
}
