import Foundation
import HookflowEngine
import HookflowModel

/// The whole terminal app: one stack of screens (the designer's canvas at the bottom, then
/// whatever was opened over it: a step form, the palette, the runs, a run's detail, a question,
/// the help) and what they share (``WorkbenchContext``).
///
/// Pure: ``update(_:)`` turns an event into effects for the host, and ``WorkbenchView`` draws the
/// state. Keys go to the screen on top first; what it has no use for goes to the keys of every
/// screen (``WorkbenchKeys``). Moving between screens happens here; the host never sees it.
public struct WorkbenchState: Sendable {
    var context: WorkbenchContext
    /// The screens, the designer first, the one that has the keys last.
    var stack: [any Screen]
    /// The app to open in the designer once ``WorkbenchEvent/appOpened(name:_:)`` arrives.
    var opening: String?

    public init(designer: DesignerState) {
        context = WorkbenchContext(designer: designer)
        stack = [DesignerScreen()]
        stack[0].layout(area: context.screenArea, context)
        if let published = designer.published, designer.file != nil, designer.publishedDefinition != nil, !designer.engineIsUpToDate {
            context.say("The engine's \(designer.appName) (v\(published.version)) differs from \(designer.fileName): Ctrl-S asks before publishing the file over it")
        }
        syncVisible()
    }

    /// Starts on the app list (over the designer) instead of the designer.
    public static func startingOnApps(designer: DesignerState) -> (WorkbenchState, [WorkbenchEffect]) {
        var state = WorkbenchState(designer: designer)
        state.context.show(AppListScreen())
        let effects = state.navigate(from: state.stack.count - 1)
        return (state, effects)
    }

    /// The app open in the designer.
    public var designer: DesignerState { context.designer }
    public var viewport: ScreenSize { context.viewport }
    public var hasQuit: Bool { context.hasQuit }
    /// Why the engine stopped answering; `nil` while it answers.
    public var connectionProblem: String? { context.engine.lost }

    public var wantsTicks: Bool {
        context.designer.wantsTicks || stack.contains { $0.wantsTicks } || opening != nil || context.engine.lost != nil
    }

    /// The screen that has the keys.
    var top: any Screen { stack[stack.count - 1] }

    // MARK: Update

    public mutating func update(_ event: WorkbenchEvent) -> [WorkbenchEffect] {
        var effects: [WorkbenchEffect] = []
        switch event {
        case .input(.resize(let width, let height)):
            context.viewport = ScreenSize(width: width, height: height)
            for index in stack.indices { stack[index].layout(area: context.screenArea, context) }
        case .input(.key(let key)):
            effects = handle(key)
        case .input(.mouse(let x, let y, let button)):
            let index = stack.count - 1
            effects = stack[index].click(x: x, y: y, button: button, &context)
            effects += navigate(from: index)
        case .tick:
            context.tick += 1
        case .saved(let outcome):
            effects = context.finishSave(outcome)
            // Its question (a version conflict) goes over whatever screen is on top now.
            effects += navigate(from: stack.count - 1)
            effects += deliver(event)
        case .stateChanged(let result):
            context.finishStateChange(result)
        case .appOpened(let name, let result):
            open(name, result)
        case .connection(.lost(let message)):
            if context.engine.lost == nil { context.say("Lost the engine: \(message); reconnecting", isError: true) }
            context.engine.lost = message
        case .connection(.restored):
            context.engine.lost = nil
            // What was said while it was gone is stale; the log keeps it.
            context.messages.clear()
            context.say("The engine answers again; reloaded what shows")
            let index = stack.count - 1
            effects = stack[index].appear(&context) + navigate(from: index)
        case .engine(let engineEvent) where engineEvent.kind == .subscriptionChanged && engineEvent.workflow == context.designer.appName:
            context.subscriptionChanged(engineEvent)
            effects = deliver(event)
        case .engineMoved(let description):
            context.engine.description = description
            context.designer.engineDescription = description
        case .triggerURLLoaded(let app, let trigger, let result):
            if let url = context.triggerURLs.loaded(app: app, trigger: trigger, result) {
                context.say("Copied \(trigger)'s callback URL")
                effects = [.copyToClipboard(url)]
            } else if case .failure(let failure) = result {
                context.say("No callback URL for \(trigger): \(failure.message)", isError: true)
            }
            effects += deliver(event)
        default:
            effects = deliver(event)
        }
        syncVisible()
        return effects
    }

    /// Gives an answer or engine event to every screen; only the one on top may move between screens.
    private mutating func deliver(_ event: WorkbenchEvent) -> [WorkbenchEffect] {
        var effects: [WorkbenchEffect] = []
        for index in stack.indices {
            let produced = stack[index].receive(event, &context)
            if index == stack.count - 1 {
                effects += produced + navigate(from: index)
            } else {
                context.navigation.removeAll()
                effects += produced.filter(\.isLoad)
            }
        }
        return effects
    }

    private mutating func handle(_ key: Key) -> [WorkbenchEffect] {
        let index = stack.count - 1
        let typing = stack[index].isTyping
        if !typing || !key.isPrintable { context.messages.clear() }
        if let effects = stack[index].handle(key, &context) {
            return effects + navigate(from: index)
        }
        context.navigation.removeAll()
        guard let action = WorkbenchKeys.keyMap.action(for: key), !(typing && key.isPrintable) else { return [] }
        switch action {
        case .save:
            return context.save() + navigate(from: index)
        case .help:
            context.show(HelpScreen(opening: stack[index].helpSection))
        case .quit:
            let effects = context.quit()
            return effects + navigate(from: index)
        case .messages:
            context.show(MessageLogScreen())
        case .reload:
            return stack[index].reload(&context) + navigate(from: index)
        case .suspend:
            guard !context.engine.isInProcess else {
                context.say("Ctrl-Z would stop this designer's engine too, and callbacks would go unanswered: "
                            + "run hookflow serve in another terminal first, or quit with q", isError: true)
                return []
            }
            return [.suspend]
        }
        return navigate(from: index)
    }

    // MARK: Navigation

    /// Carries out the moves the screen at `index` asked for; returns the effects of the screens it shows.
    mutating func navigate(from index: Int) -> [WorkbenchEffect] {
        var effects: [WorkbenchEffect] = []
        while !context.navigation.isEmpty {
            let move = context.navigation.removeFirst()
            switch move {
            case .show(var screen):
                screen.layout(area: context.screenArea, context)
                effects += screen.appear(&context)
                stack.append(screen)
            case .replace(var screen):
                if stack.count > 1 { stack.removeLast() }
                screen.layout(area: context.screenArea, context)
                effects += screen.appear(&context)
                stack.append(screen)
            case .close:
                effects += pop()
            case .answer(let answer):
                effects += pop()
                switch answer {
                case .saveAndQuit, .discardAndQuit, .quit:
                    effects += context.answerQuit(answer)
                case .publishOverEngine:
                    effects += context.save(overFile: true)
                case .versionConflict(let choice):
                    effects += context.answerVersionConflict(choice)
                    if choice == .reload {
                        // The definition under any open form or code view changed: back to the canvas.
                        stack.removeLast(stack.count - 1)
                        effects += stack[0].appear(&context)
                    }
                default:
                    let asker = stack.count - 1
                    effects += stack[asker].answered(answer, &context)
                }
            case .search(let query):
                effects += pop()
                let opener = stack.count - 1
                effects += stack[opener].search(query, &context)
            case .design(let app):
                effects += openInDesigner(app)
            }
        }
        return effects
    }

    /// Closes the top screen (never the designer); the screen uncovered loads again when a whole
    /// screen closed (what it shows may have changed meanwhile).
    private mutating func pop() -> [WorkbenchEffect] {
        guard stack.count > 1 else { return [] }
        let closed = stack.removeLast()
        guard !closed.isOverlay else { return [] }
        let index = stack.count - 1
        return stack[index].appear(&context)
    }

    /// Lets the screens on screen catch up with the context (the canvas's layout after an edit).
    private mutating func syncVisible() {
        var index = stack.count - 1
        while index >= 0 {
            stack[index].sync(&context)
            context.navigation.removeAll()
            if !stack[index].isOverlay { break }
            index -= 1
        }
    }

    /// Opens an app the engine sent, replacing the designer's (the app list's Enter).
    private mutating func open(_ name: String, _ result: Result<WorkflowDetail?, DesignerFailure>) {
        guard opening == name else { return }
        opening = nil
        switch result {
        case .failure(let failure):
            context.say("Could not open \(name): \(failure.message)", isError: true)
        case .success(let detail):
            let document: WorkflowDocument
            var definition: WorkflowDefinition?
            if let detail, let object = detail.definition.objectValue {
                definition = WorkflowDefinition(json: object)
                document = WorkflowDocument(definition: WorkflowDefinition(json: object), kind: detail.kind ?? "Stateful")
            } else {
                document = WorkflowDocument(definition: .empty())
            }
            context.designer = DesignerState(
                appName: name, document: document, published: detail?.summary, publishedDefinition: definition,
                engineDescription: context.engine.description, engineIsInProcess: context.engine.isInProcess)
            stack = [DesignerScreen()]
            stack[0].layout(area: context.screenArea, context)
        }
    }

    /// The app list's Enter: the designer on `app` (fetched first), unless the designer's app has unsaved changes.
    private mutating func openInDesigner(_ app: String) -> [WorkbenchEffect] {
        if app == context.designer.appName {
            stack.removeLast(stack.count - 1)
            return stack[0].appear(&context)
        }
        guard !context.designer.isDirty else {
            context.say("\(context.designer.appName) has unsaved changes: open it (Esc) and save or discard them first", isError: true)
            return []
        }
        opening = app
        return [.openApp(app)]
    }
}

extension WorkbenchEffect {
    /// Effects that only fetch data (safe to run for screens that are not on top).
    var isLoad: Bool {
        switch self {
        case .loadApps, .loadRuns, .loadRun, .loadDefinition, .loadTriggerURL: true
        default: false
        }
    }
}

extension Key {
    /// A key that types something (a letter, a digit, a space).
    var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }
}
