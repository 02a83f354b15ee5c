import HookflowModel

extension DesignerView {
    // MARK: Palette

    static func paletteRect(_ viewport: DesignerState.Size, matchCount: Int) -> Rect {
        let area = canvasArea(viewport)
        let width = min(64, area.width - 4)
        let height = min(area.height, 5 + max(1, StepTemplate.actions.count))
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + 1, width: width, height: height)
    }

    static func drawPalette(_ palette: Palette, glyphs: Glyphs, viewport: DesignerState.Size, into buffer: inout CellBuffer) {
        let matches = palette.matches
        let rect = paletteRect(viewport, matchCount: matches.count)
        guard rect.width > 10, rect.height > 4 else { return }
        clearWithMargin(rect, in: &buffer)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: palette.title, titleRole: .title)
        let inner = rect.inset(by: 1)
        // The search box.
        let prompt = "Search: "
        buffer.put(prompt, at: inner.x + 1, y: inner.y, role: .label)
        let fieldX = inner.x + 1 + TextLayout.width(prompt)
        let fieldWidth = inner.maxX - 1 - fieldX
        let visible = palette.query.visible(width: fieldWidth)
        buffer.fill(Rect(x: fieldX, y: inner.y, width: fieldWidth, height: 1), role: .search)
        if palette.query.text.isEmpty {
            buffer.put("type to filter, e.g. webhook", at: fieldX, y: inner.y, role: .placeholder, maxWidth: fieldWidth)
        } else {
            buffer.put(visible.text, at: fieldX, y: inner.y, role: .search, maxWidth: fieldWidth)
        }
        buffer.cursor = (fieldX + visible.cursorColumn, inner.y)
        buffer.put(glyphs.teeRight + String(repeating: glyphs.horizontal, count: inner.width) + glyphs.teeLeft, at: rect.x, y: inner.y + 1, role: .borderFocused)

        let listTop = inner.y + 2
        if matches.isEmpty {
            buffer.put("No step matches \"\(palette.query.text)\"", at: inner.x + 1, y: listTop, role: .dim, maxWidth: inner.width - 2)
            return
        }
        let titleWidth = min(22, matches.map { TextLayout.width($0.title) }.max() ?? 0)
        for (index, template) in matches.enumerated() {
            let y = listTop + index
            guard y < inner.maxY else { break }
            let highlighted = index == palette.highlighted
            if highlighted { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            let icon = StepCardText.icon(template.kind, ascii: glyphs.isASCII)
            var x = inner.x
            x += buffer.put(highlighted ? glyphs.pointer : " ", at: x, y: y, role: highlighted ? .selection : .normal)
            x += buffer.put(" \(icon) ", at: x, y: y, role: highlighted ? .selection : .cardType)
            buffer.put(TextLayout.fit(template.title, to: titleWidth, ellipsis: glyphs.ellipsis), at: x, y: y, role: highlighted ? .selection : .title)
            x += titleWidth + 2
            let room = inner.maxX - x
            guard room > 3 else { continue }
            buffer.put(TextLayout.truncate(template.summary, to: room, ellipsis: glyphs.ellipsis), at: x, y: y, role: highlighted ? .selection : .dim)
        }
    }

    /// The palette row (an index into `matches`) under a screen point.
    static func paletteRow(at x: Int, y: Int, palette: Palette, viewport: DesignerState.Size) -> Int? {
        let rect = paletteRect(viewport, matchCount: palette.matches.count)
        let inner = rect.inset(by: 1)
        let row = y - (inner.y + 2)
        guard inner.contains(x: x, y: y), palette.matches.indices.contains(row) else { return nil }
        return row
    }

    /// Blanks the full rows a dialog covers, so no card is left cut in half beside it.
    private static func clearWithMargin(_ rect: Rect, in buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: rect.y, width: buffer.width, height: rect.height), role: .normal)
    }

    // MARK: Help

    static func drawHelp(scroll: Int, glyphs: Glyphs, area: Rect, into buffer: inout CellBuffer) {
        let width = min(76, area.width - 2)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        guard rect.height > 3 else { return }
        buffer.fill(area, role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: "Keys", titleRole: .title)
        var lines: [(String, String, Bool)] = []
        for context in KeyBinding.Context.allCases {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((context.rawValue, "", true))
            for binding in KeyBinding.all where binding.context == context {
                lines.append((binding.keys, binding.action, false))
            }
        }
        let inner = rect.inset(by: 1)
        let keyWidth = 22
        let first = max(0, min(scroll, lines.count - inner.height))
        for (row, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.2 {
                buffer.put(line.0, at: inner.x + 1, y: y, role: .title)
            } else {
                buffer.put(glyphs.adapt(line.0), at: inner.x + 3, y: y, role: .key, maxWidth: keyWidth)
                buffer.put(glyphs.adapt(line.1), at: inner.x + 3 + keyWidth, y: y, role: .help, maxWidth: inner.width - 3 - keyWidth)
            }
        }
        if lines.count > inner.height {
            let text = glyphs.adapt(first + inner.height < lines.count ? " ↓ more " : " end ")
            buffer.put(text, at: rect.maxX - 2 - TextLayout.width(text), y: rect.maxY - 1, role: .dim)
        }
    }

    // MARK: Confirmation

    static func confirmationRect(_ confirmation: Confirmation, viewport: DesignerState.Size) -> (box: Rect, message: [String]) {
        let area = canvasArea(viewport)
        let width = min(60, area.width - 4)
        let message = TextLayout.wrap(confirmation.message, width: width - 4)
        let height = min(area.height, message.count + 5)
        return (Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 2), width: width, height: height), message)
    }

    static func drawConfirmation(_ confirmation: Confirmation, glyphs: Glyphs, viewport: DesignerState.Size, into buffer: inout CellBuffer) {
        let (rect, message) = confirmationRect(confirmation, viewport: viewport)
        guard rect.height >= 5 else { return }
        clearWithMargin(rect, in: &buffer)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: confirmation.title, titleRole: .title)
        for (row, line) in message.enumerated() {
            buffer.put(line, at: rect.x + 2, y: rect.y + 2 + row, role: .normal)
        }
        for (index, frame) in choiceFrames(confirmation, box: rect).enumerated() {
            let choice = confirmation.choices[index]
            let focused = index == confirmation.highlighted
            let x = frame.x + buffer.put(" \(choice.key)", at: frame.x, y: frame.y, role: focused ? .buttonFocused : .key)
            buffer.put(" \(choice.label) ", at: x, y: frame.y, role: focused ? .buttonFocused : .button)
        }
    }

    private static func choiceFrames(_ confirmation: Confirmation, box: Rect) -> [Rect] {
        var x = box.x + 2
        let y = box.maxY - 2
        return confirmation.choices.map { choice in
            let width = TextLayout.width(" \(choice.key) \(choice.label) ")
            defer { x += width + 2 }
            return Rect(x: x, y: y, width: width, height: 1)
        }
    }

    static func confirmationChoice(at x: Int, y: Int, confirmation: Confirmation, viewport: DesignerState.Size) -> Int? {
        let (rect, _) = confirmationRect(confirmation, viewport: viewport)
        return choiceFrames(confirmation, box: rect).firstIndex { $0.contains(x: x, y: y) }
    }

    // MARK: Rename

    static func drawRename(_ box: RenameBox, glyphs: Glyphs, viewport: DesignerState.Size, into buffer: inout CellBuffer) {
        let area = canvasArea(viewport)
        let width = min(60, area.width - 4)
        let errorLines = box.error.map { TextLayout.wrap($0, width: width - 4) } ?? []
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, area.height / 2 - 3), width: width, height: 5 + errorLines.count)
        clearWithMargin(rect, in: &buffer)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: "Rename \(box.address.isTrigger ? "trigger" : "action")", titleRole: .title)
        let label = "New name: "
        buffer.put(label, at: rect.x + 2, y: rect.y + 2, role: .label)
        let fieldX = rect.x + 2 + TextLayout.width(label)
        let fieldWidth = rect.maxX - 2 - fieldX
        let visible = box.field.visible(width: fieldWidth)
        buffer.fill(Rect(x: fieldX, y: rect.y + 2, width: fieldWidth, height: 1), role: .valueFocused)
        buffer.put(visible.text, at: fieldX, y: rect.y + 2, role: .valueFocused, maxWidth: fieldWidth)
        buffer.cursor = (fieldX + visible.cursorColumn, rect.y + 2)
        for (row, line) in errorLines.enumerated() {
            buffer.put(line, at: rect.x + 2, y: rect.y + 3 + row, role: .errorMark)
        }
    }

    // MARK: Code view

    static func drawCode(_ code: CodeView, state: DesignerState, glyphs: Glyphs, area: Rect, into buffer: inout CellBuffer) {
        guard area.height > 2 else { return }
        buffer.drawBox(area, role: .border, glyphs: glyphs, title: "Code view \(glyphs.separator) \(state.appName)", titleRole: .title)
        let inner = area.inset(by: 1)
        var top = inner
        if let error = code.error {
            buffer.put(TextLayout.truncate("\(glyphs.statusFailed) \(error)", to: inner.width - 2, ellipsis: glyphs.ellipsis), at: inner.x + 1, y: inner.y, role: .errorMark)
            top = inner.inset(top: 1)
        }
        let lines = CodeView.text(of: state.definition).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let numberWidth = String(lines.count).count
        let first = max(0, min(code.scroll, lines.count - top.height))
        for (row, line) in lines.dropFirst(first).prefix(top.height).enumerated() {
            let y = top.y + row
            let number = String(first + row + 1)
            buffer.put(String(repeating: " ", count: numberWidth - number.count) + number, at: top.x + 1, y: y, role: .dim)
            var x = top.x + 2 + numberWidth
            for span in JSONLineHighlighter.spans(line) {
                guard x < top.maxX else { break }
                x += buffer.put(span.text, at: x, y: y, role: span.role, maxWidth: top.maxX - x)
            }
        }
        let position = "\(first + 1)-\(min(lines.count, first + top.height)) of \(lines.count) "
        buffer.put(position, at: area.maxX - 1 - TextLayout.width(position), y: area.maxY - 1, role: .dim)
    }
}
