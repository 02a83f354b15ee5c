import HookflowEngine

extension RunDetailScreen {
    enum Action: Sendable {
        case move, ends, page, copyURL, sendCallback, cancel, resubmit, apps, back, mouse
    }

    static let keyMap = KeyMap<Action>(.runDetail, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓", help: "previous / next step",
                   action: .move),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End", help: "the trigger / the last step",
                   footer: false, action: .ends),
        KeyBinding([.pageUp, .pageDown], "page", label: "PgUp PgDn", help: "scroll the step's details a page", footer: false, action: .page),
        KeyBinding([.character("c")], "copy URL", help: "copy a waiting webhook action's callback URL (OSC 52)", action: .copyURL),
        KeyBinding([.character("s")], "send callback", help: "send a test callback to that URL: a JSON body, and headers (x-hookflow-status: Failed)",
                   action: .sendCallback),
        KeyBinding([.character("x")], "cancel run", help: "cancel the run while it runs or waits (asks first)", action: .cancel),
        KeyBinding([.character("S")], "resubmit", help: "resubmit: a new run with the same trigger data (asks first); it replaces this one here",
                   action: .resubmit),
        KeyBinding([.character("L")], "apps", help: "every app", footer: false, action: .apps),
        KeyBinding([.escape], "back", help: "back to the runs", action: .back),
        .note("click  wheel", "select a step; scroll the details", action: .mouse),
    ])

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        Self.keyMap.hints { action in
            switch action {
            case .copyURL, .sendCallback: selectedStep?.isWaitingWebhook == true
            case .cancel: detail.map { !$0.summary.status.isFinished } ?? false
            case .resubmit: detail != nil
            default: true
            }
        }
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        switch action {
        case .move:
            select(cursor.selected + (key == .down || key == .character("j") ? 1 : -1))
        case .ends:
            select(key == .home || key == .character("g") ? 0 : steps.count - 1)
        case .page:
            scrollDetail(by: (key == .pageUp ? -1 : 1) * max(1, layout.detailText.height - 1))
        case .copyURL:
            guard let url = waitingCallbackURL(&context) else { break }
            context.say("Copied the callback URL")
            return [.copyToClipboard(url)]
        case .sendCallback:
            guard let step = selectedStep, let url = waitingCallbackURL(&context) else { break }
            context.show(CallbackEditorScreen(CallbackEditor(action: step.label, url: url, rows: max(3, min(8, area.height - 12)))))
        case .cancel:
            askToCancel(&context)
        case .resubmit:
            guard detail != nil else { break }
            context.ask(.yesNo(title: "Resubmit run", message: "Resubmit run \(id)? A new run starts with the same trigger data.",
                               confirm: "Resubmit", answer: .controlRun(.resubmit(app: app, id: id)), keep: "No"))
        case .apps:
            context.show(AppListScreen())
        case .back:
            context.close()
        case .mouse:
            break
        }
        return []
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

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        let layout = self.layout
        let overDetails = layout.details.contains(x: x, y: y)
        switch button {
        case .wheelDown: overDetails ? scrollDetail(by: 3) : select(cursor.selected + 1)
        case .wheelUp: overDetails ? scrollDetail(by: -3) : select(cursor.selected - 1)
        case .left:
            let rows = layout.steps.inset(top: 1)
            guard rows.contains(x: x, y: y), let row = cursor.row(atLine: y - rows.y, count: steps.count, visible: visibleSteps) else { return [] }
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

    /// The selected step's callback URL when it is a waiting webhook action; otherwise a message says what to do.
    private func waitingCallbackURL(_ context: inout WorkbenchContext) -> String? {
        if let step = selectedStep, step.isWaitingWebhook, let url = step.callbackURL { return url }
        let waiting = steps.first { $0.isWaitingWebhook }
        context.say(waiting.map { "Select \($0.label): only a waiting webhook action has a callback URL" }
            ?? "No webhook action of this run waits for a callback")
        return nil
    }

    private func askToCancel(_ context: inout WorkbenchContext) {
        guard let run = detail?.summary else { return }
        guard !run.status.isFinished else {
            context.say("Run \(id) is \(run.status.rawValue); only Running or Waiting runs can be cancelled")
            return
        }
        let waiting = run.waitingActions.isEmpty ? "" : " Its waiting webhook actions unsubscribe."
        context.ask(.yesNo(title: "Cancel run", message: "Cancel run \(id)?\(waiting)", confirm: "Cancel run",
                           answer: .controlRun(.cancel(app: app, id: id))))
    }
}
