import HookflowEngine

/// The apps in the engine: name, state, version, last change and each trigger's subscription.
///
/// Live: an engine event about any app loads the list again (one load at a time; events that
/// arrive meanwhile load once more afterwards). Enter opens the designer on the app, `R` its runs,
/// `t` enables or disables it, `d` deletes it after asking, `/` finds one by name.
struct AppListScreen: Screen {
    /// The apps as last loaded; `nil` before the first answer.
    private(set) var apps: [WorkflowSummary]?
    var cursor = ListCursor()
    /// Where the screen draws (for paging and clicks).
    var area = Rect(width: 80, height: 21)
    /// A ``WorkbenchEffect/loadApps`` is on its way.
    private(set) var isLoading = false
    /// Something changed while loading: load again when the answer comes.
    private var reloadPending = false
    /// Why the first load failed (the screen has nothing else to show then).
    private(set) var loadError: String?
    /// Enables, disables and deletes on their way, by app name (their rows show a spinner).
    var changing: [String: AppChange] = [:]
    /// The last search by name.
    var searchQuery: String?

    init() {}

    var title: String? { "Apps" }
    var keyHelp: KeyHelp { Self.keyMap.help }

    var wantsTicks: Bool { !changing.isEmpty || (isLoading && apps == nil) }

    var selectedApp: WorkflowSummary? {
        guard let apps, apps.indices.contains(cursor.selected) else { return nil }
        return apps[cursor.selected]
    }

    /// Always asks (even with a load thought to be on its way: after a lost connection its answer may never come).
    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        isLoading = false
        reloadPending = false
        return load()
    }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        cursor.reveal(count: apps?.count ?? 0, visible: visibleRows)
    }

    mutating func receive(_ event: WorkbenchEvent, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        switch event {
        case .appsLoaded(let result):
            return loaded(result, &context)
        case .appChanged(let change, let result):
            return changed(change, result, &context)
        case .engine(let event) where [.workflowChanged, .workflowDeleted, .subscriptionChanged].contains(event.kind):
            return load()
        default:
            return []
        }
    }

    // MARK: Loading

    /// Asks for the list, unless a load is already on its way (then it runs again after it).
    private mutating func load() -> [WorkbenchEffect] {
        guard !isLoading else {
            reloadPending = true
            return []
        }
        isLoading = true
        return [.loadApps]
    }

    private mutating func loaded(_ result: Result<[WorkflowSummary], DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard isLoading else { return [] }
        isLoading = false
        switch result {
        case .success(let list):
            let selectedName = selectedApp?.name
            apps = list
            loadError = nil
            let index = selectedName.flatMap { name in list.firstIndex { $0.name == name } } ?? cursor.selected
            cursor.select(index, count: list.count, visible: visibleRows)
        case .failure(let failure):
            if apps == nil { loadError = failure.message }
            context.say("Could not load the apps: \(failure.message)", isError: true)
        }
        if reloadPending {
            reloadPending = false
            return load()
        }
        return []
    }

    private mutating func changed(_ change: AppChange, _ result: Result<WorkflowSummary, DesignerFailure>, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        guard changing[change.app] == change else { return [] }
        changing[change.app] = nil
        switch result {
        case .success(let summary):
            if case .delete(let name) = change {
                apps?.removeAll { $0.name == name }
                cursor.reveal(count: apps?.count ?? 0, visible: visibleRows)
                context.say("Deleted \(name)")
            } else {
                if let index = apps?.firstIndex(where: { $0.name == summary.name }) { apps?[index] = summary }
                let done = summary.state == .enabled ? "Enabled" : "Disabled"
                let results = summary.results.map(\.description).joined(separator: " · ")
                let failed = summary.results.contains { $0.outcome == .failed }
                context.say("\(done) \(summary.name)" + (results.isEmpty ? "" : " · " + results), isError: failed)
                if summary.name == context.designer.appName { context.designer.adopt(summary) }
            }
        case .failure(let failure):
            context.say("Could not \(Self.verb(change)) \(change.app): \(failure.message)", isError: true)
        }
        return load()
    }

    static func verb(_ change: AppChange) -> String {
        switch change {
        case .enable: "enable"
        case .disable: "disable"
        case .delete: "delete"
        }
    }
}
