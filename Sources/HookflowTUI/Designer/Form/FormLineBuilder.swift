import HookflowModel

/// Turns fields into body lines: label, value, the open list and the field's problems.
struct FormLineBuilder {
    let form: StepForm
    let fields: [FormField]
    let focused: Int
    let problems: [Int: [FormProblemMap.Line]]
    /// The content's width.
    let width: Int
    let labelWidth: Int
    let glyphs: Glyphs

    var lines: [FormLine] = []
    /// The lines of the focused field (with its list and problems), to keep on screen.
    var focusRange: Range<Int> = 0..<0

    /// Most lines a multi-line field shows.
    static let editorRows = 6
    /// Columns of `[x] Succeeded [ ] Failed [ ] Skipped [ ] TimedOut`.
    static let runAfterWidth = RunAfterStatus.allCases.reduce(0) { $0 + $1.rawValue.count + 5 } - 1

    var valueWidth: Int { max(1, width - labelWidth) }

    mutating func build() {
        for index in fields.indices {
            if case .tabs = fields[index].kind { continue }
            let start = lines.count
            addField(index)
            addList(for: index)
            for problem in problems[index] ?? [] { addProblem(problem, field: index) }
            if index == focused { focusRange = start..<lines.count }
        }
    }

    // MARK: Fields

    private mutating func addField(_ index: Int) {
        let field = fields[index]
        let isFocused = index == focused
        switch field.kind {
        case .tabs: break
        case .text(let spec): addText(spec, field: field, index: index, isFocused: isFocused)
        case .choice(let spec):
            var line = labelLine(field, index: index, isFocused: isFocused)
            let shown = spec.shownValue
            if isFocused { line.fill(from: labelWidth, width: valueWidth, role: .valueFocused) }
            let role: StyleRole = isFocused ? .valueFocused : shown == nil ? .placeholder : .value
            line.put(TextLayout.truncate(shown ?? spec.placeholder, to: valueWidth - 2, ellipsis: glyphs.ellipsis), at: labelWidth, role: role)
            line.put(glyphs.isASCII ? "v" : "▾", at: labelWidth + valueWidth - 1, role: isFocused ? .valueFocused : .button)
            lines.append(line)
        case .json(let spec): addJSON(spec, field: field, index: index, isFocused: isFocused)
        case .pair(let spec): addPair(spec, field: field, index: index, isFocused: isFocused)
        case .addPair(let group):
            var line = labelLine(field, index: index, isFocused: false)
            line.put("+ Add \(group.noun)", at: labelWidth, role: isFocused ? .buttonFocused : .button)
            lines.append(line)
        case .toggle(let spec):
            var line = labelLine(field, index: index, isFocused: isFocused)
            line.put(spec.isOn ? "[x]" : "[ ]", at: labelWidth, role: isFocused ? .valueFocused : .value)
            lines.append(line)
        case .runAfter(let spec): addRunAfter(spec, field: field, index: index, isFocused: isFocused)
        case .addParameter:
            var line = FormLine(target: .field(index: index, line: 0, parts: []))
            line.put(field.label, at: 0, role: isFocused ? .buttonFocused : .button)
            lines.append(line)
        case .note(let text): addNote(text, field: field, index: index)
        case .callbackURL(let state): addCallbackURL(state, field: field, index: index, isFocused: isFocused)
        }
    }

    /// The URL whole, over as many lines as it needs (it is what gets pasted into a service).
    private mutating func addCallbackURL(_ state: TriggerURLs.State?, field: FormField, index: Int, isFocused: Bool) {
        let chunks: [String]
        let role: StyleRole
        switch state {
        case .loaded(let url)?:
            chunks = RunStepDetail.chunks(url, width: max(1, valueWidth - 1))
            role = isFocused ? .valueFocused : .key
        case .loading?:
            chunks = [glyphs.adapt("asking the engine…")]
            role = .dim
        case .failed(let why)?:
            chunks = TextLayout.wrap("\(glyphs.statusFailed) \(why)", width: max(1, valueWidth - 1))
            role = .errorMark
        case nil:
            chunks = TextLayout.wrap("given when the app is published (Ctrl-S)", width: max(1, valueWidth - 1))
            role = .placeholder
        }
        for (row, chunk) in chunks.enumerated() {
            var line = labelLine(field, index: index, isFocused: isFocused, line: row)
            line.put(chunk, at: labelWidth, role: role)
            lines.append(line)
        }
    }

    /// A line with the field's label (and `*`), targeting the field.
    private func labelLine(_ field: FormField, index: Int, isFocused: Bool, line: Int = 0, parts: [Range<Int>] = []) -> FormLine {
        var result = FormLine(target: .field(index: index, line: line, parts: parts))
        guard line == 0, !field.label.isEmpty else { return result }
        let room = max(1, labelWidth - field.indent - 1 - (field.isRequired ? 2 : 0))
        let label = TextLayout.truncate(field.label, to: room, ellipsis: glyphs.ellipsis)
        result.put(label, at: field.indent, role: isFocused ? .selection : .label)
        if field.isRequired { result.put("*", at: field.indent + TextLayout.width(label) + 1, role: .required) }
        return result
    }

    private mutating func addText(_ spec: TextFieldSpec, field: FormField, index: Int, isFocused: Bool) {
        var line = labelLine(field, index: index, isFocused: isFocused)
        let masked = spec.isSecret && !(isFocused && form.isRevealed)
        if isFocused, let editor = form.editor {
            line.fill(from: labelWidth, width: valueWidth, role: .valueFocused)
            let shown = masked ? maskedVisible(editor) : editor.visible(width: valueWidth)
            line.put(shown.text, at: labelWidth, role: .valueFocused, maxWidth: valueWidth)
            line.cursor = labelWidth + shown.cursorColumn
        } else if spec.value.isEmpty {
            line.put(TextLayout.truncate(spec.placeholder, to: valueWidth, ellipsis: glyphs.ellipsis), at: labelWidth, role: .placeholder)
        } else {
            let text = masked ? mask(8) : TextLayout.truncate(spec.value, to: valueWidth, ellipsis: glyphs.ellipsis)
            line.put(text, at: labelWidth, role: .value)
        }
        lines.append(line)
    }

    private func mask(_ count: Int) -> String {
        String(repeating: glyphs.isASCII ? "*" : "•", count: count)
    }

    /// A secret being typed: one mask character per character, scrolled like a text field.
    private func maskedVisible(_ editor: TextField) -> (text: String, cursorColumn: Int) {
        let count = editor.text.count
        let offset = max(0, editor.cursor - (valueWidth - 1))
        return (mask(min(count - offset, valueWidth)), editor.cursor - offset)
    }

    private mutating func addJSON(_ spec: JSONFieldSpec, field: FormField, index: Int, isFocused: Bool) {
        let draft = form.drafts[field.id]
        let text = draft?.area.text ?? spec.text
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let height = min(max(1, all.count), Self.editorRows)
        if isFocused, let area = draft?.area {
            let visible = area.visible(width: valueWidth)
            for row in 0..<height {
                var line = labelLine(field, index: index, isFocused: true, line: row)
                line.fill(from: labelWidth, width: valueWidth, role: .valueFocused)
                if visible.lines.indices.contains(row) { line.put(visible.lines[row], at: labelWidth, role: .valueFocused, maxWidth: valueWidth) }
                if row == visible.cursorRow { line.cursor = labelWidth + visible.cursorColumn }
                lines.append(line)
            }
            return
        }
        if text.isEmpty {
            var line = labelLine(field, index: index, isFocused: isFocused)
            line.put(TextLayout.truncate(spec.placeholder, to: valueWidth, ellipsis: glyphs.ellipsis), at: labelWidth, role: .placeholder)
            lines.append(line)
            return
        }
        let clipped = all.count > height
        for row in 0..<height {
            var line = labelLine(field, index: index, isFocused: isFocused, line: row)
            if clipped, row == height - 1 {
                line.put("\(glyphs.ellipsis) \(all.count - row) more lines", at: labelWidth, role: .dim)
            } else {
                line.put(TextLayout.truncate(all[row], to: valueWidth, ellipsis: glyphs.ellipsis), at: labelWidth, role: .value)
            }
            lines.append(line)
        }
    }

    private mutating func addPair(_ spec: PairSpec, field: FormField, index: Int, isFocused: Bool) {
        let nameWidth = max(4, (valueWidth - 3) * 2 / 5)
        let valueX = labelWidth + nameWidth + 3
        let partWidths = [nameWidth, max(1, labelWidth + valueWidth - valueX)]
        let partXs = [labelWidth, valueX]
        var line = labelLine(field, index: index, isFocused: isFocused,
                             parts: [0..<(labelWidth + nameWidth + 2), (labelWidth + nameWidth + 2)..<(labelWidth + valueWidth)])
        line.put(":", at: labelWidth + nameWidth + 1, role: .dim)
        for part in 0..<2 {
            let text = part == 0 ? spec.name : spec.value
            let x = partXs[part], width = partWidths[part]
            if isFocused, form.focus.part == part, let editor = form.editor {
                line.fill(from: x, width: width, role: .valueFocused)
                let shown = editor.visible(width: width)
                line.put(shown.text, at: x, role: .valueFocused, maxWidth: width)
                line.cursor = x + shown.cursorColumn
            } else if text.isEmpty {
                line.put(part == 0 ? "Name" : "Value", at: x, role: .placeholder, maxWidth: width)
            } else {
                line.put(TextLayout.truncate(text, to: width, ellipsis: glyphs.ellipsis), at: x, role: .value)
            }
        }
        lines.append(line)
    }

    private mutating func addRunAfter(_ spec: RunAfterSpec, field: FormField, index: Int, isFocused: Bool) {
        var parts: [Range<Int>] = []
        var x = labelWidth
        var boxes: [(x: Int, text: String, role: StyleRole)] = []
        for (part, status) in RunAfterStatus.allCases.enumerated() {
            let text = "[\(spec.isOn(status) ? "x" : " ")] \(status.rawValue)"
            let role: StyleRole = isFocused && form.focus.part == part ? .valueFocused : spec.isOn(status) ? .value : .dim
            boxes.append((x, text, role))
            parts.append(x..<(x + text.count + 1))
            x += text.count + 1
        }
        var line = labelLine(field, index: index, isFocused: isFocused, parts: parts)
        for box in boxes { line.put(box.text, at: box.x, role: box.role) }
        lines.append(line)
    }

    private mutating func addNote(_ text: String, field: FormField, index: Int) {
        let x = field.label.isEmpty ? field.indent : labelWidth
        let wrapped = TextLayout.wrap(text, width: max(1, width - x))
        for (row, part) in wrapped.enumerated() {
            var line = labelLine(field, index: index, isFocused: false, line: row)
            line.put(part, at: x, role: .dim)
            lines.append(line)
        }
    }

    // MARK: The open list and problems

    private mutating func addList(for index: Int) {
        guard let list = form.list, list.fieldID == fields[index].id else { return }
        let x: Int
        if case .addParameter = fields[index].kind { x = 0 } else { x = labelWidth }
        let room = max(1, width - x)
        for (option, text) in list.options.enumerated() {
            var line = FormLine(target: .option(option))
            let isHighlighted = option == list.highlighted
            if isHighlighted { line.fill(from: x, width: room, role: .selection) }
            line.put((isHighlighted ? glyphs.pointer : " ") + " " + text, at: x, role: isHighlighted ? .selection : .value, maxWidth: room)
            lines.append(line)
        }
    }

    /// A problem under its field: `✗` in the error colour, or `⚠` in the warning colour.
    private mutating func addProblem(_ problem: FormProblemMap.Line, field index: Int) {
        let wrapped = TextLayout.wrap(problem.text, width: max(1, valueWidth - 2))
        let mark = problem.isWarning ? glyphs.warning : glyphs.statusFailed
        for (row, part) in wrapped.enumerated() {
            var line = FormLine(target: .field(index: index, line: -1, parts: []))
            line.put((row == 0 ? mark + " " : "  ") + part, at: labelWidth, role: problem.isWarning ? .warningMark : .errorMark)
            lines.append(line)
        }
    }
}
