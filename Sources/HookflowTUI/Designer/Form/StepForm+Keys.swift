import HookflowModel

/// Keys: an open list first, then the focused field, then moving between fields.
///
/// | key | does |
/// | --- | --- |
/// | Tab / Shift-Tab | next / previous field (wraps); in a header row, name → value → next row |
/// | Down / Up | next / previous field (inside a JSON editor: next / previous line) |
/// | Enter | next field; opens a dropdown; new line in a JSON editor; ticks a checkbox |
/// | Space | opens a dropdown; ticks a checkbox or run-after status |
/// | Left / Right | change a closed dropdown's value; switch tabs on the tab bar; move between run-after statuses |
/// | Ctrl-T (`[` `]` when not typing) | switch between Parameters and Settings |
/// | Ctrl-O | show or hide the focused secret |
/// | c, Enter | on the trigger's callback URL: copy it |
/// | Delete / Ctrl-D | remove an empty header row |
/// | PgUp / PgDn | move five fields |
/// | Esc | close the open list, else close the form |
extension StepForm {
    mutating func handle(_ key: Key, definition: inout WorkflowDefinition) -> FormOutcome {
        notice = nil
        guard step(in: definition) != nil else { return key == .escape ? .close : .notHandled }
        var fields = self.fields(for: tab, in: definition)
        settleFocus(in: fields)
        if list != nil {
            if let outcome = handleList(key, fields: fields, definition: &definition) { return outcome }
            fields = self.fields(for: tab, in: definition)
        }
        if key == .ctrl("t") {
            switchTab(definition: definition, keepTabBar: false)
            return .handled
        }
        let field = fields[focusedIndex(in: fields)]
        if let outcome = handleFieldKey(key, field: field, fields: fields, definition: &definition) { return outcome }
        return handleNavigation(key, field: field, fields: fields, definition: definition)
    }

    // MARK: The open list

    /// Keys for the open list; nil when the list closed and the key is the form's (Tab).
    private mutating func handleList(_ key: Key, fields: [FormField], definition: inout WorkflowDefinition) -> FormOutcome? {
        guard var open = list else { return nil }
        let result = open.handle(key)
        list = open
        switch result {
        case .moved: return .handled
        case .cancelled:
            list = nil
            return .handled
        case .ignored:
            list = nil
            return nil
        case .chosen(let index):
            list = nil
            guard let field = fields.first(where: { $0.id == open.fieldID }) else { return .handled }
            return pick(index, in: field, definition: &definition)
        }
    }

    /// Applies the option at `index` of a field's list.
    mutating func pick(_ index: Int, in field: FormField, definition: inout WorkflowDefinition) -> FormOutcome {
        switch field.kind {
        case .choice(let spec):
            guard spec.options.indices.contains(index) else { return .handled }
            return choose(spec.options[index], for: field, spec: spec, definition: &definition) ? .edited : .handled
        case .addParameter(let parameters):
            guard parameters.indices.contains(index) else { return .handled }
            show(parameters[index], definition: definition)
            return .handled
        default:
            return .handled
        }
    }

    /// Shows an optional parameter (empty) and focuses it.
    mutating func show(_ parameter: OptionalParameter, definition: WorkflowDefinition) {
        addedParameters.insert(parameter.id)
        var target = parameter.id
        if case .pairs = parameter.editor, KeyValueRow.rows(of: definition[pointer: parameter.pointer]) != nil {
            pairDrafts[parameter.id] = (pairDrafts[parameter.id] ?? []) + [KeyValueRow(name: "", value: "")]
            target = "\(parameter.id)#0"
        }
        focus(id: target, in: self.fields(for: tab, in: definition))
    }

    mutating func openList(for field: FormField, options: [String], highlighted: Int?) {
        list = DropdownList(fieldID: field.id, options: options, highlighted: highlighted)
    }

    mutating func switchTab(definition: WorkflowDefinition, keepTabBar: Bool) {
        tab = tab.other
        list = nil
        let fields = self.fields(for: tab, in: definition)
        let first = keepTabBar ? 0 : Self.firstField(in: fields)
        setFocus(first, in: fields)
    }

    // MARK: The focused field

    /// What the focused field does with a key; nil when it leaves the key to navigation.
    private mutating func handleFieldKey(_ key: Key, field: FormField, fields: [FormField], definition: inout WorkflowDefinition) -> FormOutcome? {
        switch field.kind {
        case .tabs:
            guard key == .left || key == .right else { return nil }
            switchTab(definition: definition, keepTabBar: true)
            return .handled
        case .text(let spec):
            if Self.isNavigationKey(key) { return nil }
            if key == .ctrl("o"), spec.isSecret {
                isRevealed.toggle()
                return .handled
            }
            guard editor?.handle(key) == true else { return nil }
            return writeEditor(of: field, spec: spec, definition: &definition) ? .edited : .handled
        case .json(let spec):
            return handleJSONKey(key, field: field, spec: spec, definition: &definition)
        case .choice(let spec):
            return handleChoiceKey(key, field: field, spec: spec, definition: &definition)
        case .pair(let spec):
            return handlePairKey(key, field: field, spec: spec, fields: fields, definition: &definition)
        case .addPair(let group):
            guard key == .enter || key == .character(" ") else { return nil }
            let rows = (pairDrafts[group.id] ?? KeyValueRow.rows(of: definition[pointer: group.pointer]) ?? []) + [KeyValueRow(name: "", value: "")]
            pairDrafts[group.id] = rows
            focus(id: "\(group.id)#\(rows.count - 1)", in: self.fields(for: tab, in: definition))
            return .handled
        case .toggle(let spec):
            guard key == .enter || key == .character(" ") else { return nil }
            return toggle(spec, definition: &definition) ? .edited : .handled
        case .runAfter(let spec):
            switch key {
            case .left, .right:
                let part = focus.part + (key == .left ? -1 : 1)
                focus.part = min(max(0, part), RunAfterStatus.allCases.count - 1)
                return .handled
            case .enter, .character(" "):
                return toggleRunAfter(spec, part: focus.part, definition: &definition) ? .edited : .handled
            default: return nil
            }
        case .addParameter(let parameters):
            guard key == .enter || key == .character(" ") else { return nil }
            openList(for: field, options: parameters.map(\.label), highlighted: 0)
            return .handled
        case .note:
            return nil
        case .callbackURL(let state):
            guard key == .enter || key == .character(" ") || key == .character("c") else { return nil }
            switch state {
            case .loaded(let url)?: return .copy(url)
            case .loading?: notice = "Asking the engine for the URL..."
            case .failed(let why)?: notice = "No URL: \(why)"
            case nil: notice = "The app gets its callback URLs when it is published: Ctrl-S"
            }
            return .handled
        }
    }

    private static func isNavigationKey(_ key: Key) -> Bool {
        [.tab, .backTab, .enter, .up, .down, .escape, .pageUp, .pageDown].contains(key)
    }

    private mutating func handleJSONKey(_ key: Key, field: FormField, spec: JSONFieldSpec, definition: inout WorkflowDefinition) -> FormOutcome? {
        var draft = drafts[field.id] ?? JSONDraft(area: TextArea(spec.text), label: field.label, pointer: spec.pointer)
        switch key {
        case .tab, .backTab, .escape: return nil
        case .up where draft.area.isOnFirstLine, .down where draft.area.isOnLastLine: return nil
        default: break
        }
        let before = draft.area.text
        guard draft.area.handle(key) else { return nil }
        drafts[field.id] = draft
        guard draft.area.text != before else { return .handled }
        return writeDraft(of: field, spec: spec, definition: &definition) ? .edited : .handled
    }

    private mutating func handleChoiceKey(_ key: Key, field: FormField, spec: ChoiceSpec, definition: inout WorkflowDefinition) -> FormOutcome? {
        switch key {
        case .enter, .character(" "):
            openList(for: field, options: spec.options, highlighted: spec.selected)
            return .handled
        case .left, .right:
            guard !spec.options.isEmpty else { return .handled }
            let count = spec.options.count
            let index = ((spec.selected ?? (key == .right ? -1 : 0)) + (key == .right ? 1 : -1) + count) % count
            return choose(spec.options[index], for: field, spec: spec, definition: &definition) ? .edited : .handled
        case .character(let character):
            // Typing on a closed dropdown opens it at the first option that starts with the letter.
            var opened = DropdownList(fieldID: field.id, options: spec.options, highlighted: spec.selected)
            guard opened.firstMatch(String(character)) != nil else { return nil }
            opened.typeAhead(character)
            list = opened
            return .handled
        default:
            return nil
        }
    }

    private mutating func handlePairKey(
        _ key: Key, field: FormField, spec: PairSpec, fields: [FormField], definition: inout WorkflowDefinition
    ) -> FormOutcome? {
        let index = focusedIndex(in: fields)
        var rows = pairDrafts[spec.group.id] ?? KeyValueRow.rows(of: definition[pointer: spec.group.pointer]) ?? []
        guard rows.indices.contains(spec.row) else { return nil }
        switch key {
        case .tab, .enter:
            guard focus.part == 0 else { return nil }
            setFocus(index, part: 1, in: fields)
            return .handled
        case .backTab:
            guard focus.part == 1 else { return nil }
            setFocus(index, part: 0, in: fields)
            return .handled
        case .up, .down:
            let part = focus.part
            moveFocus(by: key == .down ? 1 : -1, in: fields)
            let moved = self.fields(for: tab, in: definition)
            if case .pair = moved[focusedIndex(in: moved)].kind { setFocus(focusedIndex(in: moved), part: part, in: moved) }
            return .handled
        case .delete where rows[spec.row].isEmpty, .ctrl("d") where rows[spec.row].isEmpty:
            rows.remove(at: spec.row)
            let changed = writePairs(rows, of: spec.group, definition: &definition)
            let rebuilt = self.fields(for: tab, in: definition)
            setFocus(min(index, rebuilt.count - 1), in: rebuilt)
            return changed ? .edited : .handled
        default:
            if Self.isNavigationKey(key) { return nil }
            guard editor?.handle(key) == true, let text = editor?.text else { return nil }
            if focus.part == 0 { rows[spec.row].name = text } else { rows[spec.row].value = text }
            return writePairs(rows, of: spec.group, definition: &definition) ? .edited : .handled
        }
    }

    // MARK: Moving between fields

    private mutating func handleNavigation(_ key: Key, field: FormField, fields: [FormField], definition: WorkflowDefinition) -> FormOutcome {
        let typing = field.takesText
        switch key {
        case .tab: moveFocusWrapping(by: 1, in: fields)
        case .backTab: moveFocusWrapping(by: -1, in: fields)
        case .down, .enter: moveFocus(by: 1, in: fields)
        case .up: moveFocus(by: -1, in: fields, toLastPart: true)
        case .character("j") where !typing: moveFocus(by: 1, in: fields)
        case .character("k") where !typing: moveFocus(by: -1, in: fields)
        case .pageDown: jumpFocus(by: 5, in: fields)
        case .pageUp: jumpFocus(by: -5, in: fields)
        case .character("["), .character("]"):
            guard !typing else { return .notHandled }
            switchTab(definition: definition, keepTabBar: false)
        case .escape: return .close
        default: return .notHandled
        }
        return .handled
    }

    /// Tab and Shift-Tab go round: past the last field to the tab bar, and back.
    private mutating func moveFocusWrapping(by step: Int, in fields: [FormField]) {
        let before = focusedIndex(in: fields)
        moveFocus(by: step, in: fields, toLastPart: true)
        guard focusedIndex(in: fields) == before else { return }
        let wrapped = step > 0 ? fields.indices.first { fields[$0].isFocusable } : fields.indices.last { fields[$0].isFocusable }
        if let wrapped { setFocus(wrapped, part: step < 0 ? Self.lastPart(of: fields[wrapped]) : 0, in: fields) }
    }
}
