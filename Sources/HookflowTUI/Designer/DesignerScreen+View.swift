import HookflowEngine
import HookflowModel

extension DesignerScreen {
    /// The cards, their lines and the add buttons, scrolled so the selection shows.
    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        buffer.fill(area, role: .normal)
        var canvas = ClippedCanvas(buffer: buffer, area: area, scroll: canvasScroll)
        // Only what shows: a 200-step app draws the dozen cards on screen, not all of them.
        let visible = canvasScroll..<(canvasScroll + area.height)
        for mark in layout.marks where visible.contains(mark.y) { canvas.put(mark.text, x: mark.x, y: mark.y, role: mark.role) }
        let rows = visible.clamped(to: 0..<layout.linesByRow.count)
        for y in rows {
            for (x, cell) in layout.linesByRow[y] { canvas.put(Self.glyph(cell, glyphs), x: x, y: y, role: cell.role) }
        }
        let matches = Set(search?.matches ?? [])
        for item in layout.items where item.rect.y < visible.upperBound && item.rect.maxY > visible.lowerBound {
            let selected = item.selection == selection
            if let step = item.step {
                let marks = layout.borderMarksByRow.indices.contains(item.rect.y) ? layout.borderMarksByRow[item.rect.y] : []
                let entries = marks.filter { $0.isEntry && item.rect.x <= $0.x && $0.x < item.rect.maxX }.map(\.x)
                let bottom = layout.borderMarksByRow.indices.contains(item.rect.maxY - 1) ? layout.borderMarksByRow[item.rect.maxY - 1] : []
                let exits = bottom.filter { !$0.isEntry && item.rect.x <= $0.x && $0.x < item.rect.maxX }.map(\.x)
                StepCard(step: step, problemCount: item.problemCount, warningCount: item.warningCount, isSelected: selected,
                         entryLabel: item.entryLabel ?? Self.subscriptionLabel(of: step, context.designer.published), entries: entries,
                         isMatch: matches.contains(item.selection), exits: exits)
                    .render(in: item.rect, glyphs: glyphs, on: &canvas)
            } else if case .add(let container) = item.selection {
                Self.drawAddButton(container, rect: item.rect, selected: selected, glyphs: glyphs, on: &canvas)
            }
        }
        for y in visible.clamped(to: 0..<layout.borderMarksByRow.count) {
            for mark in layout.borderMarksByRow[y] {
                canvas.put(mark.isEntry ? glyphs.connectorDown : glyphs.branchSplit, x: mark.x, y: mark.y, role: mark.role)
            }
        }
        for point in layout.insertPoints where visible.contains(point.y) {
            canvas.put("+", x: point.x, y: point.y, role: point.predecessor == selectedStep ? .selection : .connector)
        }
        buffer = canvas.buffer
        // Say when there is more above or below than the screen shows.
        let up = RunsMoreMark.up(glyphs), down = RunsMoreMark.down(glyphs)
        if canvasScroll > 0, area.height > 1 {
            buffer.put(up, at: area.maxX - 1 - TextLayout.width(up), y: area.y, role: .dim)
        }
        if canvasScroll + area.height < layout.height - 1, area.height > 1 {
            buffer.put(down, at: area.maxX - 1 - TextLayout.width(down), y: area.maxY - 1, role: .dim)
        }
    }

    /// A published webhook trigger's subscription on its card's top edge (`Subscribing`,
    /// `Subscribed`, `SubscribeFailed`), following the engine's events; `m` has the reasons.
    static func subscriptionLabel(of step: Step, _ published: WorkflowSummary?) -> TextSpan? {
        guard step.isTrigger, let subscription = published?.triggers.first(where: { $0.name == step.name })?.subscription else { return nil }
        return TextSpan(subscription.status.rawValue, RunStatusStyle.role(subscription.status))
    }

    /// The glyph of a line cell: a corner, a tee, a cross where lines join; a plain vertical where
    /// one line crosses another's bar without joining it.
    static func glyph(_ cell: EdgeRouter.Cell, _ glyphs: Glyphs) -> String {
        if cell.crossing { return glyphs.vertical }
        switch (cell.up, cell.down, cell.left, cell.right) {
        case (true, true, false, false), (true, false, false, false), (false, true, false, false): return glyphs.vertical
        case (false, false, _, _): return glyphs.horizontal
        case (false, true, false, true): return glyphs.topLeft
        case (false, true, true, false): return glyphs.topRight
        case (true, false, false, true): return glyphs.bottomLeft
        case (true, false, true, false): return glyphs.bottomRight
        case (true, true, false, true): return glyphs.teeRight
        case (true, true, true, false): return glyphs.teeLeft
        case (false, true, true, true): return glyphs.branchSplit
        case (true, false, true, true): return glyphs.branchJoin
        case (true, true, true, true): return glyphs.isASCII ? "+" : "┼"
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
}
