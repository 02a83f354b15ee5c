import HookflowModel

/// Mouse clicks: focus the clicked field, tick a checkbox, open a dropdown, choose an option.
extension StepForm {
    /// `problems` are those the form is drawn with (the designer's); nil validates `definition` here.
    mutating func click(x: Int, y: Int, area: Rect, definition: inout WorkflowDefinition, problems: [ValidationProblem]? = nil) -> FormOutcome {
        guard area.contains(x: x, y: y) else { return .notHandled }
        notice = nil
        guard let step = step(in: definition) else { return .handled }
        let fields = self.fields(for: tab, in: definition)
        settleFocus(in: fields)
        // Problems move lines: the click is read against the lines as drawn.
        let problems = problems ?? WorkflowValidator().validate(definition)
        let screen = StepFormLayout(form: self, step: step, definition: definition, problems: problems, area: area, glyphs: .unicode)
        guard let hit = screen.hit(x: x, y: y) else { return .handled }
        switch hit {
        case .tab(let clicked):
            if clicked != tab { switchTab(definition: definition, keepTabBar: true) }
            return .handled
        case .option(let option):
            guard let open = list, let field = fields.first(where: { $0.id == open.fieldID }) else { return .handled }
            list = nil
            return pick(option, in: field, definition: &definition)
        case .field(let index, let line, let part, let column):
            guard fields.indices.contains(index), fields[index].isFocusable else { return .handled }
            let field = fields[index]
            if list?.fieldID == field.id {
                list = nil
                return .handled
            }
            list = nil
            let wasFocused = focusedIndex(in: fields) == index && focus.part == part
            if !wasFocused { setFocus(index, part: part, in: fields) }
            switch field.kind {
            case .choice, .toggle, .addPair, .addParameter, .runAfter, .callbackURL:
                return handle(.enter, definition: &definition)
            case .json where wasFocused && line >= 0:
                if var draft = drafts[field.id] {
                    draft.area.moveCursor(row: draft.area.scrollRow + line, displayColumn: column)
                    drafts[field.id] = draft
                }
                return .handled
            case .text where wasFocused && column >= 0:
                placeCursor(atColumn: column)
                return .handled
            default:
                return .handled
            }
        }
    }

    /// Moves the text field's cursor to a clicked column (when its text is not scrolled).
    private mutating func placeCursor(atColumn column: Int) {
        guard var field = editor else { return }
        field.handle(.home)
        var used = 0
        for character in field.text {
            let width = CellWidth.of(character)
            if used + width > column { break }
            used += width
            field.handle(.right)
        }
        editor = field
    }
}
