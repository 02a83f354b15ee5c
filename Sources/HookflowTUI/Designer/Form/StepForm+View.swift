import HookflowModel

/// Drawing the form: a box titled with the step's name and type, the tab bar, the fields and the key hint.
extension StepForm {
    func render(into buffer: inout CellBuffer, area: Rect, definition: WorkflowDefinition, problems: [ValidationProblem], glyphs: Glyphs) {
        buffer.fill(area, role: .normal)
        guard let step = step(in: definition) else {
            buffer.drawBox(area, role: .borderFocused, glyphs: glyphs, title: address.name, titleRole: .title)
            let message = TextLayout.wrap("This step is no longer in the workflow. Esc closes the form.", width: area.width - 4)
            for (row, text) in message.enumerated() where area.y + 1 + row < area.maxY - 1 {
                buffer.put(text, at: area.x + 2, y: area.y + 1 + row, role: .dim)
            }
            return
        }
        let separator = glyphs.isASCII ? " - " : " · "
        buffer.drawBox(area, role: .borderFocused, glyphs: glyphs, title: step.name + separator + step.kind.displayName, titleRole: .title)
        guard area.width >= 6, area.height >= 4 else { return }
        let screen = StepFormLayout(form: self, step: step, definition: definition, problems: problems, area: area, glyphs: glyphs)
        screen.draw(into: &buffer, area: area)
    }
}

extension StepFormLayout {
    func draw(into buffer: inout CellBuffer, area: Rect) {
        let content = self.content
        drawTabs(into: &buffer)
        for (row, span) in topLines.enumerated() {
            buffer.put(TextLayout.truncate(span.text, to: content.width, ellipsis: glyphs.ellipsis), at: content.x, y: content.y + 2 + row, role: span.role)
        }
        let isTyping = form.list == nil && fields.indices.contains(focused) && fields[focused].takesText
        for row in 0..<body.height {
            let index = scroll + row
            guard lines.indices.contains(index) else { break }
            let line = lines[index]
            let y = body.y + row
            for fill in line.fills {
                buffer.fill(Rect(x: content.x + fill.x, y: y, width: min(fill.width, content.width - fill.x), height: 1), role: fill.role)
            }
            for span in line.spans {
                let room = content.width - span.x
                buffer.put(span.text, at: content.x + span.x, y: y, role: span.role, maxWidth: min(room, span.maxWidth ?? room))
            }
            if isTyping, let cursor = line.cursor, cursor < content.width { buffer.cursor = (content.x + cursor, y) }
        }
        // Arrows on the right border say there is more above or below.
        if scroll > 0, body.height > 0 {
            buffer.put(glyphs.isASCII ? "^" : "↑", at: area.maxX - 1, y: body.y, role: .borderFocused)
        }
        if scroll + body.height < lines.count, body.height > 0 {
            buffer.put(glyphs.isASCII ? "v" : "↓", at: area.maxX - 1, y: body.maxY - 1, role: .borderFocused)
        }
        let hintY = content.maxY - 1
        if let notice = form.notice, hintY - 1 > content.y {
            buffer.put(TextLayout.truncate(notice, to: content.width, ellipsis: glyphs.ellipsis), at: content.x, y: hintY - 1, role: .errorMark)
        }
        if hintY > content.y {
            buffer.put(TextLayout.truncate(hint, to: content.width, ellipsis: glyphs.ellipsis), at: content.x, y: hintY, role: .help)
        }
    }

    private func drawTabs(into buffer: inout CellBuffer) {
        let barFocused = fields.indices.contains(focused) && fields[focused].id == FormFocus.tabsID
        for (tab, columns) in Self.tabRanges() {
            let isActive = tab == form.tab
            let text = isActive ? "[\(tab.rawValue)]" : " \(tab.rawValue) "
            let role: StyleRole = isActive ? (barFocused ? .selection : .title) : .dim
            buffer.put(text, at: content.x + columns.lowerBound, y: content.y, role: role, maxWidth: content.width - columns.lowerBound)
        }
    }

    /// The keys that do something on the focused field.
    var hint: String {
        let ascii = glyphs.isASCII
        let upDown = ascii ? "Up/Down" : "↑↓"
        let leftRight = ascii ? "Left/Right" : "←→"
        let switchTab = "Ctrl-T \(form.tab.other.rawValue)"
        if form.list != nil { return ["\(upDown) move", "type to jump", "Enter choose", "Esc cancel"].joined(separator: " \(glyphs.separator) ") }
        guard fields.indices.contains(focused) else { return "Esc close" }
        let parts: [String]
        switch fields[focused].kind {
        case .tabs: parts = ["\(leftRight) switch tab", "Tab next", "Esc close"]
        case .text(let spec):
            parts = spec.isSecret
                ? ["Tab next", "Ctrl-O \(form.isRevealed ? "hide" : "show")", switchTab, "Esc close"]
                : ["Tab next", "Shift-Tab back", switchTab, "Esc close"]
        case .json: parts = ["Enter new line", "Tab next", "Shift-Tab back", "Esc close"]
        case .choice: parts = ["Enter choose", "\(leftRight) change", "Tab next", switchTab, "Esc close"]
        case .pair: parts = ["Tab next", "Del removes an empty row", switchTab, "Esc close"]
        case .addPair(let group): parts = ["Enter add a \(group.noun)", "Tab next", switchTab, "Esc close"]
        case .toggle: parts = ["Space toggle", "Tab next", switchTab, "Esc close"]
        case .runAfter: parts = ["\(leftRight) status", "Space toggle", "Tab next", "Esc close"]
        case .addParameter: parts = ["Enter add a parameter", "Tab next", switchTab, "Esc close"]
        case .note: parts = ["Tab next", "Esc close"]
        case .callbackURL: parts = ["c copy", "Tab next", switchTab, "Esc close"]
        }
        return parts.joined(separator: " \(glyphs.separator) ")
    }
}
