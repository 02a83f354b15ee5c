import HookflowEngine
import HookflowModel

/// The whole terminal app: the designer plus the screens stacked over it (app list, runs, run detail).
///
/// Like the designer, it is pure: ``update(_:)`` turns an event into effects for the host, and
/// ``WorkbenchView`` draws it. Navigation happens here; the host never sees ``WorkbenchEffect/show(_:)``
/// or ``WorkbenchEffect/back``.
public struct WorkbenchState: Sendable {
    /// The designer, kept while other screens are on top so its edits survive a look at the runs.
    public internal(set) var designer: DesignerState
    /// Screens over the designer, last on top; empty when the designer shows.
    var stack: [Screen] = []
    /// Set when the engine stopped answering; cleared when it answers again.
    public internal(set) var connectionProblem: String?
    public internal(set) var hasQuit = false
    var tickCount = 0
    /// The designer to open once ``WorkbenchEvent/appOpened(name:_:)`` arrives.
    var opening: String?
    var banner: Banner?
    /// The help overlay over a screen (its scroll), `nil` when closed.
    var help: Int?

    enum Screen: Sendable {
        case apps(AppListScreen)
        case runs(RunsScreen)
        case runDetail(RunDetailScreen)

        var screen: any WorkbenchScreen {
            switch self {
            case .apps(let screen): screen
            case .runs(let screen): screen
            case .runDetail(let screen): screen
            }
        }
    }

    public init(designer: DesignerState) {
        self.designer = designer
    }

    /// Starts on the app list (over the designer) instead of the designer.
    public static func startingOnApps(designer: DesignerState) -> (WorkbenchState, [WorkbenchEffect]) {
        var state = WorkbenchState(designer: designer)
        let effects = state.navigate(.show(.apps))
        return (state, effects)
    }

    public var viewport: DesignerState.Size { designer.viewport }

    public var wantsTicks: Bool {
        designer.wantsTicks || (stack.last?.screen.wantsTicks ?? false) || opening != nil
    }

    /// What is on screen, for tests and the header.
    var current: (any WorkbenchScreen)? { stack.last?.screen }

    // MARK: Update

    public mutating func update(_ event: WorkbenchEvent) -> [WorkbenchEffect] {
        switch event {
        case .input(.resize(let width, let height)):
            _ = designer.update(.input(.resize(width: width, height: height)))
            let area = WorkbenchView.screenArea(viewport)
            for index in stack.indices { modify(at: index) { $0.layout(area: area) } }
            return []
        case .input(.key(let key)):
            return handle(key)
        case .input(.mouse(let x, let y, let button)):
            guard !stack.isEmpty else { return designerEffects(designer.update(event.designerEvent!)) }
            return route(modifyTop { $0.click(x: x, y: y, button: button) })
        case .tick:
            tickCount += 1
            _ = designer.update(.tick)
            return []
        case .designer(let designerEvent):
            return designerEffects(designer.update(designerEvent))
        case .appOpened(let name, let result):
            return open(name, result)
        case .connection(.lost(let message)):
            connectionProblem = message
            return []
        case .connection(.restored):
            connectionProblem = nil
            // Whatever shows may be stale: load it again.
            return route(modifyTop { $0.appear() })
        case .engineMoved(let description):
            designer.engineDescription = description
            return []
        default:
            // Data and engine events go to every screen (a run detail under the runs list stays fresh when shown again).
            var effects: [WorkbenchEffect] = []
            for index in stack.indices {
                var produced: [WorkbenchEffect] = []
                modify(at: index) { produced = $0.receive(event) }
                // Only the screen on top navigates; the others may only load.
                effects += index == stack.count - 1 ? produced : produced.filter(\.isLoad)
            }
            return route(effects)
        }
    }

    private mutating func handle(_ key: Key) -> [WorkbenchEffect] {
        banner = nil
        guard let top = current else {
            // The designer's own keys, plus the two that leave it.
            if designer.overlay == nil {
                switch key {
                case .character("R"): return navigate(.show(.runs(app: designer.appName)))
                case .character("L"): return navigate(.show(.apps))
                default: break
                }
            }
            return designerEffects(designer.update(.input(.key(key))))
        }
        if let scroll = help {
            switch key {
            case .down, .character("j"): help = scroll + 1
            case .up, .character("k"): help = max(0, scroll - 1)
            case .pageDown, .character(" "): help = scroll + max(1, WorkbenchView.screenArea(viewport).height - 2)
            case .pageUp: help = max(0, scroll - max(1, WorkbenchView.screenArea(viewport).height - 2))
            default: help = nil
            }
            return []
        }
        if !top.isTyping, key == .character("?") {
            help = 0
            return []
        }
        return route(modifyTop { $0.handle(key) })
    }

    // MARK: Navigation

    /// Runs navigation effects here and returns the rest for the host.
    mutating func route(_ effects: [WorkbenchEffect]) -> [WorkbenchEffect] {
        var forHost: [WorkbenchEffect] = []
        for effect in effects {
            switch effect {
            case .show, .back, .quit: forHost += navigate(effect)
            default: forHost.append(effect)
            }
        }
        return forHost
    }

    private mutating func navigate(_ effect: WorkbenchEffect) -> [WorkbenchEffect] {
        let area = WorkbenchView.screenArea(viewport)
        switch effect {
        case .show(.apps):
            return push(.apps(AppListScreen()), area: area)
        case .show(.runs(let app)):
            guard designer.published != nil || app != designer.appName else {
                banner = Banner(text: "\(app) has no runs yet: Ctrl-S publishes it first", isError: false)
                return []
            }
            return push(.runs(RunsScreen(app: app)), area: area)
        case .show(.runDetail(let app, let id)):
            return push(.runDetail(RunDetailScreen(app: app, id: id)), area: area)
        case .show(.designer(let app)):
            if app == designer.appName {
                stack.removeAll()
                return []
            }
            guard !designer.isDirty else {
                banner = Banner(text: "\(designer.appName) has unsaved changes: open it (Esc) and save or discard them first", isError: true)
                return []
            }
            opening = app
            return [.openApp(app)]
        case .back:
            guard !stack.isEmpty else { return [] }
            stack.removeLast()
            return route(modifyTop { $0.appear() })
        case .quit:
            // Quitting goes through the designer, which asks about unsaved changes.
            stack.removeAll()
            return designerEffects(designer.update(.input(.key(.character("q")))))
        default:
            return []
        }
    }

    private mutating func push(_ screen: Screen, area: Rect) -> [WorkbenchEffect] {
        stack.append(screen)
        modify(at: stack.count - 1) { $0.layout(area: area) }
        return route(modifyTop { $0.appear() })
    }

    private mutating func open(_ name: String, _ result: Result<WorkflowDetail?, DesignerFailure>) -> [WorkbenchEffect] {
        guard opening == name else { return [] }
        opening = nil
        switch result {
        case .failure(let failure):
            banner = Banner(text: "Could not open \(name): \(failure.message)", isError: true)
            return []
        case .success(let detail):
            let document: WorkflowDocument
            if let detail, let object = detail.definition.objectValue {
                document = WorkflowDocument(definition: WorkflowDefinition(json: object), kind: detail.kind ?? "Stateful")
            } else {
                document = WorkflowDocument(definition: .empty())
            }
            var opened = DesignerState(
                appName: name, document: document, published: detail?.summary,
                engineDescription: designer.engineDescription, viewport: designer.viewport)
            _ = opened.update(.input(.resize(width: viewport.width, height: viewport.height)))
            designer = opened
            stack.removeAll()
            return []
        }
    }

    // MARK: Helpers

    private func designerEffects(_ effects: [DesignerEffect]) -> [WorkbenchEffect] {
        effects.map { effect in
            if case .quit = effect { return .quit }
            return .designer(effect)
        }
    }

    private mutating func modifyTop(_ body: (inout any WorkbenchScreen) -> [WorkbenchEffect]) -> [WorkbenchEffect] {
        guard !stack.isEmpty else { return [] }
        var effects: [WorkbenchEffect] = []
        modify(at: stack.count - 1) { effects = body(&$0) }
        return effects
    }

    private mutating func modify(at index: Int, _ body: (inout any WorkbenchScreen) -> Void) {
        var screen = stack[index].screen
        // Leave nothing else holding the screen's storage, so the edit does not copy a long list of runs.
        stack[index] = .apps(AppListScreen())
        body(&screen)
        switch screen {
        case let apps as AppListScreen: stack[index] = .apps(apps)
        case let runs as RunsScreen: stack[index] = .runs(runs)
        case let detail as RunDetailScreen: stack[index] = .runDetail(detail)
        default: break
        }
    }
}

extension WorkbenchEffect {
    /// Effects that only fetch data (safe to run for screens that are not on top).
    var isLoad: Bool {
        switch self {
        case .loadApps, .loadRuns, .loadRun: true
        default: false
        }
    }
}

extension WorkbenchEvent {
    /// The same event for the designer, when it is one the designer understands.
    var designerEvent: DesignerEvent? {
        switch self {
        case .input(let input): .input(input)
        case .tick: .tick
        case .designer(let event): event
        default: nil
        }
    }
}
