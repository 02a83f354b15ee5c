import HookflowModel

/// Which field has the keyboard, and moving it.
extension StepForm {
    /// The index of the focused field; when its id is gone (its row was removed), the focusable
    /// field nearest to where it was.
    func focusedIndex(in fields: [FormField]) -> Int {
        if let index = fields.firstIndex(where: { $0.id == focus.id }) { return index }
        let start = min(max(0, focusIndex), fields.count - 1)
        return (start..<fields.count).first { fields[$0].isFocusable }
            ?? (0..<start).reversed().first { fields[$0].isFocusable } ?? 0
    }

    /// Focuses a field (and one of its parts), loading its text into the editor.
    mutating func setFocus(_ index: Int, part: Int = 0, in fields: [FormField]) {
        guard fields.indices.contains(index) else { return }
        let field = fields[index]
        focus = FormFocus(id: field.id, part: part)
        focusIndex = index
        isRevealed = false
        focusTakesText = field.takesText
        switch field.kind {
        case .text(let spec): editor = TextField(spec.value)
        case .pair(let spec): editor = TextField(part == 0 ? spec.name : spec.value)
        case .json(let spec):
            editor = nil
            if drafts[field.id] == nil {
                drafts[field.id] = JSONDraft(area: TextArea(spec.text), label: field.label, pointer: spec.pointer)
            }
        default: editor = nil
        }
    }

    /// Makes sure the focus names a field that exists (after an edit removed the focused one).
    mutating func settleFocus(in fields: [FormField]) {
        let index = focusedIndex(in: fields)
        if fields.indices.contains(index), fields[index].id != focus.id { setFocus(index, in: fields) }
    }

    /// Moves to the next (or previous) focusable field; at either end the focus stays.
    mutating func moveFocus(by step: Int, in fields: [FormField], toLastPart: Bool = false) {
        var index = focusedIndex(in: fields) + step
        while fields.indices.contains(index), !fields[index].isFocusable { index += step }
        guard fields.indices.contains(index) else { return }
        setFocus(index, part: toLastPart && step < 0 ? Self.lastPart(of: fields[index]) : 0, in: fields)
    }

    /// Moves by several fields (PgUp/PgDn), stopping at the ends.
    mutating func jumpFocus(by count: Int, in fields: [FormField]) {
        for _ in 0..<abs(count) { moveFocus(by: count > 0 ? 1 : -1, in: fields) }
    }

    static func lastPart(of field: FormField) -> Int {
        switch field.kind {
        case .pair: 1
        default: 0
        }
    }

    /// Focuses the field with `id` in a freshly built list, if it is there.
    mutating func focus(id: String, part: Int = 0, in fields: [FormField]) {
        if let index = fields.firstIndex(where: { $0.id == id }) { setFocus(index, part: part, in: fields) }
    }
}
