import HookflowEngine

extension AppListScreen {
    enum Action: Sendable {
        case move, page, ends, open, runs, toggle, delete, search, nextMatch, back, mouse
    }

    static let keyMap = KeyMap<Action>(.apps, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓", help: "previous / next app",
                   footer: false, action: .move),
        KeyBinding([.pageUp, .pageDown], "page", label: "PgUp PgDn", help: "a page up / down", footer: false, action: .page),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End", help: "the first / the last app",
                   footer: false, action: .ends),
        KeyBinding([.enter], "open", help: "open the app in the designer", action: .open),
        KeyBinding([.character("R")], "runs", help: "the app's runs, live", action: .runs),
        KeyBinding([.character("t")], "enable/disable", help: "enable / disable the app (subscribes / unsubscribes its webhook triggers)",
                   action: .toggle),
        KeyBinding([.character("d"), .delete], "delete", label: "d  Delete", help: "delete the app, its runs and subscriptions (asks first)",
                   action: .delete),
        KeyBinding([.character("/")], "search", help: "find an app by name", action: .search),
        KeyBinding([.character("n"), .character("N")], "next match", label: "n N", help: "next / previous app the search found", footer: false,
                   action: .nextMatch),
        KeyBinding([.escape], "back", help: "back to the designer", action: .back),
        .note("click", "select; click again to open", action: .mouse),
    ])

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        guard let app = selectedApp else { return Self.keyMap.hints { $0 == .back } }
        return Self.keyMap.hints(where: { $0 != .search }, name: { binding in
            binding.action == .toggle ? (app.state == .enabled ? "disable" : "enable") : binding.action == .back ? "designer" : binding.name
        })
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        switch action {
        case .move, .page, .ends:
            _ = cursor.handle(key, count: apps?.count ?? 0, visible: visibleRows)
        case .open:
            if let app = selectedApp { context.design(app.name) }
        case .runs:
            if let app = selectedApp { context.showRuns(of: app.name) }
        case .toggle:
            if let app = selectedApp { return change(app.state == .enabled ? .disable(app.name) : .enable(app.name), &context) }
        case .delete:
            guard let app = selectedApp else { break }
            guard changing[app.name] == nil else { return busy(app.name, &context) }
            context.ask(.yesNo(title: "Delete app", message: "Delete app \(app.name)? Its runs are deleted and its webhook triggers unsubscribed.",
                               confirm: "Delete", answer: .deleteApp(app.name)))
        case .search:
            context.show(SearchScreen(what: "apps by name", query: searchQuery ?? ""))
        case .nextMatch:
            findApp(forward: key == .character("n"), from: cursor.selected + (key == .character("n") ? 1 : -1), &context)
        case .back:
            context.close()
        case .mouse:
            break
        }
        return []
    }

    mutating func answered(_ answer: DialogAnswer, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .deleteApp(let name) = answer else { return [] }
        return change(.delete(name), &context)
    }

    mutating func search(_ query: String?, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard let query, !query.isEmpty else { return [] }
        searchQuery = query
        findApp(forward: true, from: cursor.selected, &context)
        return []
    }

    /// Selects the next app (from `start`, going round) whose name contains the search.
    private mutating func findApp(forward: Bool, from start: Int, _ context: inout WorkbenchContext) {
        guard let query = searchQuery?.lowercased(), let apps, !apps.isEmpty else {
            context.say("No search yet: / finds an app by name")
            return
        }
        let count = apps.count
        for step in 0..<count {
            let index = ((start + (forward ? step : -step)) % count + count) % count
            if apps[index].name.lowercased().contains(query) {
                cursor.select(index, count: count, visible: visibleRows)
                return
            }
        }
        context.say("No app matches \"\(query)\"", isError: true)
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        let count = apps?.count ?? 0
        switch button {
        case .wheelDown: cursor.scroll(by: 3, count: count, visible: visibleRows)
        case .wheelUp: cursor.scroll(by: -3, count: count, visible: visibleRows)
        case .left:
            let table = AppListLayout(area: area, apps: apps ?? []).rows
            guard table.contains(x: x, y: y), let row = cursor.row(atLine: y - table.y, count: count, visible: visibleRows) else { return [] }
            if row == cursor.selected { return handle(.enter, &context) ?? [] }
            cursor.select(row, count: count, visible: visibleRows)
        default: break
        }
        return []
    }

    /// Rows of apps on screen.
    var visibleRows: Int { AppListLayout(area: area, apps: apps ?? []).rows.height }

    private mutating func change(_ change: AppChange, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard changing[change.app] == nil else { return busy(change.app, &context) }
        changing[change.app] = change
        return [.changeApp(change)]
    }

    private func busy(_ name: String, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        context.say("\(name) is being changed; wait for the result")
        return []
    }
}
