import HookflowEngine
import HookflowModel

extension DesignerState {
    /// Applies one event and returns the effects the host must run.
    public mutating func update(_ event: DesignerEvent) -> [DesignerEffect] {
        // An open form's own problems count on the cards too: lay out again when they change.
        defer { relayout() }
        switch event {
        case .input(.resize(let width, let height)):
            viewport = Size(width: width, height: height)
            relayout()
            revealSelection()
            return []
        case .input(.key(let key)):
            return handle(key)
        case .input(.mouse(let x, let y, let button)):
            return handleMouse(x: x, y: y, button: button)
        case .tick:
            tickCount += 1
            return []
        case .saved(let outcome):
            return finishSave(outcome)
        case .stateChanged(let result):
            finishStateChange(result)
            return []
        case .edited(let result):
            finishExternalEdit(result)
            return []
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> [DesignerEffect] {
        if key == .ctrl("s") { return save() }
        switch overlay {
        case .form(var form)?:
            var edited = definition
            let outcome = form.handle(key, definition: &edited)
            overlay = .form(form)
            switch outcome {
            case .edited: apply(edited)
            case .close: overlay = nil
            case .handled: break
            case .notHandled:
                if key == .character("?") { overlay = .help(scroll: 0) }
                if key == .escape { overlay = nil }
            }
            return []
        case .palette(var palette)?:
            switch palette.handle(key) {
            case .stay: overlay = .palette(palette)
            case .close: overlay = nil
            case .choose(let template): add(template, placement: palette.placement)
            }
            return []
        case .help(let scroll)?:
            switch key {
            case .escape, .character("?"), .character("q"), .enter: overlay = nil
            case .down, .character("j"): overlay = .help(scroll: scroll + 1)
            case .up, .character("k"): overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .character(" "): overlay = .help(scroll: scroll + pageHeight)
            case .pageUp: overlay = .help(scroll: max(0, scroll - pageHeight))
            default: break
            }
            return []
        case .code(var code)?:
            return handleCodeView(key, &code)
        case .confirm(var confirmation)?:
            let action = confirmation.handle(key)
            overlay = .confirm(confirmation)
            guard let action else { return [] }
            return perform(action)
        case .rename(var box)?:
            switch key {
            case .escape: overlay = nil
            case .enter: rename(box)
            default:
                box.field.handle(key)
                box.error = nil
                overlay = .rename(box)
            }
            return []
        case nil:
            return handleCanvas(key)
        }
    }

    private mutating func handleCanvas(_ key: Key) -> [DesignerEffect] {
        banner = nil
        let layout = self.layout
        let order = layout.items.map(\.selection)
        let index = order.firstIndex(of: selection) ?? 0
        switch key {
        case .down, .character("j"):
            select(order[min(order.count - 1, index + 1)])
        case .up, .character("k"):
            select(order[max(0, index - 1)])
        case .left, .character("h"):
            if let next = layout.neighbour(of: selection, direction: -1) { select(next) }
        case .right, .character("l"):
            if let next = layout.neighbour(of: selection, direction: 1) { select(next) }
        case .home, .character("g"):
            select(order[0])
        case .end, .character("G"):
            select(order[order.count - 1])
        case .pageDown:
            canvasScroll = max(0, min(canvasScroll + pageHeight, layout.height - pageHeight))
        case .pageUp:
            canvasScroll = max(0, canvasScroll - pageHeight)
        case .enter:
            open(selection)
        case .character("a"), .character("+"):
            switch selection {
            case .step(let address): overlay = .palette(Palette(placement: placementAfter(address)))
            case .add: open(selection)
            }
        case .character("r"):
            if case .step(let address) = selection {
                overlay = .rename(RenameBox(address: address, field: TextField(address.name)))
            }
        case .character("d"), .delete:
            if case .step(let address) = selection {
                let nested = definition.step(at: address).map { nestedStepCount(of: $0) } ?? 0
                overlay = .confirm(.delete(address, nestedCount: nested))
            }
        case .character("K"), .character("J"):
            if case .step(let address) = selection { move(address, by: key == .character("K") ? -1 : 1) }
        case .character("y"):
            if case .step(let address) = selection { duplicate(address) }
        case .character("c"):
            overlay = .code(CodeView())
        case .character("t"):
            return toggleState()
        case .character("?"):
            overlay = .help(scroll: 0)
        case .character("q"):
            return quit()
        default:
            break
        }
        return []
    }

    private mutating func handleCodeView(_ key: Key, _ code: inout CodeView) -> [DesignerEffect] {
        let lineCount = CodeView.text(of: definition).split(separator: "\n", omittingEmptySubsequences: false).count
        let page = max(1, pageHeight - 2)
        switch key {
        case .escape, .character("q"), .character("c"):
            overlay = nil
            return []
        case .down, .character("j"): code.scroll(by: 1, lineCount: lineCount, pageHeight: page)
        case .up, .character("k"): code.scroll(by: -1, lineCount: lineCount, pageHeight: page)
        case .pageDown, .character(" "): code.scroll(by: page, lineCount: lineCount, pageHeight: page)
        case .pageUp: code.scroll(by: -page, lineCount: lineCount, pageHeight: page)
        case .home, .character("g"): code.scroll = 0
        case .end, .character("G"): code.scroll(by: lineCount, lineCount: lineCount, pageHeight: page)
        case .character("?"):
            overlay = .help(scroll: 0)
            return []
        case .character("e"):
            overlay = .code(code)
            return [.editExternally(code.pendingText ?? CodeView.text(of: definition))]
        default: break
        }
        overlay = .code(code)
        return []
    }

    // MARK: Mouse

    private mutating func handleMouse(x: Int, y: Int, button: MouseButton) -> [DesignerEffect] {
        let canvas = DesignerView.canvasArea(viewport)
        switch overlay {
        case .form(var form)?:
            var edited = definition
            let outcome = form.click(x: x, y: y, area: canvas, definition: &edited)
            overlay = .form(form)
            if outcome == .edited { apply(edited) }
            return []
        case .palette(let palette)?:
            guard button == .left else { return [] }
            if let row = DesignerView.paletteRow(at: x, y: y, palette: palette, viewport: viewport) {
                add(palette.matches[row], placement: palette.placement)
            }
            return []
        case .confirm(let confirmation)?:
            guard button == .left else { return [] }
            if let choice = DesignerView.confirmationChoice(at: x, y: y, confirmation: confirmation, viewport: viewport) {
                return perform(confirmation.choices[choice].action)
            }
            return []
        case .code(var code)?:
            let lineCount = CodeView.text(of: definition).split(separator: "\n", omittingEmptySubsequences: false).count
            if button == .wheelDown { code.scroll(by: 3, lineCount: lineCount, pageHeight: pageHeight - 2) }
            if button == .wheelUp { code.scroll(by: -3, lineCount: lineCount, pageHeight: pageHeight - 2) }
            overlay = .code(code)
            return []
        case .help?, .rename?:
            return []
        case nil:
            break
        }
        switch button {
        case .wheelDown:
            canvasScroll = max(0, min(canvasScroll + 3, layout.height - pageHeight))
        case .wheelUp:
            canvasScroll = max(0, canvasScroll - 3)
        case .left:
            guard canvas.contains(x: x, y: y) else { return [] }
            let canvasX = x - canvas.x, canvasY = y - canvas.y + canvasScroll
            let layout = self.layout
            if let item = layout.item(atX: canvasX, y: canvasY) {
                if item.selection == selection { open(selection) } else { select(item.selection) }
            } else if let point = layout.insertPoint(atX: canvasX, y: canvasY) {
                select(.step(point.predecessor))
                overlay = .palette(Palette(placement: placementAfter(point.predecessor)))
            }
        case .middle, .right:
            break
        }
        return []
    }

    // MARK: Editing

    /// Replaces the definition with an edited one and re-validates it.
    mutating func apply(_ edited: WorkflowDefinition) {
        document.definition = edited
        revision += 1
        problems = WorkflowValidator(workflowName: appName).validate(edited)
        relayout()
        if layout.item(for: selection) == nil { select(layout.items.first?.selection ?? .add(.triggers)) }
    }

    private func placementAfter(_ address: StepAddress) -> Palette.Placement {
        address.isTrigger ? .action(after: nil, in: .actions) : .action(after: address.name, in: address.container)
    }

    private mutating func open(_ selection: CanvasSelection) {
        switch selection {
        case .step(let address):
            overlay = .form(StepForm(address: address, definition: definition))
        case .add(let container):
            let placement: Palette.Placement = container == .triggers ? .trigger : container == .actions ? .lastAction : .action(after: nil, in: container)
            overlay = .palette(Palette(placement: placement))
        }
    }

    private mutating func add(_ template: StepTemplate, placement: Palette.Placement) {
        var edited = definition
        let name = edited.uniqueStepName(base: template.baseName)
        let address: StepAddress
        do {
            switch placement {
            case .trigger:
                try edited.addStep(named: name, body: template.body, to: .triggers)
                address = .trigger(name)
            case .lastAction:
                try edited.addStep(named: name, body: template.body, to: .actions)
                address = .action(name)
            case .action(let predecessor, let container):
                try edited.insertAction(named: name, body: template.body, after: predecessor, in: container)
                address = StepAddress(container: container, name: name)
            }
        } catch {
            overlay = nil
            banner = Banner(text: "Could not add \(template.title): \(error)", isError: true)
            return
        }
        apply(edited)
        select(.step(address))
        // Like the Logic Apps designer, a new step opens straight into its form.
        overlay = .form(StepForm(address: address, definition: definition))
    }

    private mutating func rename(_ box: RenameBox) {
        var box = box
        let newName = box.field.text.trimmingCharacters(in: .whitespaces)
        guard newName != box.address.name else {
            overlay = nil
            return
        }
        var edited = definition
        do {
            try edited.renameStep(at: box.address, to: newName)
        } catch {
            box.error = error.description
            overlay = .rename(box)
            return
        }
        apply(edited)
        select(.step(StepAddress(container: box.address.container, name: newName)))
        overlay = nil
        banner = Banner(text: "Renamed \(box.address.name) to \(newName); references in expressions follow", isError: false)
    }

    private mutating func move(_ address: StepAddress, by offset: Int) {
        var edited = definition
        do {
            try edited.moveStep(at: address, by: offset)
        } catch {
            banner = Banner(text: error.description, isError: true)
            return
        }
        apply(edited)
        select(.step(address))
    }

    private mutating func duplicate(_ address: StepAddress) {
        var edited = definition
        let newName = edited.uniqueStepName(base: address.name)
        do {
            try edited.duplicateStep(at: address, as: newName)
        } catch {
            banner = Banner(text: error.description, isError: true)
            return
        }
        apply(edited)
        select(.step(StepAddress(container: address.container, name: newName)))
        banner = Banner(text: "Duplicated \(address.name) as \(newName)", isError: false)
    }

    private mutating func perform(_ action: Confirmation.Action) -> [DesignerEffect] {
        overlay = nil
        switch action {
        case .cancel:
            return []
        case .deleteStep(let address):
            let order = layout.items.map(\.selection)
            let index = order.firstIndex(of: .step(address)) ?? 0
            var edited = definition
            do {
                try edited.removeStep(at: address)
            } catch {
                banner = Banner(text: error.description, isError: true)
                return []
            }
            apply(edited)
            let remaining = layout.items.map(\.selection)
            select(remaining[min(index, remaining.count - 1)])
            banner = Banner(text: "Deleted \(address.name)", isError: false)
            return []
        case .saveAndQuit:
            quitAfterSave = true
            let effects = save()
            if effects.isEmpty { quitAfterSave = false }
            return effects
        case .discardAndQuit:
            hasQuit = true
            return [.quit]
        }
    }

    private func nestedStepCount(of step: Step) -> Int {
        step.childContainers.reduce(0) { total, container in
            total + definition.steps(in: container).reduce(0) { $0 + 1 + nestedStepCount(of: $1) }
        }
    }

    // MARK: Selection and scrolling

    /// Rows of the canvas on screen.
    var pageHeight: Int { max(1, DesignerView.canvasArea(viewport).height) }

    mutating func select(_ newSelection: CanvasSelection) {
        selection = newSelection
        revealSelection()
    }

    /// Scrolls so the selected card (and the connector under it) is on screen.
    mutating func revealSelection() {
        guard let item = layout.item(for: selection) else { return }
        let page = pageHeight
        if item.rect.y - 1 < canvasScroll { canvasScroll = max(0, item.rect.y - 1) }
        if item.rect.maxY + 1 > canvasScroll + page { canvasScroll = max(0, item.rect.maxY + 1 - page) }
    }

    /// The validator's problems plus those only an open form sees (a body that is not JSON yet).
    var allProblems: [ValidationProblem] {
        if case .form(let form)? = overlay { return problems + form.problems }
        return problems
    }

    // MARK: Save, state, quit

    private mutating func save() -> [DesignerEffect] {
        if case .saving = activity {
            banner = Banner(text: "A save is already in progress", isError: false)
            return []
        }
        let problems = allProblems
        if let first = problems.first {
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            banner = Banner(text: "Not saved: \(count) to fix first. \(first)", isError: true)
            return []
        }
        activity = .saving(revision: revision, since: tickCount)
        banner = nil
        let request = SaveRequest(
            appName: appName, definition: definition, state: published == nil ? appState : nil,
            file: file, fileText: file == nil ? nil : document.written())
        return [.save(request)]
    }

    private mutating func finishSave(_ outcome: SaveOutcome) -> [DesignerEffect] {
        guard case .saving(let savedRevision, _) = activity else { return [] }
        activity = .idle
        if let fileError = outcome.fileError {
            quitAfterSave = false
            banner = Banner(text: "Not saved: \(fileError)", isError: true)
            return []
        }
        if file != nil { self.savedRevision = savedRevision }
        guard let summary = outcome.summary else {
            quitAfterSave = false
            let prefix = file == nil ? "Not saved" : "Saved to \(file!.lastPathComponent), but not published"
            banner = Banner(text: "\(prefix): \(outcome.publishError ?? "the engine did not answer")", isError: true)
            return []
        }
        self.savedRevision = savedRevision
        published = summary
        appState = summary.state
        let failed = summary.results.contains { $0.outcome == .failed }
        banner = Banner(text: "Saved v\(summary.version) · " + Self.describe(summary), isError: failed)
        if quitAfterSave {
            hasQuit = true
            return [.quit]
        }
        return []
    }

    private mutating func toggleState() -> [DesignerEffect] {
        let target: WorkflowState = appState == .enabled ? .disabled : .enabled
        guard published != nil else {
            appState = target
            banner = Banner(text: "The app will be published \(target.rawValue) (Ctrl-S saves)", isError: false)
            return []
        }
        guard activity == .idle else {
            banner = Banner(text: "Wait for the save to finish before switching the app \(target == .enabled ? "on" : "off")", isError: false)
            return []
        }
        activity = .changingState(target, since: tickCount)
        return [.setState(target, app: appName)]
    }

    private mutating func finishStateChange(_ result: Result<WorkflowSummary, DesignerFailure>) {
        activity = .idle
        switch result {
        case .success(let summary):
            published = summary
            appState = summary.state
            let failed = summary.results.contains { $0.outcome == .failed }
            banner = Banner(text: "\(summary.state.rawValue) · " + Self.describe(summary), isError: failed)
        case .failure(let failure):
            banner = Banner(text: "Could not switch the app: \(failure.message)", isError: true)
        }
    }

    private mutating func finishExternalEdit(_ result: Result<String, DesignerFailure>) {
        guard case .code(var code)? = overlay else { return }
        switch result {
        case .failure(let failure):
            banner = Banner(text: failure.message, isError: true)
        case .success(let text):
            switch CodeView.importing(text) {
            case .success(let edited):
                code.pendingText = nil
                code.error = nil
                overlay = .code(code)
                guard edited != definition else {
                    banner = Banner(text: "No changes", isError: false)
                    return
                }
                apply(edited)
                overlay = .code(code)
                banner = Banner(text: "Imported the edited definition (not saved yet)", isError: false)
                return
            case .failure(let failure):
                code.pendingText = text
                code.error = failure.message
                banner = Banner(text: "\(failure.message); e reopens your text", isError: true)
            }
        }
        overlay = .code(code)
    }

    private mutating func quit() -> [DesignerEffect] {
        if isDirty {
            overlay = .confirm(.unsavedChanges)
            return []
        }
        hasQuit = true
        return [.quit]
    }

    /// Per-trigger results: `HTTP_Webhook: Subscribed`, or `no webhook triggers`.
    static func describe(_ summary: WorkflowSummary) -> String {
        if !summary.results.isEmpty {
            return summary.results.map { result in
                "\(result.trigger): \(result.outcome.rawValue)" + (result.error.map { " (\($0))" } ?? "")
            }.joined(separator: " · ")
        }
        let subscribed = summary.triggers.compactMap { trigger in trigger.subscription.map { "\(trigger.name): \($0.status.rawValue)" } }
        return subscribed.isEmpty ? "no webhook triggers to subscribe" : subscribed.joined(separator: " · ")
    }
}
