import HookflowModel

extension DesignerScreen {
    enum Action: Sendable {
        case move, sideways, ends, page, open, add, parallel, rename, delete, moveStep, duplicate
        case undo, redo, search, nextMatch, copyURL, code, toggle, runs, apps, mouse
    }

    /// The canvas's keys: what dispatch looks up, and what the help and the footer show.
    static let keyMap = KeyMap<Action>(.steps, [
        KeyBinding([.up, .character("k"), .down, .character("j")], "move", label: "↑ ↓  k j", footerLabel: "↑↓",
                   help: "previous / next step", footer: false, action: .move),
        KeyBinding([.left, .character("h"), .right, .character("l")], "branch", label: "← →  h l",
                   help: "the step in the branch beside", footer: false, action: .sideways),
        KeyBinding([.character("g"), .character("G"), .home, .end], "first / last", label: "g G  Home End",
                   help: "the first step / + New step", footer: false, action: .ends),
        KeyBinding([.pageUp, .pageDown], "page", label: "PgUp PgDn", help: "scroll a page", footer: false, action: .page),
        KeyBinding([.enter], "open", help: "open the step's form; on a + button, the add-step palette", action: .open),
        KeyBinding([.character("a"), .character("+")], "add", label: "a  +", help: "add an action after the step (type to search: webhook finds HTTP Webhook)",
                   action: .add),
        KeyBinding([.character("p")], "parallel", help: "add a parallel branch: a step beside this one, running after the same steps",
                   action: .parallel),
        KeyBinding([.character("r")], "rename", help: "rename the step (spaces become _, as Logic Apps writes names)", action: .rename),
        KeyBinding([.character("d"), .delete], "delete", label: "d  Delete", help: "delete the step (asks first)", action: .delete),
        KeyBinding([.character("K"), .character("J")], "move step", label: "K J", help: "move the step up / down", footer: false, action: .moveStep),
        KeyBinding([.character("y")], "duplicate", help: "duplicate the step", footer: false, action: .duplicate),
        KeyBinding([.character("u")], "undo", help: "undo the last edit (form fields, adds, deletes, moves, renames)", action: .undo),
        KeyBinding([.ctrl("r")], "redo", help: "redo what u undid", footer: false, action: .redo),
        KeyBinding([.character("/")], "search", help: "search steps by name", action: .search),
        KeyBinding([.character("n"), .character("N")], "next match", label: "n N", help: "next / previous step the search found", footer: false,
                   action: .nextMatch),
        KeyBinding([.character("c")], "copy URL", help: "copy the selected trigger's callback URL (OSC 52); its form shows it", footer: false,
                   action: .copyURL),
        KeyBinding([.character("v")], "code", help: "code view: the definition as JSON, e edits it in $EDITOR", action: .code),
        KeyBinding([.character("t")], "enable/disable", help: "enable / disable the app (subscribes / unsubscribes its webhook triggers)",
                   action: .toggle),
        KeyBinding([.character("R")], "runs", help: "this app's runs, live", action: .runs),
        KeyBinding([.character("L")], "apps", help: "every app, with its triggers' subscriptions", footer: false, action: .apps),
        .note("click", "select; click again to open; a + between cards inserts there", action: .mouse),
    ])

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        let onButton: Bool = if case .add = selection { true } else { false }
        return Self.keyMap.hints(where: { action in
            switch action {
            case .parallel, .rename, .delete, .add: !onButton
            case .undo: context.designer.history.canUndo
            default: true
            }
        }, name: { binding in
            switch binding.action {
            case .open: onButton ? "add" : "open"
            case .toggle: context.designer.appState == .enabled ? "disable" : "enable"
            default: binding.name
            }
        })
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        return perform(action, key: key, &context)
    }

    private mutating func perform(_ action: Action, key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        let order = layout.items.map(\.selection)
        let index = order.firstIndex(of: selection) ?? 0
        switch action {
        case .move:
            let down = key == .down || key == .character("j")
            select(order[down ? min(order.count - 1, index + 1) : max(0, index - 1)])
        case .sideways:
            let right = key == .right || key == .character("l")
            if let next = layout.neighbour(of: selection, direction: right ? 1 : -1) { select(next) }
        case .ends:
            select(key == .character("g") || key == .home ? order[0] : order[order.count - 1])
        case .page:
            canvasScroll = key == .pageDown
                ? max(0, min(canvasScroll + pageHeight, layout.height - pageHeight))
                : max(0, canvasScroll - pageHeight)
        case .open:
            open(selection, &context)
        case .add:
            switch selection {
            case .step(let address): context.show(PaletteScreen(Palette(placement: Self.placement(after: address))))
            case .add: open(selection, &context)
            }
        case .parallel:
            guard let address = selectedStep else {
                context.say("Select a step: p adds a branch beside it")
                break
            }
            guard !address.isTrigger else {
                context.say("A trigger has no parallel branch: a adds an action after it, and actions that run after the same step run side by side")
                break
            }
            context.show(PaletteScreen(Palette(placement: .parallel(to: address))))
        case .rename:
            if let address = selectedStep { context.show(RenameScreen(address: address)) }
        case .delete:
            guard let address = selectedStep else { break }
            let nested = context.designer.definition.step(at: address).map { nestedStepCount(of: $0, in: context.designer.definition) } ?? 0
            let what = address.isTrigger ? "trigger" : "action"
            let inside = nested > 0 ? " and the \(nested) step\(nested == 1 ? "" : "s") inside it" : ""
            context.ask(.yesNo(
                title: "Delete \(what)",
                message: "Delete \"\(address.name)\"\(inside)? Steps that ran after it will run after its predecessors. u undoes it.",
                confirm: "Delete", answer: .deleteStep(address)))
        case .moveStep:
            if let address = selectedStep { move(address, by: key == .character("K") ? -1 : 1, &context) }
        case .duplicate:
            if let address = selectedStep { duplicate(address, &context) }
        case .undo:
            if let label = context.designer.undo() { context.say("Undid \(label) (Ctrl-R redoes it)") } else { context.say("Nothing to undo") }
        case .redo:
            if let label = context.designer.redo() { context.say("Redid \(label)") } else { context.say("Nothing to redo") }
        case .search:
            context.show(SearchScreen(what: "steps", query: search?.query ?? ""))
        case .nextMatch:
            goToMatch(forward: key == .character("n"), &context)
        case .copyURL:
            return copyTriggerURL(&context)
        case .code:
            context.show(CodeScreen())
        case .toggle:
            return context.toggleState()
        case .runs:
            context.showRuns(of: context.designer.appName)
        case .apps:
            context.show(AppListScreen())
        case .mouse:
            break
        }
        return []
    }

    // MARK: Opening

    mutating func open(_ selection: CanvasSelection, _ context: inout WorkbenchContext) {
        switch selection {
        case .step(let address):
            context.show(FormScreen(address: address, definition: context.designer.definition))
        case .add(let container):
            let placement: Palette.Placement = container == .triggers ? .trigger : container == .actions ? .lastAction : .action(after: nil, in: container)
            context.show(PaletteScreen(Palette(placement: placement)))
        }
    }

    static func placement(after address: StepAddress) -> Palette.Placement {
        address.isTrigger ? .action(after: nil, in: .actions) : .action(after: address.name, in: address.container)
    }

    // MARK: Edits

    private mutating func move(_ address: StepAddress, by offset: Int, _ context: inout WorkbenchContext) {
        var edited = context.designer.definition
        do {
            try edited.moveStep(at: address, by: offset)
        } catch {
            context.say(error.description, isError: true)
            return
        }
        context.designer.apply(edited, label: "move \(address.name) \(offset < 0 ? "up" : "down")", focus: (.step(address), .step(address)))
        sync(&context)
    }

    private mutating func duplicate(_ address: StepAddress, _ context: inout WorkbenchContext) {
        var edited = context.designer.definition
        let newName = edited.uniqueStepName(base: address.name)
        do {
            try edited.duplicateStep(at: address, as: newName)
            // The copy's static result is its own, so editing it leaves the original's alone.
            try edited.copySharedStaticResult(at: StepAddress(container: address.container, name: newName))
        } catch {
            context.say(error.description, isError: true)
            return
        }
        let copy = StepAddress(container: address.container, name: newName)
        context.designer.apply(edited, label: "duplicate \(address.name)", focus: (.step(address), .step(copy)))
        sync(&context)
        context.say("Duplicated \(address.name) as \(newName)")
    }

    /// The delete question's answer.
    mutating func answered(_ answer: DialogAnswer, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard case .deleteStep(let address) = answer else { return [] }
        let order = layout.items.map(\.selection)
        let index = order.firstIndex(of: .step(address)) ?? 0
        var edited = context.designer.definition
        do {
            try edited.removeStep(at: address)
        } catch {
            context.say(error.description, isError: true)
            return []
        }
        context.designer.apply(edited, label: "delete \(address.name)", focus: (.step(address), nil))
        sync(&context)
        let remaining = layout.items.map(\.selection)
        select(remaining[min(index, remaining.count - 1)])
        context.say("Deleted \(address.name) (u undoes it)")
        return []
    }

    private func nestedStepCount(of step: Step, in definition: WorkflowDefinition) -> Int {
        step.childContainers.reduce(0) { total, container in
            total + definition.steps(in: container).reduce(0) { $0 + 1 + nestedStepCount(of: $1, in: definition) }
        }
    }

    // MARK: Search

    mutating func search(_ query: String?, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard let query, !query.isEmpty else { return [] }
        let found = StepSearch(query: query, layout: layout)
        search = found
        guard let first = found.next(after: selection, in: layout, forward: true) else {
            context.say("No step matches \"\(query)\"", isError: true)
            return []
        }
        select(first)
        context.say(describeMatch(found, at: first) + " (n next, N previous)")
        return []
    }

    private mutating func goToMatch(forward: Bool, _ context: inout WorkbenchContext) {
        guard let search else {
            context.say("No search yet: / searches the steps")
            return
        }
        guard let next = search.next(after: selection, in: layout, forward: forward) else {
            context.say("No step matches \"\(search.query)\"", isError: true)
            return
        }
        select(next)
        context.say(describeMatch(search, at: next))
    }

    private func describeMatch(_ search: StepSearch, at selection: CanvasSelection) -> String {
        let position = (search.matches.firstIndex(of: selection) ?? 0) + 1
        return "\"\(search.query)\": match \(position) of \(search.matches.count)"
    }

    // MARK: The trigger's callback URL

    /// `c`: copies the selected trigger's callback URL, asking the engine for it first when needed.
    private mutating func copyTriggerURL(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard let address = selectedStep, address.isTrigger, let step = context.designer.definition.step(at: address),
              step.kind == .request || step.kind == .httpWebhook
        else {
            context.say("Select a Request or HTTP Webhook trigger: c copies its callback URL")
            return []
        }
        let app = context.designer.appName
        guard context.designer.published != nil else {
            context.say("\(address.name) gets its callback URL once the app is published: Ctrl-S")
            return []
        }
        if case .loaded(let url)? = context.triggerURLs[app, address.name] {
            context.say("Copied \(address.name)'s callback URL")
            return [.copyToClipboard(url)]
        }
        guard context.triggerURLs.request(app: app, trigger: address.name, copy: true) else { return [] }
        return [.loadTriggerURL(app: app, trigger: address.name)]
    }
}
