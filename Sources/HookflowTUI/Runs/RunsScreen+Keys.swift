import HookflowEngine

extension RunsScreen {
    /// The keys, for the help overlay.
    static let keys: [(keys: String, action: String)] = [
        ("↑ ↓  k j", "previous / next run (more load as you go)"),
        ("PgUp PgDn", "a page up / down"),
        ("g G  Home End", "newest run / last loaded run (loads the next page)"),
        ("Enter", "the run's steps, inputs and outputs"),
        ("f", "filter: All, Waiting, Running, Failed, Succeeded, Cancelled, TimedOut"),
        ("x", "cancel a Running or Waiting run (asks first)"),
        ("s", "resubmit the run: a new run with the same trigger data (asks first)"),
        ("r", "refresh"),
        ("click", "select; click again to open"),
        ("Esc", "back"),
        ("q", "quit"),
    ]

    mutating func handle(_ key: Key) -> [WorkbenchEffect] {
        if var prompt {
            let answer = prompt.handle(key)
            self.prompt = prompt
            guard let answer else { return [] }
            return answerPrompt(answer)
        }
        banner = nil
        pagingFailed = false
        if cursor.handle(key, count: runs.count, visible: visibleRows) { return loadMoreIfNeeded() }
        switch key {
        case .enter:
            if let run = selectedRun { return [.show(.runDetail(app: app, id: run.id))] }
        case .character("f"):
            let index = Self.filters.firstIndex(of: filter) ?? 0
            filter = Self.filters[(index + 1) % Self.filters.count]
            return reload()
        case .character("x"):
            if let run = selectedRun { askToCancel(run) }
        case .character("s"):
            if let run = selectedRun {
                prompt = ScreenPrompt(
                    title: "Resubmit run",
                    message: "Resubmit run \(run.id)? A new run starts with the same trigger data.",
                    confirmLabel: "Resubmit", keepLabel: "No", action: .resubmit(app: app, id: run.id))
            }
        case .character("r"): return request(firstPage)
        case .escape: return [.back]
        case .character("q"): return [.quit]
        default: break
        }
        return loadMoreIfNeeded()
    }

    mutating func click(x: Int, y: Int, button: MouseButton) -> [WorkbenchEffect] {
        if let prompt {
            guard button == .left, let answer = prompt.click(x: x, y: y, area: area) else { return [] }
            return answerPrompt(answer)
        }
        switch button {
        case .wheelDown: cursor.scroll(by: 3, count: runs.count, visible: visibleRows)
        case .wheelUp: cursor.scroll(by: -3, count: runs.count, visible: visibleRows)
        case .left:
            let rows = Rect(x: area.x, y: area.y + 1, width: area.width, height: visibleRows)
            guard rows.contains(x: x, y: y), let row = cursor.row(atLine: y - rows.y, count: runs.count, visible: visibleRows) else { return [] }
            if row == cursor.selected { return handle(.enter) }
            banner = nil
            cursor.select(row, count: runs.count, visible: visibleRows)
        default: break
        }
        return loadMoreIfNeeded()
    }

    private mutating func askToCancel(_ run: RunSummary) {
        guard !run.status.isFinished else {
            banner = Banner(text: "Run \(run.id) is \(run.status.rawValue); only Running or Waiting runs can be cancelled", isError: false)
            return
        }
        let waiting = run.waitingActions.isEmpty ? "" : " Its waiting webhook actions unsubscribe."
        prompt = ScreenPrompt(
            title: "Cancel run", message: "Cancel run \(run.id)?\(waiting)",
            confirmLabel: "Cancel run", action: .cancel(app: app, id: run.id))
    }

    private mutating func answerPrompt(_ answer: ScreenPrompt<RunControl>.Answer) -> [WorkbenchEffect] {
        guard let prompt else { return [] }
        self.prompt = nil
        guard answer == .confirm else { return [] }
        guard pendingControl == nil else {
            banner = Banner(text: "Wait for the last cancel or resubmit to finish", isError: false)
            return []
        }
        pendingControl = prompt.action
        return [.controlRun(prompt.action)]
    }
}
