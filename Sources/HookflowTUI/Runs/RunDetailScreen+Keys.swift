import HookflowEngine

extension RunDetailScreen {
    /// The keys, for the help overlay.
    static let keys: [(keys: String, action: String)] = [
        ("↑ ↓  k j", "previous / next step"),
        ("g G  Home End", "the trigger / the last step"),
        ("J K  PgDn PgUp", "scroll the step's details"),
        ("c", "copy a waiting webhook action's callback URL"),
        ("s", "send a test callback (a JSON body) to that URL"),
        ("Ctrl-S  Esc", "in the callback box: send / cancel"),
        ("x", "cancel the run while it runs or waits (asks first)"),
        ("r", "resubmit: a new run with the same trigger data (asks first), then show it"),
        ("click  wheel", "select a step; scroll the details"),
        ("Esc", "back"),
        ("q", "quit"),
    ]

    mutating func handle(_ key: Key) -> [WorkbenchEffect] {
        if var editor {
            let outcome = editor.handle(key)
            self.editor = editor
            switch outcome {
            case .stay: return []
            case .cancel:
                self.editor = nil
                return []
            case .send(let body):
                sendingTo = editor.url
                return [.sendCallback(url: editor.url, body: body)]
            }
        }
        if var prompt {
            let answer = prompt.handle(key)
            self.prompt = prompt
            guard let answer else { return [] }
            self.prompt = nil
            guard answer == .confirm else { return [] }
            guard pendingControl == nil else {
                banner = Banner(text: "Wait for the last cancel or resubmit to finish", isError: false)
                return []
            }
            pendingControl = prompt.action
            return [.controlRun(prompt.action)]
        }
        banner = nil
        switch key {
        case .down, .character("j"): select(cursor.selected + 1)
        case .up, .character("k"): select(cursor.selected - 1)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(steps.count - 1)
        case .character("J"): scrollDetail(by: 1)
        case .character("K"): scrollDetail(by: -1)
        case .pageDown: scrollDetail(by: max(1, layout.detailText.height - 1))
        case .pageUp: scrollDetail(by: -max(1, layout.detailText.height - 1))
        case .character("c"):
            guard let url = waitingCallbackURL() else { return [] }
            banner = Banner(text: "Copied the callback URL", isError: false)
            return [.copyToClipboard(url)]
        case .character("s"):
            guard let step = selectedStep, let url = waitingCallbackURL() else { return [] }
            editor = CallbackEditor(action: step.name, url: url, rows: max(3, min(8, area.height - 10)))
        case .character("x"):
            askToCancel()
        case .character("r"):
            guard detail != nil else { return [] }
            prompt = ScreenPrompt(
                title: "Resubmit run", message: "Resubmit run \(id)? A new run starts with the same trigger data.",
                confirmLabel: "Resubmit", keepLabel: "No", action: .resubmit(app: app, id: id))
        case .escape: return [.back]
        case .character("q"): return [.quit]
        default: break
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton) -> [WorkbenchEffect] {
        if editor != nil { return [] }
        if let prompt {
            guard button == .left, let answer = prompt.click(x: x, y: y, area: area) else { return [] }
            return handle(answer == .confirm ? .character("y") : .character("n"))
        }
        let layout = self.layout
        let overDetails = layout.details.contains(x: x, y: y)
        switch button {
        case .wheelDown: overDetails ? scrollDetail(by: 3) : select(cursor.selected + 1)
        case .wheelUp: overDetails ? scrollDetail(by: -3) : select(cursor.selected - 1)
        case .left:
            let rows = layout.steps.inset(top: 1)
            guard rows.contains(x: x, y: y), let row = cursor.row(atLine: y - rows.y, count: steps.count, visible: visibleSteps) else { return [] }
            banner = nil
            select(row)
        default: break
        }
        return []
    }

    private mutating func select(_ index: Int) {
        let before = cursor.selected
        cursor.select(index, count: steps.count, visible: visibleSteps)
        if cursor.selected != before { rebuildDetail(keepScroll: false) }
    }

    private mutating func scrollDetail(by lines: Int) {
        detailScroll = max(0, min(detailScroll + lines, maxDetailScroll))
    }

    /// The selected step's callback URL when it is a waiting webhook action; otherwise a banner says what to do.
    private mutating func waitingCallbackURL() -> String? {
        if let step = selectedStep, step.isWaitingWebhook, let url = step.callbackURL { return url }
        let waiting = steps.first { $0.isWaitingWebhook }
        let text = waiting.map { "Select \($0.name): only a waiting webhook action has a callback URL" }
            ?? "No webhook action of this run waits for a callback"
        banner = Banner(text: text, isError: false)
        return nil
    }

    private mutating func askToCancel() {
        guard let run = detail?.summary else { return }
        guard !run.status.isFinished else {
            banner = Banner(text: "Run \(id) is \(run.status.rawValue); only Running or Waiting runs can be cancelled", isError: false)
            return
        }
        let waiting = run.waitingActions.isEmpty ? "" : " Its waiting webhook actions unsubscribe."
        prompt = ScreenPrompt(
            title: "Cancel run", message: "Cancel run \(id)?\(waiting)",
            confirmLabel: "Cancel run", action: .cancel(app: app, id: id))
    }
}
