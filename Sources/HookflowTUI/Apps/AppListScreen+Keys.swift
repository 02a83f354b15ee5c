import HookflowEngine

extension AppListScreen {
    /// The keys, for the help overlay.
    static let keys: [(keys: String, action: String)] = [
        ("↑ ↓  k j", "previous / next app"),
        ("g G  Home End", "first / last app"),
        ("PgUp PgDn", "a page up / down"),
        ("Enter", "open the app in the designer"),
        ("R  r", "the app's runs"),
        ("t", "enable / disable the app (subscribes / unsubscribes its webhook triggers)"),
        ("d  Delete", "delete the app, its runs and subscriptions (asks first)"),
        ("click", "select; click again to open"),
        ("Esc", "back to the designer"),
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
        if cursor.handle(key, count: apps?.count ?? 0, visible: visibleRows) { return [] }
        switch key {
        case .enter:
            if let app = selectedApp { return [.show(.designer(app: app.name))] }
        case .character("R"), .character("r"):
            if let app = selectedApp { return [.show(.runs(app: app.name))] }
        case .character("t"):
            if let app = selectedApp { return change(app.state == .enabled ? .disable(app.name) : .enable(app.name)) }
        case .character("d"), .delete:
            if let app = selectedApp {
                guard changing[app.name] == nil else { return busy(app.name) }
                prompt = ScreenPrompt(
                    title: "Delete app",
                    message: "Delete app \(app.name)? Its runs are deleted and its webhook triggers unsubscribed.",
                    confirmLabel: "Delete", action: .delete(app.name))
            }
        case .escape: return [.back]
        case .character("q"): return [.quit]
        default: break
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton) -> [WorkbenchEffect] {
        if let prompt {
            guard button == .left, let answer = prompt.click(x: x, y: y, area: area) else { return [] }
            return answerPrompt(answer)
        }
        let count = apps?.count ?? 0
        switch button {
        case .wheelDown: cursor.scroll(by: 3, count: count, visible: visibleRows)
        case .wheelUp: cursor.scroll(by: -3, count: count, visible: visibleRows)
        case .left:
            let table = AppListLayout(area: area, apps: apps ?? []).rows
            guard table.contains(x: x, y: y), let row = cursor.row(atLine: y - table.y, count: count, visible: visibleRows) else { return [] }
            if row == cursor.selected { return handle(.enter) }
            banner = nil
            cursor.select(row, count: count, visible: visibleRows)
        default: break
        }
        return []
    }

    /// Rows of apps on screen.
    var visibleRows: Int { AppListLayout(area: area, apps: apps ?? []).rows.height }

    private mutating func answerPrompt(_ answer: ScreenPrompt<AppChange>.Answer) -> [WorkbenchEffect] {
        guard let prompt else { return [] }
        self.prompt = nil
        return answer == .confirm ? change(prompt.action) : []
    }

    private mutating func change(_ change: AppChange) -> [WorkbenchEffect] {
        guard changing[change.app] == nil else { return busy(change.app) }
        changing[change.app] = change
        return [.changeApp(change)]
    }

    private mutating func busy(_ name: String) -> [WorkbenchEffect] {
        banner = Banner(text: "\(name) is being changed; wait for the result", isError: false)
        return []
    }
}
