import HookflowModel

extension DesignerView {
    /// The cards, connectors and add buttons, scrolled so the selection shows.
    static func drawCanvas(_ state: DesignerState, glyphs: Glyphs, area: Rect, into buffer: inout CellBuffer) {
        let layout = state.layout
        var canvas = ClippedCanvas(buffer: buffer, area: area, scroll: state.canvasScroll)
        // Only what shows: a 200-step app draws the dozen cards on screen, not all of them.
        let visible = state.canvasScroll..<(state.canvasScroll + area.height)
        for mark in layout.marks where visible.contains(mark.y) { canvas.put(mark.text, x: mark.x, y: mark.y, role: mark.role) }
        for item in layout.items where item.rect.y < visible.upperBound && item.rect.maxY > visible.lowerBound {
            let selected = item.selection == state.selection
            if let step = item.step {
                drawCard(step, problemCount: item.problemCount, rect: item.rect, selected: selected, glyphs: glyphs, on: &canvas)
            } else if case .add(let container) = item.selection {
                drawAddButton(container, rect: item.rect, selected: selected, glyphs: glyphs, on: &canvas)
            }
        }
        for mark in layout.glyphs where visible.contains(mark.y) { canvas.put(connectorGlyph(mark.glyph, glyphs), x: mark.x, y: mark.y, role: .connector) }
        let selectedStep: StepAddress? = if case .step(let address) = state.selection { address } else { nil }
        for point in layout.insertPoints where visible.contains(point.y) {
            let highlighted = point.predecessor == selectedStep
            canvas.put("+", x: point.x, y: point.y, role: highlighted ? .selection : .connector)
        }
        buffer = canvas.buffer
        // Say when there is more above or below than the screen shows.
        let up = glyphs.isASCII ? "^ more" : "↑ more", down = glyphs.isASCII ? "v more" : "↓ more"
        if state.canvasScroll > 0, area.height > 1 {
            buffer.put(up, at: area.maxX - 1 - TextLayout.width(up), y: area.y, role: .dim)
        }
        if state.canvasScroll + area.height < layout.height - 1, area.height > 1 {
            buffer.put(down, at: area.maxX - 1 - TextLayout.width(down), y: area.maxY - 1, role: .dim)
        }
    }

    private static func drawCard(_ step: Step, problemCount: Int, rect: Rect, selected: Bool, glyphs: Glyphs, on canvas: inout ClippedCanvas) {
        let border: StyleRole = selected ? .borderFocused : .cardBorder
        let inner = rect.width - 2
        let horizontal = String(repeating: glyphs.horizontal, count: max(0, inner))
        canvas.put(glyphs.topLeft + horizontal + glyphs.topRight, x: rect.x, y: rect.y, role: border)
        canvas.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            canvas.put(glyphs.vertical, x: rect.x, y: y, role: border)
            canvas.put(String(repeating: " ", count: max(0, inner)), x: rect.x + 1, y: y, role: .normal)
            canvas.put(glyphs.vertical, x: rect.maxX - 1, y: y, role: border)
        }
        if selected { canvas.put(glyphs.pointer, x: rect.x - 2, y: rect.y + 1, role: .borderFocused) }

        // Line 1: icon, name, and the problem count at the right.
        let mark = problemCount > 0 ? "\(glyphs.statusFailed) \(problemCount)" : ""
        let markWidth = TextLayout.width(mark)
        let icon = StepCardText.icon(step.kind, ascii: glyphs.isASCII)
        let nameRoom = inner - 2 - TextLayout.width(icon) - 1 - (markWidth > 0 ? markWidth + 1 : 0)
        var x = rect.x + 2
        x += canvas.put(icon + " ", x: x, y: rect.y + 1, role: .cardType)
        canvas.put(TextLayout.truncate(step.name, to: max(0, nameRoom), ellipsis: glyphs.ellipsis), x: x, y: rect.y + 1, role: .cardTitle)
        if markWidth > 0 { canvas.put(mark, x: rect.maxX - 2 - markWidth, y: rect.y + 1, role: .errorMark) }

        // Line 2: type · summary.
        let type = step.kind.displayName
        let room = inner - 2
        x = rect.x + 2
        let shownType = TextLayout.truncate(type, to: room, ellipsis: glyphs.ellipsis)
        x += canvas.put(shownType, x: x, y: rect.y + 2, role: .cardType)
        let left = room - TextLayout.width(shownType) - 3
        guard left > 3 else { return }
        x += canvas.put(" \(glyphs.separator) ", x: x, y: rect.y + 2, role: .cardType)
        if let summary = StepCardText.summary(of: step) {
            canvas.put(TextLayout.truncate(summary, to: left, ellipsis: glyphs.ellipsis), x: x, y: rect.y + 2, role: .cardSummary)
        } else {
            canvas.put(TextLayout.truncate("not set up yet (Enter)", to: left, ellipsis: glyphs.ellipsis), x: x, y: rect.y + 2, role: .placeholder)
        }
    }

    private static func drawAddButton(_ container: JSONPointer, rect: Rect, selected: Bool, glyphs: Glyphs, on canvas: inout ClippedCanvas) {
        let role: StyleRole = selected ? .buttonFocused : .button
        let label = container == .triggers ? "+ Add a trigger" : container == .actions ? "+ New step" : "+ Add an action"
        if rect.height >= 3 {
            let inner = rect.width - 2
            let horizontal = String(repeating: glyphs.horizontal, count: max(0, inner))
            let border: StyleRole = selected ? .borderFocused : .cardBorder
            canvas.put(glyphs.topLeft + horizontal + glyphs.topRight, x: rect.x, y: rect.y, role: border)
            canvas.put(glyphs.vertical, x: rect.x, y: rect.y + 1, role: border)
            canvas.put(TextLayout.pad(label, to: inner, alignment: .center), x: rect.x + 1, y: rect.y + 1, role: role)
            canvas.put(glyphs.vertical, x: rect.maxX - 1, y: rect.y + 1, role: border)
            canvas.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: rect.x, y: rect.y + 2, role: border)
        } else {
            canvas.put(TextLayout.pad(label, to: rect.width, alignment: .center), x: rect.x, y: rect.y, role: role)
        }
        if selected { canvas.put(glyphs.pointer, x: rect.x - 2, y: rect.y + rect.height / 2, role: .borderFocused) }
    }

    private static func connectorGlyph(_ glyph: CardLayout.Glyph, _ glyphs: Glyphs) -> String {
        switch glyph {
        case .vertical: glyphs.vertical
        case .horizontal: glyphs.horizontal
        case .split: glyphs.branchSplit
        case .join: glyphs.branchJoin
        case .cross: glyphs.isASCII ? "+" : "┼"
        case .arrow: glyphs.connectorDown
        case .cornerDownLeft: glyphs.topLeft
        case .cornerDownRight: glyphs.topRight
        case .cornerUpLeft: glyphs.bottomLeft
        case .cornerUpRight: glyphs.bottomRight
        }
    }
}

/// Draws in canvas coordinates onto a window of the screen, scrolled and clipped to it.
struct ClippedCanvas {
    var buffer: CellBuffer
    let area: Rect
    let scroll: Int

    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, role: StyleRole) -> Int {
        let screenY = area.y + y - scroll
        guard screenY >= area.y, screenY < area.maxY else { return 0 }
        let screenX = area.x + x
        guard screenX < area.maxX else { return 0 }
        if screenX < area.x { return buffer.put(text, at: screenX, y: screenY, role: role, maxWidth: area.maxX - screenX) }
        return buffer.put(text, at: screenX, y: screenY, role: role, maxWidth: area.maxX - screenX)
    }
}
