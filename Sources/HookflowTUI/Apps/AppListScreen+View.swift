import HookflowEngine

extension AppListScreen {
    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let tick = context.tick
        guard area.width > 0, area.height > 0 else { return }
        buffer.fill(area, role: .normal)
        guard let apps else {
            if let loadError {
                buffer.put(TextLayout.truncate("\(glyphs.statusFailed) Could not load the apps: \(loadError)", to: area.width - 2, ellipsis: glyphs.ellipsis),
                           at: area.x + 2, y: area.y + 1, role: .statusFailed)
            } else {
                buffer.put("\(Spinner.frame(tick, glyphs)) " + glyphs.adapt("Loading apps…"), at: area.x + 2, y: area.y + 1, role: .dim)
            }
            return
        }
        guard !apps.isEmpty else {
            let lines = TextLayout.wrap("No apps yet. Press Esc for the designer; Ctrl-S there publishes the app.", width: max(1, area.width - 4))
            for (row, line) in lines.enumerated() {
                buffer.put(line, at: area.x + 2, y: area.y + 1 + row, role: .dim)
            }
            return
        }
        let layout = AppListLayout(area: area, apps: apps)
        drawHeader(layout, glyphs: glyphs, into: &buffer)
        let visible = layout.rows.height
        for line in 0..<visible {
            guard let index = cursor.row(atLine: line, count: apps.count, visible: visible) else { break }
            drawRow(apps[index], selected: index == cursor.selected, y: layout.rows.y + line, layout: layout, glyphs: glyphs, tick: tick, into: &buffer)
        }
        drawPanel(layout, cutBelow: cursor.top + visible < apps.count, glyphs: glyphs, into: &buffer)
    }

    private func drawHeader(_ layout: AppListLayout, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = layout.header.y
        let columns = layout.columns
        buffer.put("NAME", at: columns.name, y: y, role: .title)
        buffer.put("STATE", at: columns.state, y: y, role: .title)
        buffer.put("VERSION", at: columns.version, y: y, role: .title)
        buffer.put("CHANGED", at: columns.changed, y: y, role: .title)
        buffer.put("TRIGGERS", at: columns.triggers, y: y, role: .title, maxWidth: layout.header.maxX - columns.triggers)
        if cursor.top > 0 {
            let more = " " + RunsMoreMark.up(glyphs)
            buffer.put(more, at: layout.header.maxX - TextLayout.width(more), y: y, role: .dim)
        }
    }

    private func drawRow(_ app: WorkflowSummary, selected: Bool, y: Int, layout: AppListLayout, glyphs: Glyphs, tick: Int, into buffer: inout CellBuffer) {
        let columns = layout.columns
        let override: StyleRole? = selected ? .selection : nil
        if selected {
            buffer.fill(Rect(x: layout.rows.x, y: y, width: layout.rows.width, height: 1), role: .selection)
            buffer.put(glyphs.pointer, at: layout.rows.x, y: y, role: .selection)
        }
        buffer.put(TextLayout.truncate(app.name, to: layout.nameWidth, ellipsis: glyphs.ellipsis), at: columns.name, y: y, role: override ?? .normal)
        let state: TextSpan
        if let change = changing[app.name] {
            let doing = switch change {
            case .enable: "Enabling"
            case .disable: "Disabling"
            case .delete: "Deleting"
            }
            state = TextSpan("\(Spinner.frame(tick, glyphs)) \(doing)", .statusRunning)
        } else {
            state = TextSpan(app.state.rawValue, app.state == .enabled ? .normal : .disabled)
        }
        buffer.put(spans: [state], at: columns.state, y: y, maxWidth: AppListLayout.stateWidth, glyphs: glyphs, override: override)
        buffer.put(TextLayout.pad(String(app.version), to: AppListLayout.versionWidth, alignment: .trailing), at: columns.version, y: y, role: override ?? .normal)
        buffer.put(RunTimes.display(app.changedTime), at: columns.changed, y: y, role: override ?? .dim)
        buffer.put(spans: TriggerStatusText.spans(app.triggers), at: columns.triggers, y: y,
                   maxWidth: layout.rows.maxX - columns.triggers, glyphs: glyphs, override: override)
    }

    /// A rule, then the selected app's triggers one a line, with the service's whole answer when subscribing failed.
    private func drawPanel(_ layout: AppListLayout, cutBelow: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let panel = layout.panel
        guard panel.height >= 3, let app = selectedApp else { return }
        let ruleY = panel.y + 1
        buffer.put(String(repeating: glyphs.horizontal, count: panel.width), at: panel.x, y: ruleY, role: .border)
        let title = " Triggers of \(app.name) "
        buffer.put(TextLayout.truncate(title, to: panel.width - 12, ellipsis: glyphs.ellipsis), at: panel.x + 2, y: ruleY, role: .title)
        if cutBelow {
            let more = " \(RunsMoreMark.down(glyphs)) "
            buffer.put(more, at: panel.maxX - 2 - TextLayout.width(more), y: ruleY, role: .dim)
        }
        let nameWidth = min(24, app.triggers.map { TextLayout.width($0.name) }.max() ?? 0)
        let typeWidth = min(14, app.triggers.map { TextLayout.width($0.type) }.max() ?? 0)
        for (row, trigger) in app.triggers.enumerated() {
            let y = ruleY + 1 + row
            guard y < panel.maxY else { break }
            var spans: [TextSpan] = []
            let role = trigger.subscription.map { RunStatusStyle.role($0.status) } ?? .dim
            spans.append(TextSpan(RunStatusStyle.glyph(role, glyphs: glyphs) + " ", role))
            spans.append(TextSpan(TextLayout.fit(trigger.name, to: nameWidth, ellipsis: glyphs.ellipsis) + "  ", .normal))
            spans.append(TextSpan(TextLayout.fit(trigger.type, to: typeWidth, ellipsis: glyphs.ellipsis) + "  ", .dim))
            if let subscription = trigger.subscription {
                spans.append(TextSpan(subscription.status.rawValue, role))
                if let error = subscription.error { spans.append(TextSpan("  " + error.description, .dim)) }
                if subscription.status == .subscribeFailed, let next = TriggerStatusText.nextTry(subscription.nextAttemptTime) {
                    spans.append(TextSpan("  " + next, .dim))
                }
            } else {
                spans.append(TextSpan("called directly, no subscription", .dim))
            }
            buffer.put(spans: spans, at: panel.x + 2, y: y, maxWidth: panel.width - 3, glyphs: glyphs)
        }
        if app.triggers.isEmpty {
            buffer.put("This app has no trigger yet.", at: panel.x + 2, y: ruleY + 1, role: .dim)
        }
    }
}
