import HookflowEngine

extension RunDetailScreen {
    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let tick = context.tick
        guard area.width > 0, area.height > 0 else { return }
        buffer.fill(area, role: .normal)
        guard let detail else {
            let text = loadError.map { "\(glyphs.statusFailed) Could not load run \(id): \($0)" } ?? "\(Spinner.frame(tick, glyphs)) Loading run \(id)" + glyphs.adapt("…")
            buffer.put(TextLayout.truncate(text, to: area.width - 4, ellipsis: glyphs.ellipsis), at: area.x + 2, y: area.y + 1,
                       role: loadError == nil ? .dim : .statusFailed)
            return
        }
        let layout = self.layout
        drawSummary(detail.summary, in: layout.summary, glyphs: glyphs, into: &buffer)
        drawSteps(layout, glyphs: glyphs, into: &buffer)
        drawDetails(layout, glyphs: glyphs, into: &buffer)
    }

    private func drawSummary(_ run: RunSummary, in rect: Rect, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let role = RunStatusStyle.role(run.status)
        let width = rect.width - 2
        buffer.put(spans: [
            TextSpan("Run ", .dim), TextSpan(run.id, .title), TextSpan("  ", .normal),
            TextSpan(RunStatusStyle.glyph(role, glyphs: glyphs) + " " + run.status.rawValue, role),
            TextSpan("  trigger ", .dim), TextSpan(run.triggerName, .normal),
        ], at: rect.x + 1, y: rect.y, maxWidth: width, glyphs: glyphs)
        var times = [TextSpan("Started ", .dim), TextSpan(RunTimes.display(run.startTime), .normal)]
        if run.status.isFinished {
            times += [TextSpan(" · ended ", .dim, own: true), TextSpan(RunTimes.display(run.endTime), .normal, own: true),
                      TextSpan(" · took ", .dim, own: true), TextSpan(RunTimes.duration(from: run.startTime, to: run.endTime), .normal, own: true)]
        } else if !run.waitingActions.isEmpty {
            times += [TextSpan(" · waiting on ", .dim, own: true), TextSpan(run.waitingActions.joined(separator: ", "), .statusWaiting)]
        } else {
            times.append(TextSpan(" · still running", .dim, own: true))
        }
        buffer.put(spans: times, at: rect.x + 1, y: rect.y + 1, maxWidth: width, glyphs: glyphs)
        if let error = run.error, rect.height > 2 {
            buffer.put(spans: [TextSpan("\(glyphs.statusFailed) \(RunStep.describe(error: error))", .statusFailed)],
                       at: rect.x + 1, y: rect.y + 2, maxWidth: width, glyphs: glyphs)
        }
    }

    private func drawSteps(_ layout: RunDetailLayout, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let rect = layout.steps
        guard rect.height > 1 else { return }
        let columns = layout.columns
        buffer.put("STEP", at: columns.name.x, y: rect.y, role: .title)
        buffer.put("TYPE", at: columns.type, y: rect.y, role: .title)
        buffer.put("STARTED", at: columns.started, y: rect.y, role: .title)
        buffer.put("DURATION", at: columns.duration, y: rect.y, role: .title)
        if let code = columns.code { buffer.put("CODE", at: code.x, y: rect.y, role: .title) }
        let visible = visibleSteps
        let runStart = detail?.summary.startTime
        for line in 0..<visible {
            guard let index = cursor.row(atLine: line, count: steps.count, visible: visible) else { break }
            let step = steps[index]
            let y = rect.y + 1 + line
            let selected = index == cursor.selected
            let override: StyleRole? = selected ? .selection : nil
            if selected {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection)
                buffer.put(glyphs.pointer, at: rect.x, y: y, role: .selection)
            }
            buffer.put(RunStatusStyle.glyph(step.role, glyphs: glyphs), at: rect.x + 2, y: y, role: override ?? step.role)
            let name = String(repeating: " ", count: 2 * step.depth) + step.label
            buffer.put(TextLayout.truncate(name, to: columns.name.width, ellipsis: glyphs.ellipsis), at: columns.name.x, y: y,
                       role: override ?? (step.isReached ? .normal : .disabled))
            buffer.put(TextLayout.truncate(step.type, to: RunDetailLayout.typeWidth, ellipsis: glyphs.ellipsis), at: columns.type, y: y, role: override ?? .dim)
            if step.isReached {
                buffer.put(RunTimes.short(step.startTime, sameDayAs: runStart), at: columns.started, y: y, role: override ?? .dim, maxWidth: layout.startedWidth)
            }
            let duration = step.status.lowercased() == "skipped" ? "" : glyphs.adapt(step.duration)
            buffer.put(TextLayout.pad(duration, to: RunDetailLayout.durationWidth, alignment: .trailing), at: columns.duration, y: y, role: override ?? .normal)
            if let code = columns.code, let text = step.code {
                buffer.put(TextLayout.truncate(text, to: code.width, ellipsis: glyphs.ellipsis), at: code.x, y: y, role: override ?? step.role)
            }
        }
        if cursor.top + visible < steps.count {
            let more = " \(RunsMoreMark.down(glyphs)) "
            buffer.put(more, at: rect.maxX - TextLayout.width(more), y: rect.y, role: .dim)
        }
    }

    private func drawDetails(_ layout: RunDetailLayout, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let box = layout.details
        guard box.height >= 3, let step = selectedStep else { return }
        let role: StyleRole = step.isWaitingWebhook ? .borderFocused : .border
        buffer.drawBox(box, role: role, glyphs: glyphs, title: "\(step.label) \(glyphs.separator) \(step.statusText)", titleRole: .title)
        let text = layout.detailText
        for (row, spans) in detailLines.dropFirst(detailScroll).prefix(text.height).enumerated() {
            buffer.put(spans: spans, at: text.x, y: text.y + row, maxWidth: text.width, glyphs: glyphs)
        }
        if detailLines.count > text.height {
            let last = min(detailLines.count, detailScroll + text.height)
            let position = glyphs.adapt(" \(detailScroll + 1)–\(last) of \(detailLines.count) · PgUp PgDn ")
            buffer.put(position, at: box.maxX - 2 - TextLayout.width(position), y: box.maxY - 1, role: .dim)
        }
    }
}
