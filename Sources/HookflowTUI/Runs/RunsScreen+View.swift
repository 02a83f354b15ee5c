import HookflowEngine

extension RunsScreen {
    /// Draws the column header, the runs on screen (only those: the loaded list may be long) and a footer.
    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let tick = context.tick
        guard area.width > 0, area.height > 2 else { return }
        buffer.fill(area, role: .normal)
        let table = RunsTableLayout(area: area)
        drawHeader(table, y: area.y, glyphs: glyphs, into: &buffer)
        let rowsTop = area.y + 1
        if runs.isEmpty {
            drawEmpty(area: area, y: rowsTop + 1, glyphs: glyphs, tick: tick, into: &buffer)
        } else {
            let visible = visibleRows
            for line in 0..<visible {
                guard let index = cursor.row(atLine: line, count: runs.count, visible: visible) else { break }
                drawRow(runs[index], selected: index == cursor.selected, y: rowsTop + line, area: area, table: table, glyphs: glyphs, into: &buffer)
            }
            drawFooter(area: area, glyphs: glyphs, tick: tick, into: &buffer)
        }
    }

    private func drawHeader(_ table: RunsTableLayout, y: Int, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.put("STATUS", at: table.status, y: y, role: .title)
        buffer.put("RUN ID", at: table.id, y: y, role: .title)
        if let trigger = table.trigger { buffer.put("TRIGGER", at: trigger.x, y: y, role: .title) }
        buffer.put("STARTED", at: table.started.x, y: y, role: .title)
        buffer.put("DURATION", at: table.duration, y: y, role: .title)
        buffer.put("WAITING ON", at: table.waiting.x, y: y, role: .title, maxWidth: table.waiting.width)
    }

    private func drawRow(_ run: RunSummary, selected: Bool, y: Int, area: Rect, table: RunsTableLayout, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let override: StyleRole? = selected ? .selection : nil
        if selected {
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection)
            buffer.put(glyphs.pointer, at: area.x, y: y, role: .selection)
        }
        let role = RunStatusStyle.role(run.status)
        buffer.put(RunStatusStyle.glyph(role, glyphs: glyphs) + " " + run.status.rawValue, at: table.status, y: y, role: override ?? role)
        buffer.put(TextLayout.truncate(run.id, to: RunsTableLayout.idWidth, ellipsis: glyphs.ellipsis), at: table.id, y: y, role: override ?? .normal)
        if let trigger = table.trigger {
            buffer.put(TextLayout.truncate(run.triggerName, to: trigger.width, ellipsis: glyphs.ellipsis), at: trigger.x, y: y, role: override ?? .dim)
        }
        buffer.put(table.started(run.startTime), at: table.started.x, y: y, role: override ?? .dim)
        let duration = glyphs.adapt(run.status.isFinished ? RunTimes.duration(from: run.startTime, to: run.endTime) : RunTimes.unknown)
        buffer.put(TextLayout.pad(duration, to: RunsTableLayout.durationWidth, alignment: .trailing), at: table.duration, y: y, role: override ?? .normal)
        if table.waiting.width > 0, !run.waitingActions.isEmpty {
            let waiting = TextLayout.truncate(run.waitingActions.joined(separator: ", "), to: table.waiting.width, ellipsis: glyphs.ellipsis)
            buffer.put(waiting, at: table.waiting.x, y: y, role: override ?? .statusWaiting)
        }
    }

    private func drawEmpty(area: Rect, y: Int, glyphs: Glyphs, tick: Int, into buffer: inout CellBuffer) {
        let text: String
        let role: StyleRole
        if let loadError {
            text = "\(glyphs.statusFailed) Could not load the runs: \(loadError)"
            role = .statusFailed
        } else if !hasLoaded {
            text = "\(Spinner.frame(tick, glyphs)) " + glyphs.adapt("Loading runs…")
            role = .dim
        } else if let filter {
            text = "No \(filter.rawValue) runs. f shows the next filter."
            role = .dim
        } else {
            text = "No runs yet. Send a callback to the trigger's URL to start one."
            role = .dim
        }
        for (row, line) in TextLayout.wrap(text, width: max(1, area.width - 4)).enumerated() {
            buffer.put(line, at: area.x + 2, y: y + row, role: role)
        }
    }

    /// `↑ N more` when rows are above the view (newer runs that arrived while it was scrolled stay
    /// above it), `↓ more` when rows are cut below, and which runs show out of how many are loaded.
    private func drawFooter(area: Rect, glyphs: Glyphs, tick: Int, into buffer: inout CellBuffer) {
        let y = area.maxY - 1
        let first = cursor.top + 1
        let last = min(runs.count, cursor.top + visibleRows)
        var x = area.x + 2
        if cursor.top > 0 {
            x += buffer.put(glyphs.adapt("↑ \(cursor.top) more") + "  ", at: x, y: y, role: .dim)
        }
        if last < runs.count || nextToken != nil {
            buffer.put(RunsMoreMark.down(glyphs), at: x, y: y, role: .dim)
        }
        var counts = glyphs.adapt("\(first)–\(last) of \(runs.count)" + (nextToken == nil ? "" : "+"))
        if let inFlight, inFlight.skipToken != nil {
            counts = "\(Spinner.frame(tick, glyphs)) " + glyphs.adapt("loading more · ") + counts
        }
        buffer.put(counts, at: area.maxX - 1 - TextLayout.width(counts), y: y, role: .dim)
    }
}
