import HookflowEngine

extension RunsScreen {
    enum Action: Sendable {
        case move, page, ends, open, filter, cancel, resubmit, search, nextMatch, apps, back, mouse
    }

    static let keyMap = KeyMap<Action>(.runs, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓",
                   help: "previous / next run (older runs load as you go)", footer: false, action: .move),
        KeyBinding([.pageUp, .pageDown], "page", label: "PgUp PgDn", help: "a page up / down", footer: false, action: .page),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End",
                   help: "the newest run / the last one loaded (which loads the next page)", footer: false, action: .ends),
        KeyBinding([.enter], "open", help: "the run's steps, inputs and outputs", action: .open),
        KeyBinding([.character("f")], "filter", help: "filter: All, Waiting, Running, Failed, Succeeded, Cancelled, TimedOut", action: .filter),
        KeyBinding([.character("x")], "cancel run", help: "cancel a Running or Waiting run (asks first)", action: .cancel),
        KeyBinding([.character("S")], "resubmit", help: "resubmit: a new run with the same trigger data (asks first)", action: .resubmit),
        KeyBinding([.character("/")], "search", help: "find a run by id (any part of it); a whole id not loaded yet opens that run", action: .search),
        KeyBinding([.character("n"), .character("N")], "next match", label: "n N", help: "next / previous run the search found", footer: false,
                   action: .nextMatch),
        KeyBinding([.character("L")], "apps", help: "every app", footer: false, action: .apps),
        KeyBinding([.escape], "back", help: "back to the screen before", action: .back),
        .note("click", "select; click again to open; the wheel scrolls", action: .mouse),
    ])

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        Self.keyMap.hints { action in
            switch action {
            case .cancel: selectedRun.map { !$0.status.isFinished } ?? false
            case .resubmit, .open: selectedRun != nil
            case .search: false
            default: true
            }
        }
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        pagingFailed = false
        switch action {
        case .move, .page, .ends:
            _ = cursor.handle(key, count: runs.count, visible: visibleRows)
        case .open:
            if let run = selectedRun { context.show(RunDetailScreen(app: app, id: run.id)) }
        case .filter:
            let index = Self.filters.firstIndex(of: filter) ?? 0
            filter = Self.filters[(index + 1) % Self.filters.count]
            return reload()
        case .cancel:
            if let run = selectedRun { askToCancel(run, &context) }
        case .resubmit:
            if let run = selectedRun {
                context.ask(.yesNo(title: "Resubmit run", message: "Resubmit run \(run.id)? A new run starts with the same trigger data.",
                                   confirm: "Resubmit", answer: .controlRun(.resubmit(app: app, id: run.id)), keep: "No"))
            }
        case .search:
            context.show(SearchScreen(what: "runs by id", query: searchQuery ?? ""))
        case .nextMatch:
            findRun(forward: key == .character("n"), from: cursor.selected + (key == .character("n") ? 1 : -1), &context)
        case .apps:
            context.show(AppListScreen())
        case .back:
            context.close()
        case .mouse:
            break
        }
        return loadMoreIfNeeded()
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        switch button {
        case .wheelDown: cursor.scroll(by: 3, count: runs.count, visible: visibleRows)
        case .wheelUp: cursor.scroll(by: -3, count: runs.count, visible: visibleRows)
        case .left:
            let rows = Rect(x: area.x, y: area.y + 1, width: area.width, height: visibleRows)
            guard rows.contains(x: x, y: y), let row = cursor.row(atLine: y - rows.y, count: runs.count, visible: visibleRows) else { return [] }
            if row == cursor.selected { return handle(.enter, &context) ?? [] }
            cursor.select(row, count: runs.count, visible: visibleRows)
        default: break
        }
        return loadMoreIfNeeded()
    }

    private mutating func askToCancel(_ run: RunSummary, _ context: inout WorkbenchContext) {
        guard !run.status.isFinished else {
            context.say("Run \(run.id) is \(run.status.rawValue); only Running or Waiting runs can be cancelled")
            return
        }
        let waiting = run.waitingActions.isEmpty ? "" : " Its waiting webhook actions unsubscribe."
        context.ask(.yesNo(title: "Cancel run", message: "Cancel run \(run.id)?\(waiting)", confirm: "Cancel run",
                           answer: .controlRun(.cancel(app: app, id: run.id))))
    }

    mutating func answered(_ answer: DialogAnswer, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .controlRun(let control) = answer else { return [] }
        guard pendingControl == nil else {
            context.say("Wait for the last cancel or resubmit to finish")
            return []
        }
        pendingControl = control
        return [.controlRun(control)]
    }

    mutating func search(_ query: String?, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty else { return [] }
        searchQuery = query
        if findRun(forward: true, from: cursor.selected, &context, quiet: true) { return loadMoreIfNeeded() }
        // Not among the runs loaded: a whole id opens that run (the engine says if there is none).
        if query.count >= 20, !query.contains(" ") {
            context.show(RunDetailScreen(app: app, id: query))
        } else {
            context.say("No loaded run's id contains \"\(query)\" (\(runs.count) loaded); a whole id opens the run", isError: true)
        }
        return []
    }

    /// Selects the next loaded run (from `start`, going round) whose id contains the search.
    @discardableResult
    private mutating func findRun(forward: Bool, from start: Int, _ context: inout WorkbenchContext, quiet: Bool = false) -> Bool {
        guard let query = searchQuery?.lowercased(), !runs.isEmpty else {
            if !quiet { context.say("No search yet: / finds a run by id") }
            return false
        }
        let count = runs.count
        for step in 0..<count {
            let index = ((start + (forward ? step : -step)) % count + count) % count
            if runs[index].id.lowercased().contains(query) {
                cursor.select(index, count: count, visible: visibleRows)
                return true
            }
        }
        if !quiet { context.say("No loaded run's id contains \"\(query)\"", isError: true) }
        return false
    }
}
