import Foundation
import HookflowModel
import Synchronization

/// The published apps as the callback intake sees them, in memory: name → version, state, access
/// key and the run plan of the current version. No callback reads the database to be checked.
///
/// The view is loaded from the store once, on first use, and from then on changed only by the
/// engine's own commits (save, enable/disable, delete, key regeneration), each applied right after
/// it is durable and in commit order per app (those calls are serialised per app). A change that
/// reaches the view while it is still loading waits for the load, so a load never undoes it.
final class AppView: Sendable {
    /// One published app.
    struct App: Sendable {
        let workflow: StoredWorkflow
        let plan: RunPlan
        /// The expected `sig` of each trigger's callback URL, computed once per key.
        let triggerSignatures: [String: String]

        init(workflow: StoredWorkflow, plan: RunPlan) {
            self.workflow = workflow
            self.plan = plan
            var signatures: [String: String] = [:]
            for trigger in plan.definition.triggers where trigger.kind == .httpWebhook || trigger.kind == .request {
                let target = CallbackSigner.Target.trigger(workflow: workflow.name, trigger: trigger.name)
                signatures[trigger.name] = CallbackSigner.signature(key: workflow.accessKey, target: target, sp: target.permission,
                                                                    sv: CallbackSigner.signatureVersion)
            }
            triggerSignatures = signatures
        }

        var name: String { workflow.name }
        var version: Int { workflow.version }
        var state: WorkflowState { workflow.state }
        var accessKey: Data { workflow.accessKey }
    }

    private enum State {
        case unloaded
        case loading(Task<Void, Never>)
        case loaded([String: App])
    }

    private let state = Mutex(State.unloaded)
    private let load: @Sendable () async -> [String: App]

    /// `load` reads every app from the store (an app it cannot read is left out and logged).
    init(load: @escaping @Sendable () async -> [String: App]) {
        self.load = load
    }

    /// The app named `name`, if published.
    func app(named name: String) async -> App? {
        if case .loaded(let apps) = state.withLock({ $0 }) { return apps[name] }
        await ensureLoaded()
        return await app(named: name)
    }

    /// Every published app.
    func all() async -> [App] {
        await ensureLoaded()
        guard case .loaded(let apps) = state.withLock({ $0 }) else { return [] }
        return Array(apps.values)
    }

    /// After a commit that stored `app` (a new version, a new state or a new key).
    func put(_ app: App) async {
        await ensureLoaded()
        state.withLock { state in
            guard case .loaded(var apps) = state else { return }
            apps[app.name] = app
            state = .loaded(apps)
        }
    }

    /// After a commit that deleted the app.
    func remove(_ name: String) async {
        await ensureLoaded()
        state.withLock { state in
            guard case .loaded(var apps) = state else { return }
            apps[name] = nil
            state = .loaded(apps)
        }
    }

    /// Reads every app from the store again and replaces the view: another engine node saved,
    /// toggled or deleted an app, or regenerated a key (its commit's notification said so).
    /// A view not loaded yet is left to load on first use.
    func reload() async {
        guard case .loaded = state.withLock({ $0 }) else { return }
        let apps = await load()
        state.withLock { state in
            if case .loaded = state { state = .loaded(apps) }
        }
    }

    private func ensureLoaded() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            switch state {
            case .loaded: return nil
            case .loading(let task): return task
            case .unloaded:
                let task = Task { [load] in
                    let apps = await load()
                    self.state.withLock { $0 = .loaded(apps) }
                }
                state = .loading(task)
                return task
            }
        }
        await task?.value
    }
}
