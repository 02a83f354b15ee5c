import HookflowModel

/// The add-step palette over the canvas: a search box over the step templates; Enter adds the
/// step where the palette was opened for and opens its form, as the Logic Apps designer does.
struct PaletteScreen: Screen {
    enum Action: Sendable {
        case type
        case choose
        case add
        case close
        case mouse
    }

    static let keyMap = KeyMap<Action>(.palette, [
        .note("type", "search the steps (webhook finds HTTP Webhook)", action: .type),
        KeyBinding([.up, .down, .tab, .backTab, .ctrl("p"), .ctrl("n")], "move", label: "↑ ↓  Tab  Ctrl-P Ctrl-N", footerLabel: "↑↓",
                   help: "choose a step", action: .choose),
        KeyBinding([.enter], "add", help: "add the step and open its form", action: .add),
        KeyBinding([.escape], "back", help: "close the palette", action: .close),
        .note("click", "add the clicked step", action: .mouse),
    ])

    var palette: Palette

    init(_ palette: Palette) {
        self.palette = palette
    }

    var keyHelp: KeyHelp { Self.keyMap.help }
    var isOverlay: Bool { true }
    var isTyping: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        [KeyHint(key: "type", action: "search")] + Self.keyMap.hints { _ in true }
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        switch Self.keyMap.action(for: key) {
        case .close?:
            context.close()
        case .add?, .choose?:
            if case .choose(let template) = palette.handle(key) { add(template, &context) }
        case .type?, .mouse?, nil:
            guard palette.query.handle(key) else { return nil }
            palette.highlighted = 0
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard button == .left, let row = Self.row(at: x, y: y, palette: palette, area: context.screenArea) else { return [] }
        add(palette.matches[row], &context)
        return []
    }

    /// Adds the chosen step, selects it, and opens its form in place of the palette.
    private mutating func add(_ template: StepTemplate, _ context: inout WorkbenchContext) {
        var edited = context.designer.definition
        let name = edited.uniqueStepName(base: template.baseName)
        let address: StepAddress
        do {
            switch palette.placement {
            case .trigger:
                try edited.addStep(named: name, body: template.body, to: .triggers)
                address = .trigger(name)
            case .lastAction:
                try edited.addStep(named: name, body: template.body, to: .actions)
                address = .action(name)
            case .action(let predecessor, let container):
                try edited.insertAction(named: name, body: template.body, after: predecessor, in: container)
                address = StepAddress(container: container, name: name)
            case .parallel(let sibling):
                try Self.addBranch(named: name, body: template.body, beside: sibling, in: &edited)
                address = StepAddress(container: sibling.container, name: name)
            }
        } catch {
            context.close()
            context.say("Could not add \(template.title): \(error)", isError: true)
            return
        }
        let what = if case .parallel(let sibling) = palette.placement { "a parallel branch beside \(sibling.name)" } else { name }
        // Undo goes back to the step the new one was added beside or after.
        let before: CanvasSelection? = switch palette.placement {
        case .parallel(let sibling): .step(sibling)
        case .action(let predecessor?, let container): .step(StepAddress(container: container, name: predecessor))
        case .action(nil, _), .trigger, .lastAction: nil
        }
        context.designer.apply(edited, label: "add \(what)", focus: (before, .step(address)))
        // Like the Logic Apps designer, a new step opens straight into its form.
        context.replace(with: FormScreen(address: address, definition: context.designer.definition))
    }

    /// Puts a step right after `sibling` in its container, running after what `sibling` runs after.
    static func addBranch(named name: String, body: JSONObject, beside sibling: StepAddress, in definition: inout WorkflowDefinition) throws {
        guard let step = definition.step(at: sibling) else { throw EditError.stepNotFound(sibling) }
        var body = body
        body["runAfter"] = step.json["runAfter"] ?? .object(JSONObject())
        try definition.addStep(named: name, body: body, to: sibling.container)
        guard var container = definition[pointer: sibling.container]?.objectValue, let added = container[name],
              let index = container.keys.firstIndex(of: sibling.name)
        else { return }
        container.insert(added, forKey: name, at: index + 1)
        try definition.setValue(.object(container), at: sibling.container)
    }

    // MARK: Drawing

    /// The box: as tall as the list (with its group headings) where the screen allows, and
    /// never shorter than eight lines, so a search that narrows the list does not make it jump.
    static func frame(_ area: Rect, palette: Palette) -> Rect {
        let width = min(64, area.width - 4)
        let height = min(area.height, 5 + max(8, palette.rows.count))
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + 1, width: width, height: height)
    }

    /// How many list lines the box shows.
    static func listHeight(_ area: Rect, palette: Palette) -> Int {
        max(0, frame(area, palette: palette).inset(by: 1).height - 2)
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let matches = palette.matches
        let rect = Self.frame(area, palette: palette)
        guard rect.width > 10, rect.height > 4 else { return }
        // Whole rows, so no card is left cut in half beside the box.
        buffer.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height), role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: palette.title, titleRole: .title)
        let inner = rect.inset(by: 1)
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
        let rows = palette.rows
        let height = Self.listHeight(area, palette: palette)
        let first = palette.firstVisibleRow(height: height)
        let titleWidth = min(26, matches.map { TextLayout.width($0.title) }.max() ?? 0)
        for (offset, row) in rows[first...].prefix(height).enumerated() {
            let y = listTop + offset
            guard case .template(let index) = row else {
                if case .heading(let group) = row { buffer.put(TextLayout.truncate(group, to: inner.width - 2, ellipsis: glyphs.ellipsis), at: inner.x + 1, y: y, role: .label) }
                continue
            }
            let template = matches[index]
            let highlighted = index == palette.highlighted
            if highlighted { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            let icon = StepCard.icon(template.kind, ascii: glyphs.isASCII)
            var x = inner.x
            x += buffer.put(highlighted ? glyphs.pointer : " ", at: x, y: y, role: highlighted ? .selection : .normal)
            x += buffer.put(" \(icon) ", at: x, y: y, role: highlighted ? .selection : .cardType)
            buffer.put(TextLayout.fit(template.title, to: titleWidth, ellipsis: glyphs.ellipsis), at: x, y: y, role: highlighted ? .selection : .title)
            x += titleWidth + 2
            let room = inner.maxX - x
            guard room > 3 else { continue }
            buffer.put(TextLayout.truncate(template.summary, to: room, ellipsis: glyphs.ellipsis), at: x, y: y, role: highlighted ? .selection : .dim)
        }
        // Say when the list goes on above or below the box.
        if first > 0 {
            let up = " " + RunsMoreMark.up(glyphs) + " "
            buffer.put(up, at: rect.maxX - 2 - TextLayout.width(up), y: inner.y + 1, role: .dim)
        }
        if first + height < rows.count {
            let down = " " + RunsMoreMark.down(glyphs) + " "
            buffer.put(down, at: rect.maxX - 2 - TextLayout.width(down), y: rect.maxY - 1, role: .dim)
        }
    }

    /// The palette row (an index into `matches`) under a screen point.
    static func row(at x: Int, y: Int, palette: Palette, area: Rect) -> Int? {
        let inner = frame(area, palette: palette).inset(by: 1)
        let line = y - (inner.y + 2)
        let height = listHeight(area, palette: palette)
        let rows = palette.rows
        let index = palette.firstVisibleRow(height: height) + line
        guard inner.contains(x: x, y: y), (0..<height).contains(line), rows.indices.contains(index),
              case .template(let match) = rows[index], palette.matches.indices.contains(match)
        else { return nil }
        return match
    }
}
